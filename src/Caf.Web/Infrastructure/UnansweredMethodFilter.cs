using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Caf.Web.Infrastructure;

/// <summary>
/// A request that no handler of the page answers (a POST to a page that only shows, an unknown <c>handler</c>, a PUT or
/// a DELETE) is refused: 404 for an unknown handler, 405 otherwise. Without this, Razor Pages renders the page with no
/// handler run, so nothing is loaded and the view fails with a server error.
/// </summary>
public sealed class UnansweredMethodFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HandlerMethod is not null || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || context.HandlerInstance is Features.ErrorModel)
            return next();
        var named = context.RouteData.Values.ContainsKey("handler") || request.Query.ContainsKey("handler");
        context.Result = new StatusCodeResult(named ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
