using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string CorrelationId { get; private set; } = "";
    public int Code { get; private set; } = 500;

    public void OnGet(int? code) => Handle(code);
    public void OnPost(int? code) => Handle(code);

    private void Handle(int? code)
    {
        CorrelationId = HttpContext.TraceIdentifier;
        Code = code ?? 500;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
            logger.LogError(failure.Error, "Unhandled error on {Path} (correlation id {CorrelationId})", failure.Path, CorrelationId);
        Response.StatusCode = Code;
    }
}
