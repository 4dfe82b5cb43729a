using Caf.Web.Features.Api;
using Caf.Web.Features.Applications;
using Caf.Web.Features.Committee;
using Caf.Web.Features.Finance;
using Caf.Web.Features.Rounds;

namespace Caf.Web.Infrastructure;

/// <summary>The OAuth server and the /api/v1 endpoints (ApiRoutes), each kept in the feature it serves.</summary>
internal static class CafApi
{
    public static IEndpointRouteBuilder MapCafApi(this IEndpointRouteBuilder app)
    {
        AuthorizationServerEndpoints.Map(app);
        RoundsEndpoint.Map(app);
        LedgerEndpoint.Map(app);
        ApplicationsEndpoints.Map(app);
        // Committee scores are read only with the token of a person who sees them on the pages.
        CommitteeScoresEndpoint.Map(app);
        // Anything else under /api answers as an API does (problem+json), not with the sign-in page a browser gets.
        app.MapFallback("/api/{**path}", (HttpRequest request) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
                title: $"There is no API endpoint {request.Method} {request.Path}. The endpoints are listed in the README, under 'API for other systems'."))
            .AllowAnonymous();
        return app;
    }
}
