using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Caf.Data.Auditing;

/// <summary>
/// Personal values in audit records, kept so that they can be erased without breaking the chain (ADR 0028). Where a
/// record's hashed details would hold a personal value they hold <c>{"personal":"DIGEST"}</c>, DIGEST being the SHA-256 of
/// a random salt and the value; the record's <c>PersonalValues</c> column, outside the hash, maps each DIGEST to its salt
/// and value. Reading a record puts the values back; verifying checks each kept value against its digest; erasing empties
/// the kept values, and what remains — a salted digest whose salt is gone — says nothing about the person.
/// </summary>
public static class AuditPersonalData
{
    /// <summary>What a reader sees where an erased value was.</summary>
    public const string Erased = "(erased)";

    private const string Marker = "personal";

    /// <summary>The personal values of one record as they are gathered, to be kept beside it.</summary>
    public sealed class Collector
    {
        private readonly JsonObject _kept = [];

        public bool IsEmpty => _kept.Count == 0;

        /// <summary>The marker to write in the hashed details in place of <paramref name="value"/>; null stays null.</summary>
        public object? Seal(object? value)
        {
            if (value is null) return null;
            var salt = RandomNumberGenerator.GetBytes(16);
            var json = JsonSerializer.SerializeToNode(value);
            var digest = Digest(salt, json);
            _kept[digest] = new JsonObject { ["salt"] = Convert.ToBase64String(salt), ["value"] = json };
            return new Dictionary<string, string> { [Marker] = digest };
        }

        /// <summary>The <c>PersonalValues</c> column: null when nothing personal was sealed.</summary>
        public string? ToJson() => IsEmpty ? null : _kept.ToJsonString();
    }

    /// <summary>
    /// The details with each personal marker replaced by its kept value, or by "(erased)" when it was erased; the details
    /// as stored when they hold no marker or are not JSON.
    /// </summary>
    public static string? Reveal(string? details, string? personalValues)
    {
        if (details is null || !details.Contains($"\"{Marker}\"", StringComparison.Ordinal)) return details;
        var kept = Kept(personalValues);
        try
        {
            var node = JsonNode.Parse(details);
            return Replace(node, kept)?.ToJsonString() ?? details;
        }
        catch (JsonException)
        {
            return details;
        }
    }

    /// <summary>
    /// What is wrong with the personal values kept beside a record, if anything: each must be one the details name by
    /// its digest, and its salt and value must still give that digest (else it was changed after it was written).
    /// </summary>
    public static string? Problem(string? details, string? personalValues)
    {
        if (personalValues is null) return null;
        JsonObject? kept;
        try
        {
            kept = JsonNode.Parse(personalValues) as JsonObject;
        }
        catch (JsonException)
        {
            return "personal values changed: what is kept beside the record is not readable.";
        }
        if (kept is null) return "personal values changed: what is kept beside the record is not readable.";
        foreach (var (digest, entry) in kept)
        {
            if (details is null || !details.Contains($"\"{Marker}\":\"{digest}\"", StringComparison.Ordinal))
                return "personal value added: a value kept beside the record is not one its details name.";
            if (entry?["salt"]?.GetValue<string>() is not { } salt || !TryBase64(salt, out var saltBytes) || Digest(saltBytes, entry["value"]) != digest)
                return "personal value changed: a value kept beside the record no longer gives the salted hash its details hold.";
        }
        return null;
    }

    /// <summary>
    /// The kept values without those equal to <paramref name="isErased"/>'s choice: null when none remain. The column
    /// as it was when nothing is erased.
    /// </summary>
    public static string? Without(string? personalValues, Func<JsonNode?, bool> isErased)
    {
        var kept = Kept(personalValues);
        if (kept.Count == 0) return null;
        foreach (var digest in kept.Where(p => isErased(p.Value?["value"])).Select(p => p.Key).ToList()) kept.Remove(digest);
        return kept.Count == 0 ? null : kept.ToJsonString();
    }

    /// <summary>The values kept beside a record, as they were given (strings as strings).</summary>
    public static IEnumerable<object?> Values(string? personalValues) =>
        Kept(personalValues).Select(p => p.Value?["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : (object?)p.Value?["value"]?.ToJsonString());

    private static JsonNode? Replace(JsonNode? node, JsonObject kept)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o[Marker] is JsonValue v && v.TryGetValue<string>(out var digest):
                return kept[digest]?["value"]?.DeepClone() ?? JsonValue.Create(Erased);
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                    if (Replace(o[name], kept) is var replaced && !ReferenceEquals(replaced, o[name])) o[name] = replaced;
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (Replace(a[i], kept) is var replaced && !ReferenceEquals(replaced, a[i])) a[i] = replaced;
                return a;
            default:
                return node;
        }
    }

    private static JsonObject Kept(string? personalValues)
    {
        if (personalValues is null) return [];
        try
        {
            return JsonNode.Parse(personalValues) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Digest(byte[] salt, JsonNode? value) =>
        Convert.ToHexStringLower(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null")]));

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var written)) return false;
        bytes = bytes[..written];
        return true;
    }
}
