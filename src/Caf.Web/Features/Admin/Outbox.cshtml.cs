using Caf.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Admin;

/// <summary>Email the outbox gave up on, with why, and a button to send one again.</summary>
[Authorize(Roles = CafRoles.Admin)]
public sealed class OutboxModel(OutboxMessages messages) : PageModel
{
    internal IReadOnlyList<FailedMessage> Failed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Failed = await messages.FailedAsync(ct);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct)
    {
        TempData["Message"] = await messages.ResendAsync(id, ct) ?? InterfaceLanguage.Text("Outbox.Requeued");
        return RedirectToPage();
    }
}
