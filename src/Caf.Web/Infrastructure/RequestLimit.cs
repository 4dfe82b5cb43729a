using Microsoft.AspNetCore.Http.Features;

namespace Caf.Web.Infrastructure;

/// <summary>
/// A page whose form sends a file of its own size (a bank statement of up to 20 MB, where forms take 10 MB) sets what one
/// request to it may carry. A request over that is not read: <see cref="UnreadableRequestMiddleware"/> shows the page as
/// when it is opened, with <see cref="RequestTooLarge"/> set, so that the page says so at its file's field rather than the
/// general "too large" page saying what other forms take.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class RequestLimitAttribute(long maxBytes) : Attribute
{
    public long MaxBytes { get; } = maxBytes;

    /// <summary>The server stops reading a body over the limit (where it lets the limit change: Kestrel, before the body is read).</summary>
    public void Apply(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBytes;
    }

    /// <summary>
    /// The request over the limit made a visit to the page: a GET without the handler it was sent to, its body left unread,
    /// and <see cref="RequestTooLarge"/> set for the page to say what happened.
    /// </summary>
    public void ShowPageInstead(HttpContext context)
    {
        var request = context.Request;
        request.Method = HttpMethods.Get;
        request.QueryString = QueryString.Create(request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase)));
        request.ContentType = null;
        request.ContentLength = 0;
        request.Body = Stream.Null;
        context.Features.Set(new RequestTooLarge(MaxBytes));
    }
}

/// <summary>Set on a request that was over its page's <see cref="RequestLimitAttribute"/>; the page is shown as opened and says so.</summary>
internal sealed record RequestTooLarge(long MaxBytes);
