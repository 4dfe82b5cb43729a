namespace Caf.Web.Features.Shared;

/// <summary>Reads an uploaded document and says, in words, why it cannot be accepted: empty, too large, or not what its name says.</summary>
internal static class UploadedDocuments
{
    public static async Task<(byte[]? Bytes, string? Problem)> ReadAsync(IFormFile file, int maxBytes, CancellationToken ct)
    {
        var name = Path.GetFileName(file.FileName);
        if (!FileSignatures.IsAllowedExtension(name))
            return (null, $"{name}: attach documents as {string.Join(", ", FileSignatures.Kinds.Keys)}.");
        if (file.Length == 0) return (null, $"{name} is empty. Please attach the document itself.");
        if (file.Length > maxBytes) return (null, $"{name} is larger than {maxBytes / 1024 / 1024} MB. Please attach a smaller version.");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        return FileSignatures.ContentMatchesName(name, bytes)
            ? (bytes, null)
            : (null, $"The content of {name} is not {FileSignatures.Kinds[Path.GetExtension(name).ToLowerInvariant()]} although its name says so. Please attach the document itself.");
    }
}
