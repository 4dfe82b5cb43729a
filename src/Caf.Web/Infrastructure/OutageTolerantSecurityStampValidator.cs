using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Caf.Web.Infrastructure;

/// <summary>
/// The minute's check of a session's security stamp, which reads the database. While the database cannot be reached the
/// session is kept and checked on a later request: failing here would fail the error page too, a 500 instead of the 503
/// "try again in a minute" (ADR 0039).
/// </summary>
internal sealed class OutageTolerantSecurityStampValidator(IOptions<SecurityStampValidatorOptions> options,
    SignInManager<CafUser> signInManager, ILoggerFactory logger) : SecurityStampValidator<CafUser>(options, signInManager, logger)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await base.ValidateAsync(context);
        }
        catch (Exception ex) when (DatabaseOutage.IsUnreachable(ex))
        {
            // Kept as it is: the stamp is checked again on the next request once the database answers.
        }
    }
}
