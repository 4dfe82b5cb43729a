using Caf.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Api.Clients;

/// <summary>Administrators see the programs allowed to call the API and revoke them.</summary>
[Authorize(Roles = CafRoles.Admin)]
public sealed class IndexModel(ApiClientRegistry registry) : PageModel
{
    internal IReadOnlyList<ApiClient> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Clients = await registry.ListAsync(ct);

    public async Task<IActionResult> OnPostRevokeAsync(string? clientId, CancellationToken ct)
    {
        if (!await registry.RevokeAsync(clientId ?? "", ct))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            ModelState.AddModelError(string.Empty, InterfaceLanguage.Format("ApiClients.NoSuchClient", clientId));
            Clients = await registry.ListAsync(ct);
            return Page();
        }
        TempData["Message"] = InterfaceLanguage.Format("ApiClients.Revoked", clientId);
        return RedirectToPage();
    }
}
