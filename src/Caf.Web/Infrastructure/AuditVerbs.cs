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
            if (!File.Exists(checkpointPath)) return CliVerbs.Fail($"There is no file '{checkpointPath}'. Give the path of a checkpoint downloaded from the Audit page.");
            (kept, var problem) = AuditCheckpointFile.Read(await File.ReadAllTextAsync(checkpointPath));
            if (problem is not null) return CliVerbs.Fail($"{checkpointPath}: {problem}");
        }
        using var publicKey = publicKeyPath is null ? null : AuditSigningKey.Read(publicKeyPath, out _);
        if (publicKeyPath is not null && publicKey is null) return CliVerbs.Fail($"{publicKeyPath} holds no P-256 public key in PEM: download the key from the Audit page.");
        var result = await services.GetRequiredService<AuditCheckpoints>().VerifyAsync(kept, publicKey, CancellationToken.None);
        if (result.Ok) Console.WriteLine(result);
        else Console.Error.WriteLine(result);
        return result.Ok ? 0 : 1;
    }

    public static async Task<int> ExportAsync(IServiceProvider services, string outPath, DateOnly? from, DateOnly? to)
    {
        await using var file = File.Create(outPath);
        var records = await services.GetRequiredService<AuditExtract>().WriteAsync(new AuditFilter(from, to, null, null, null, null), file, CancellationToken.None);
        Console.WriteLine($"Wrote {records} audit records to {Path.GetFullPath(outPath)}.");
        return 0;
    }

    public static async Task<int> CheckpointAsync(IServiceProvider services, string? outPath)
    {
        var (checkpoint, problem) = await services.GetRequiredService<AuditCheckpoints>().WriteAsync(null, CancellationToken.None);
        if (checkpoint is null)
        {
            Console.Error.WriteLine($"No checkpoint was signed: {problem}");
            return 1;
        }
        var json = AuditCheckpointFile.Of(checkpoint).ToJson();
        if (outPath is null) Console.WriteLine(json);
        else
        {
            await File.WriteAllTextAsync(outPath, json);
            Console.WriteLine($"Wrote the checkpoint of sequence {checkpoint.Sequence} (head {checkpoint.HeadHash}) to {Path.GetFullPath(outPath)}.");
        }
        return 0;
    }
}
