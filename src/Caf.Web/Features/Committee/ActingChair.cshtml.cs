using Caf.Data;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Committee;

/// <summary>The ISU designates who records the decision on an application whose chair is recused.</summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class ActingChairModel(ApplicationAccess access, WorkflowEngine engine, ActingChairs actingChairs,
    CafDbContext db) : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.CommitteeReview;

    [BindProperty] public string? MemberUserId { get; set; }

    /// <summary>Each person on the committee, and whether they are recused from this application.</summary>
    internal IReadOnlyList<(CommitteePerson Person, bool Recused)> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        await LoadPeopleAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        var outcome = await actingChairs.DesignateAsync(Application, User, MemberUserId, ct);
        if (outcome.Succeeded) return Done(InterfaceLanguage.Text("ActingChair.Done"));
        var result = await RefusedAsync(outcome, id, ct);
        await LoadPeopleAsync(ct);
        return result;
    }

    private async Task LoadPeopleAsync(CancellationToken ct) =>
        People = (await CommitteePeople.ListAsync(db, ct)).Select(p => (p, Application.IsRecused(p.UserId, p.StatePartyId))).ToList();
}
