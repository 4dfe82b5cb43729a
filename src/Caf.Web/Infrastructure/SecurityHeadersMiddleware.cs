namespace Caf.Web.Infrastructure;

/// <summary>
/// Security headers on every response: a Content-Security-Policy with no inline script and no framing, no MIME
/// sniffing, a referrer policy that keeps application addresses inside the site, and no caching of anything but the
/// static files: pages, downloads and API answers hold personal or financial data that must not stay in a shared
/// computer's or a proxy's cache (issue #10, S5).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Styles may be inline: Mermaid writes a <style> into each diagram it draws. Scripts may not. No form-action:
    // Chrome applies it to the redirect that returns a signed-in person to an OAuth client's own site.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private const string StaticFile = "caf.static-file";

    /// <summary>Static files (CSS, scripts) hold nothing personal and keep their caching: the static-file middleware marks them.</summary>
    public static void MarkStaticFile(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext file) =>
        file.Context.Items[StaticFile] = true;

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
            if (!context.Items.ContainsKey(StaticFile)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
