using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Reads amounts and quantities typed on forms: digits, an optional minus, a decimal point, and thousands separators
/// (comma, apostrophe or space) only between groups of three digits. On an English page "1,5" is refused rather than read as
/// 15: a person who typed one and a half must not commit fifteen. On a French or Spanish page (issue 15) a comma is the
/// decimal separator as those languages write it ("1 234,50", "1.234,50"), and a point still reads as one ("1234.50", what
/// the page itself puts in a field); only "1.500", a thousand and a half or one and a half, is refused there.
/// </summary>
internal sealed partial class StrictDecimalBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context) => BindTextAsync(context, text => Read(text, CultureInfo.CurrentCulture));

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

    /// <summary>The number written with a decimal point, or null when it is not written that one way.</summary>
    private static decimal? WithDecimalPoint(string text)
    {
        // "1,500" is one and a half in French and Spanish, fifteen hundred in English: refused, not guessed.
        if (text.Length > 40 || !Written().IsMatch(text) || Ambiguous().IsMatch(text)) return null;
        var plain = text.Replace(",", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        return decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>The number written as the page's language writes numbers, or as English writes them; null when neither reads it.</summary>
    public static decimal? Read(string text, CultureInfo culture)
    {
        if (culture.NumberFormat.NumberDecimalSeparator != "," || text.Length > 40) return WithDecimalPoint(text);
        if (PointThousands().IsMatch(text)) return null;
        if (DecimalComma().IsMatch(text))
        {
            var plain = GroupSeparators().Replace(text, "").Replace(',', '.');
            return decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
        }
        return WithDecimalPoint(text);
    }

    [GeneratedRegex(@"^-?(\d{1,3}([' .\u00A0\u202F]\d{3})+|\d+)(,\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"[' .\u00A0\u202F]", RegexOptions.CultureInvariant)]
    private static partial Regex GroupSeparators();

    [GeneratedRegex(@"^-?\d{1,3}\.\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PointThousands();

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
