using Caf.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Api.Clients;

/// <summary>Registers an API client and shows its secret, once: it is stored only as a hash.</summary>
[Authorize(Roles = CafRoles.Admin)]
public sealed class NewModel(ApiClientRegistry registry) : PageModel
{
    [BindProperty] public ClientInput Input { get; set; } = new();

    /// <summary>Set after a successful registration, for this one response only.</summary>
    internal string? Secret { get; private set; }

    public sealed class ClientInput
    {
        public string? ClientId { get; set; }

        public string? DisplayName { get; set; }

        public List<string> Scopes { get; set; } = [];

        public string? RedirectUri { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Invalid();
        var (problems, secret) = await registry.TryRegisterAsync(
            new ApiClientRegistration(Input.ClientId ?? "", Input.DisplayName ?? "", Input.Scopes, Input.RedirectUri), ct);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems) ModelState.AddModelError($"Input.{field}", message);
            return Invalid();
        }
        Secret = secret;
        // The secret is in this response and nowhere else: no redirect, no TempData, no caching.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
