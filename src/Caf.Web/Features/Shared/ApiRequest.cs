using System.Globalization;
using System.Text.Json;
using Caf.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Reads what a program sent to /api/v1 ourselves rather than through parameter binding, which answers 500 (Development)
/// or 400 with an empty body (elsewhere) to a body or query it cannot read: here it is always 400 with problem details
/// naming the field.
/// </summary>
internal static class ApiRequest
{
    /// <summary>Far more than any draft a person could type (200 rows of every list); a larger body is refused unread.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, JsonSerializerOptions options,
        CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send the body as JSON, with the header Content-Type: application/json."));
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxBodyBytes) return (null, TooLarge());
            body.Write(buffer, 0, read);
        }
        body.Position = 0;
        try
        {
            if (JsonSerializer.Deserialize<T>(body, options) is not { } value) return (null, Unreadable("body", "Send the draft as a JSON object."));
            return NulField(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } field
                ? (null, Unreadable(field, "This text contains a NUL character (\\u0000), which cannot be stored. Remove it."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            // The path names the field ("$.budget[0].quantity"); the exception's message names .NET types, so it stays in.
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return (null, Unreadable(field, field == "body"
                ? "The body is not valid JSON: check the brackets, quotes and commas."
                : "This value cannot be read: write numbers as digits (1250.50), dates as YYYY-MM-DD, ids as they were given, text in quotes and lists in [ ]."));
        }
    }

    /// <summary>The property whose text holds a NUL character, which PostgreSQL cannot store; null when none does.</summary>
    private static string? NulField(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\u0000"u8) < 0) return null;
        var reader = new Utf8JsonReader(json);
        var property = "body";
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName) property = reader.GetString() ?? "body";
            if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && reader.GetString()?.Contains('\0') == true)
                return property;
        }
        return null;
    }

    /// <summary>A date as YYYY-MM-DD within <see cref="Bounds"/>, or none given.</summary>
    public static bool TryReadDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            || Bounds.Date("The date", value) is not null)
            return false;
        date = value;
        return true;
    }

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request was not understood.");

    private static ProblemHttpResult Unreadable(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The body could not be read; nothing was saved.",
        });

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            title: $"The body is larger than {MaxBodyBytes / 1024:N0} KB; nothing was saved.");
}
