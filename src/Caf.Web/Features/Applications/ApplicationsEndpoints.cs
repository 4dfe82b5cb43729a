using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

public sealed record ApiApplication(Guid Id, string? Reference, string Title, string? ApplicantState, string Stage, ApiMoney Requested);

public sealed record ApiApplicationList(IReadOnlyList<ApiApplication> Applications);

/// <summary>
/// The applications under /api/v1 (ApiRoutes): a program acting for itself reads applications past their draft; a
/// person's token sees what that person sees on the pages, and an applicant's may create drafts for their State Party.
/// </summary>
internal static class ApplicationsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = ApiRoutes.V1(app);
        api.MapGet("/applications", ListApplicationsAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapGet("/applications/{id:guid}", ReadApplicationAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapGet($"/applications/{{reference:regex({ApiRoutes.ReferencePattern})}}", ReadApplicationByReferenceAsync)
            .RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapPost("/applications", CreateDraftAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsWrite).DisableAntiforgery();
    }

    private static async Task<Ok<ApiApplicationList>> ListApplicationsAsync(ApiCallers callers, ClaimsPrincipal token, CancellationToken ct)
    {
        var applications = await (await callers.VisibleApplicationsAsync(token)).ToListAsync(ct);
        return TypedResults.Ok(new ApiApplicationList(applications
            .OrderBy(a => a.Reference, StringComparer.Ordinal).Select(ToApi).ToList()));
    }

    private static Task<Results<Ok<ApiApplication>, ProblemHttpResult>> ReadApplicationAsync(Guid id, ApiCallers callers,
        ClaimsPrincipal token, CancellationToken ct) =>
        ReadOneAsync(callers, token, a => a.Id == id, "There is no application with this id that you may see.", ct);

    private static Task<Results<Ok<ApiApplication>, ProblemHttpResult>> ReadApplicationByReferenceAsync(string reference,
        ApiCallers callers, ClaimsPrincipal token, CancellationToken ct) =>
        ReadOneAsync(callers, token, a => a.Reference == reference, "There is no application with this reference that you may see.", ct);

    private static async Task<Results<Ok<ApiApplication>, ProblemHttpResult>> ReadOneAsync(ApiCallers callers, ClaimsPrincipal token,
        System.Linq.Expressions.Expression<Func<GrantApplication, bool>> which, string notFound, CancellationToken ct) =>
        await (await callers.VisibleApplicationsAsync(token)).FirstOrDefaultAsync(which, ct) is { } application
            ? TypedResults.Ok(ToApi(application))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: notFound);

    /// <summary>
    /// A draft for the applicant's own State Party, checked by the Edit page's rules and created the way the page creates
    /// one: the workflow started and entered, then the form applied and saved as one unit of work. Nothing is written
    /// while any field is refused, and every refused field is listed at once.
    /// </summary>
    private static async Task<Results<Created<ApiApplication>, ValidationProblem, ProblemHttpResult>> CreateDraftAsync(HttpRequest request,
        ApiCallers callers, ClaimsPrincipal token, CafDbContext db, Drafts drafts,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var person = (await callers.ResolveAsync(token)).Person;
        if (person is null || !person.IsInRole(CafRoles.Applicant) || person.StatePartyId() is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Only a token of an applicant, acting for their own State Party, can create a draft.");
        var (draft, unreadable) = await ApiRequest.ReadJsonAsync<ApiDraft>(request, json.Value.SerializerOptions, ct);
        if (unreadable is not null) return unreadable;

        var states = await db.StateParties.AsNoTracking().ToListAsync(ct);
        var (form, errors) = draft!.ToForm(states);
        var proposal = form.ToDraft() with { Currency = draft.Currency };
        // Every refused field at once: what the JSON got wrong, and every rule of the draft and its round.
        foreach (var (field, message) in await drafts.ProblemsAsync(person, proposal, existing: null, ct))
        {
            var key = ApiDraft.FieldName(DraftForm.FieldKey(field));
            if (!errors.TryGetValue(key, out var messages)) errors[key] = messages = [];
            if (!messages.Contains(message)) messages.Add(message);
        }
        if (errors.Count > 0) return Invalid(errors.Select(e => (e.Key, e.Value)));

        var (outcome, application, _) = await drafts.CreateAsync(person, proposal, [], id: null, ct);
        if (outcome.StatusCode == StatusCodes.Status400BadRequest)
            return Invalid(outcome.Errors.GroupBy(e => ApiDraft.FieldName(DraftForm.FieldKey(e.Field)), e => e.Message)
                .Select(g => (g.Key, g.ToList())));
        if (!outcome.Succeeded)
            return TypedResults.Problem(statusCode: outcome.StatusCode, title: string.Join(" ", outcome.Errors.Select(e => e.Message)));

        var created = await (await callers.VisibleApplicationsAsync(token)).FirstAsync(a => a.Id == application!.Id, ct);
        return TypedResults.Created($"/api/v1/applications/{created.Id}", ToApi(created));
    }

    private static ValidationProblem Invalid(IEnumerable<(string Field, List<string> Messages)> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Field, e => e.Messages.ToArray()),
            title: "The draft was not saved: correct the fields listed.");

    private static ApiApplication ToApi(GrantApplication a) =>
        new(a.Id, a.Reference, a.Title, a.ApplicantState?.IsoCode, a.Stage, ApiMoney.From(a.RequestedAmount));
}
