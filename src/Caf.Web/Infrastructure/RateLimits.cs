using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Limits on the endpoints that guess passwords or secrets: sign-in, password reset and the token endpoint, counted
/// per client address and endpoint. Past the limit: 429 with Retry-After, and a plain message.
/// </summary>
internal static class RateLimits
{
    private static readonly string[] LimitedPaths = ["/Account/Login", "/Account/ForgotPassword", "/Account/ResetPassword", "/connect/token"];

    public static void AddCafRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = LimitedPaths.FirstOrDefault(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
                if (path is null || !HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("unlimited");
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{path}|{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    $"Too many attempts from your connection. Please wait {seconds} seconds and try again.", ct);
            };
        });
    }
}
