using Caf.Data.Auditing;
using Caf.Web.Features.Audit;

namespace Caf.Web.Infrastructure;

/// <summary>The audit verbs of the command line (ADR 0027): verify the trail, sign a checkpoint.</summary>
internal static class AuditVerbs
{
    public static async Task<int> VerifyAsync(IServiceProvider services, string? checkpointPath, string? publicKeyPath)
    {
        AuditCheckpointFile? kept = null;
        if (checkpointPath is not null)
        {
            if (!File.Exists(checkpointPath)) return CliVerbs.Fail(CliText.Format("Cli.Audit.NoCheckpointFile", checkpointPath));
            (kept, var problem) = AuditCheckpointFile.Read(await File.ReadAllTextAsync(checkpointPath));
            if (problem is not null) return CliVerbs.Fail(CliText.Format($"Cli.Audit.{problem}", checkpointPath, AuditCheckpointFile.CurrentFormat));
        }
        using var publicKey = publicKeyPath is null ? null : AuditSigningKey.Read(publicKeyPath, out _);
        if (publicKeyPath is not null && publicKey is null) return CliVerbs.Fail(CliText.Format("Cli.Audit.NoPublicKey", publicKeyPath));
        var result = await services.GetRequiredService<AuditCheckpoints>().VerifyAsync(kept, publicKey, CancellationToken.None);
        // The result as the Audit page records it ("ok: N records, head HASH"): the same in every language, for scripts and auditors.
        if (result.Ok) Console.WriteLine(result);
        else Console.Error.WriteLine(result);
        return result.Ok ? 0 : 1;
    }

    public static async Task<int> ExportAsync(IServiceProvider services, string outPath, DateOnly? from, DateOnly? to)
    {
        await using var file = File.Create(outPath);
        var records = await services.GetRequiredService<AuditExtract>().WriteAsync(new AuditFilter(from, to, null, null, null, null), file, CancellationToken.None);
        Console.WriteLine(CliText.Format("Cli.Audit.Wrote", records, Path.GetFullPath(outPath)));
        return 0;
    }

    public static async Task<int> CheckpointAsync(IServiceProvider services, string? outPath)
    {
        var (checkpoint, problem) = await services.GetRequiredService<AuditCheckpoints>().WriteAsync(null, CancellationToken.None);
        if (checkpoint is null)
        {
            Console.Error.WriteLine(CliText.Interface("Audit.NotSigned", problem));
            return 1;
        }
        var json = AuditCheckpointFile.Of(checkpoint).ToJson();
        if (outPath is null) Console.WriteLine(json);
        else
        {
            await File.WriteAllTextAsync(outPath, json);
            Console.WriteLine(CliText.Format("Cli.Audit.WroteCheckpoint", checkpoint.Sequence, checkpoint.HeadHash, Path.GetFullPath(outPath)));
        }
        return 0;
    }
}
