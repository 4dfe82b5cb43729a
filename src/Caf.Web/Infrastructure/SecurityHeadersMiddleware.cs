namespace Caf.Web.Infrastructure;

/// <summary>
/// Security headers on every response: a Content-Security-Policy with no inline script and no framing, no MIME
/// sniffing, and a referrer policy that keeps application addresses inside the site.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Styles may be inline: Mermaid writes a <style> into each diagram it draws. Scripts may not. No form-action:
    // Chrome applies it to the redirect that returns a signed-in person to an OAuth client's own site.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
