using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace Caf.Web.Infrastructure;

/// <summary>
/// A form that cannot be read (broken multipart, a file name that breaks its header, too many fields, too large) or a
/// form or query carrying a NUL character — which nobody types and PostgreSQL cannot store — answers 400 here, before
/// any page or endpoint sees it. The status-code page then explains it without reading the body again. A page with its
/// own <see cref="RequestLimitAttribute"/> is shown instead, as opened, when a request to it is over that limit.
/// </summary>
internal sealed class UnreadableRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The error page re-executes this same request: its body was judged the first time.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<RequestLimitAttribute>();
        limit?.Apply(context);
        switch (await ProblemAsync(context.Request, limit?.MaxBytes))
        {
            case StatusCodes.Status413PayloadTooLarge when limit is not null:
                limit.ShowPageInstead(context);
                break;
            case { } status:
                context.Response.StatusCode = status;
                return;
        }
        await next(context);
    }

    private static async Task<int?> ProblemAsync(HttpRequest request, long? maxBytes)
    {
        if (HasNul(request.Query)) return StatusCodes.Status400BadRequest;
        if (!request.HasFormContentType) return null;
        // Said by the request itself: not read at all.
        if (request.ContentLength > maxBytes) return StatusCodes.Status413PayloadTooLarge;
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return HasNul(form) || form.Files.Any(f => f.FileName.Contains('\0') || f.Name.Contains('\0'))
                ? StatusCodes.Status400BadRequest
                : null;
        }
        catch (InvalidDataException)
        {
            return StatusCodes.Status400BadRequest;
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode;
        }
        catch (IOException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A multipart body that ends early.
            return StatusCodes.Status400BadRequest;
        }
    }

    private static bool HasNul(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.Any(v => v.Key.Contains('\0') || v.Value.Any(s => s?.Contains('\0') == true));
}
