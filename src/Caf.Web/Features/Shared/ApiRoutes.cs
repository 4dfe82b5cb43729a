using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The API under /api/v1, whose endpoints live in the features they serve. Every endpoint but the open rounds demands a
/// bearer access token from this application's own OAuth server with the endpoint's scope (ApiScopes): 401 without one
/// (a page cookie is not one), 403 when the scope is missing.
/// </summary>
internal static class ApiRoutes
{
    /// <summary>The group each feature maps its /api/v1 endpoints in.</summary>
    // Status codes stay bare here: a program reading JSON should not receive the HTML error page.
    public static RouteGroupBuilder V1(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithMetadata(new SkipStatusCodePagesAttribute());
        group.AddEndpointFilter(RecordReadAsync);
        return group;
    }

    internal const string ReadAction = "api.read";

    /// <summary>
    /// Every read of the API by a program is in the audit trail (issue 13): which program, what it asked for and what it
    /// was answered. The open rounds, which anyone may read, are not.
    /// </summary>
    private static async ValueTask<object?> RecordReadAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated != true) return result;
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        await http.RequestServices.GetRequiredService<RecordedReads>().RecordAsync(ReadAction, "Api", null, new
        {
            client = http.User.FindFirst("client_id")?.Value ?? http.User.FindFirst("azp")?.Value ?? http.User.FindFirst("sub")?.Value,
            path = http.Request.Path.Value,
            query = http.Request.QueryString.Value,
            status,
        }, http.RequestAborted);
        return result;
    }

    /// <summary>CAF-YYYY-NNN, as GrantApplication numbers them; braces doubled for the route template.</summary>
    public const string ReferencePattern = @"^CAF-\d{{4}}-\d{{3,}}$";
}
