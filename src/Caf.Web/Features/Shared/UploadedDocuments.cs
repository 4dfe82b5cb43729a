namespace Caf.Web.Features.Shared;

/// <summary>Reads an uploaded document and says, in words, why it cannot be accepted: empty, too large, or not what its name says.</summary>
internal static class UploadedDocuments
{
    public static Task<(byte[]? Bytes, string? Problem)> ReadAsync(IFormFile file, int maxBytes, CancellationToken ct) =>
        ReadAsync(file, maxBytes, FileSignatures.Kinds, ct);

    /// <param name="kinds">The kinds accepted, by extension (<see cref="FileSignatures.Kinds"/>, <see cref="FileSignatures.ScanKinds"/>).</param>
    public static async Task<(byte[]? Bytes, string? Problem)> ReadAsync(IFormFile file, int maxBytes, IReadOnlyDictionary<string, string> kinds,
        CancellationToken ct)
    {
        var name = Path.GetFileName(file.FileName);
        if (!FileSignatures.IsAllowedExtension(name, kinds))
            return (null, InterfaceLanguage.Format("Upload.WrongKind", name, string.Join(", ", kinds.Keys)));
        if (file.Length == 0) return (null, InterfaceLanguage.Format("Upload.Empty", name));
        if (file.Length > maxBytes) return (null, InterfaceLanguage.Format("Upload.TooLarge", name, maxBytes / 1024 / 1024));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        return FileSignatures.ContentMatchesName(name, bytes)
            ? (bytes, null)
            : (null, InterfaceLanguage.Format("Upload.NotWhatItSays", name, InterfaceLanguage.Text(kinds[Path.GetExtension(name).ToLowerInvariant()])));
    }
}
