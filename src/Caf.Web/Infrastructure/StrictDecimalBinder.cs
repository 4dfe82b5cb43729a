using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Reads amounts and quantities typed on forms: digits, an optional minus, a decimal point, and thousands separators
/// (comma, apostrophe or space) only between groups of three digits. "1,5" is refused rather than read as 15: in French
/// and Spanish a comma is the decimal separator, and a person who typed one and a half must not commit fifteen.
/// </summary>
internal sealed partial class StrictDecimalBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context) => BindTextAsync(context, text => Read(text));

    /// <summary>
    /// Binds a value typed as text by <paramref name="read"/> (null when it is not written the one way accepted): blank is
    /// null for an optional value and "required" otherwise; unreadable is the field's message, by its label.
    /// </summary>
    internal static Task BindTextAsync(ModelBindingContext context, Func<string, object?> read)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, result);
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            // Blank: null for an optional value; "required" for one that must be given, as the default binder says.
            if (context.ModelMetadata.IsReferenceOrNullableType) context.Result = ModelBindingResult.Success(null);
            else context.ModelState.TryAddModelError(context.ModelName,
                context.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(result.FirstValue ?? ""));
            return Task.CompletedTask;
        }
        if (read(text) is { } value) context.Result = ModelBindingResult.Success(value);
        else context.ModelState.TryAddModelError(context.ModelName,
            context.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, context.ModelMetadata.GetDisplayName()));
        return Task.CompletedTask;
    }

    /// <summary>The number written, or null when it is not written the one way the forms accept.</summary>
    public static decimal? Read(string text)
    {
        // "1,500" is one and a half in French and Spanish, fifteen hundred in English: refused, not guessed.
        if (text.Length > 40 || !Written().IsMatch(text) || Ambiguous().IsMatch(text)) return null;
        var plain = text.Replace(",", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        return decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex(@"^-?(\d{1,3}([,' \u00A0]\d{3})+|\d+)(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Written();

    [GeneratedRegex(@"^-?\d{1,3},\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ambiguous();
}

internal sealed class StrictDecimalBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(decimal) ? new StrictDecimalBinder() : null;
}
