using OpenIddict.Abstractions;
using Quartz;

namespace Caf.Web.Features.Api;

/// <summary>
/// Deletes the OAuth tokens and authorizations that can no longer be used (expired, redeemed, revoked) once they are
/// older than <see cref="Retention"/>. Our own job because OpenIddict.Quartz is not available to this project.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class TokenPruningJob(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations,
    TimeProvider clock, ILogger<TokenPruningJob> logger) : IJob
{
    public const string Name = "prune-oauth-tokens";

    /// <summary>Long enough to look into a token's history after the fact (the refresh-token lifetime is 14 days too).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await Infrastructure.OutageTolerantJob.RunAsync(logger, Name, async () =>
        {
            var threshold = clock.GetUtcNow() - Retention;
            var prunedTokens = await tokens.PruneAsync(threshold, cancellationToken);
            var prunedAuthorizations = await authorizations.PruneAsync(threshold, cancellationToken);
            Log.Pruned(logger, prunedTokens, prunedAuthorizations, threshold);
        });

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information,
            Message = "Pruned {Tokens} OAuth token(s) and {Authorizations} authorization(s) older than {Threshold:u}.")]
        public static partial void Pruned(ILogger logger, long tokens, long authorizations, DateTimeOffset threshold);
    }
}
