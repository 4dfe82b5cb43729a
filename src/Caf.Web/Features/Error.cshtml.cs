using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features;

/// <summary>
/// The polite page for every failure. It never reads the request's form: a request is re-executed here because its
/// body could not be read, so reading it again would fail again. It answers the original status.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed partial class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string CorrelationId { get; private set; } = "";
    public int Code { get; private set; } = 500;

    // No parameters: binding one would look in the form of a re-executed POST.
    public void OnGet() => Handle();
    public void OnPost() => Handle();

    // A refused PUT, DELETE or PATCH is re-executed here with its own method, which no handler above answers.
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) Handle();
    }

    private void Handle()
    {
        CorrelationId = HttpContext.TraceIdentifier;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            // The exception handler has already chosen the status (CafHost: 400 for an unreadable request, 503 for an
            // unreachable database, else 500).
            Code = Response.StatusCode is >= 400 and <= 599 ? Response.StatusCode : 500;
            if (Code == StatusCodes.Status503ServiceUnavailable)
            {
                // Expected while the database is down: one line, not a stack trace per request.
                Log.DatabaseUnreachable(logger, failure.Path, CorrelationId, failure.Error.GetBaseException().Message);
                Response.Headers.RetryAfter = RetryAfterSeconds;
            }
            else
                Log.Unhandled(logger, failure.Error, failure.Path, CorrelationId);
        }
        else if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
            Code = reExecuted.OriginalStatusCode;
        else
            Code = RequestedCode(Request.Query["code"]);
        Response.StatusCode = Code;
    }

    /// <summary>
    /// A visit to /Error?code=N reflects only a real error status; anything else (a word, 0, 101, 302) shows the general
    /// page with 200, since nothing has failed.
    /// </summary>
    internal static int RequestedCode(string? code) =>
        int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
        && value is >= 400 and <= 599
            ? value
            : StatusCodes.Status200OK;

    /// <summary>What the 503 page asks of a person ("try again in a minute"), said to programs too.</summary>
    internal const string RetryAfterSeconds = "60";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached; answered 503 on {Path} (correlation id {CorrelationId}): {Reason}")]
        public static partial void DatabaseUnreachable(ILogger logger, string path, string correlationId, string reason);


        [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path} (correlation id {CorrelationId})")]
        public static partial void Unhandled(ILogger logger, Exception exception, string path, string correlationId);
    }
}
