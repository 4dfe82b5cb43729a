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
    public static RouteGroupBuilder V1(IEndpointRouteBuilder app) => app.MapGroup("/api/v1").WithMetadata(new SkipStatusCodePagesAttribute());

    /// <summary>CAF-YYYY-NNN, as GrantApplication numbers them; braces doubled for the route template.</summary>
    public const string ReferencePattern = @"^CAF-\d{{4}}-\d{{3,}}$";
}
