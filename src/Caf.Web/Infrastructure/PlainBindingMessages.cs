using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Model-binding errors in words a person understands, naming the field by its label ("Unit cost must be a number"),
/// never by its property name and never repeating what was typed as if it were the problem.
/// </summary>
internal sealed partial class PlainBindingMessages : IBindingMetadataProvider
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((_, field) => Say("Binding.CouldNotRead", Label(field)));
        p.SetValueIsInvalidAccessor(_ => Say("Binding.ValueUnreadable"));
        p.SetValueMustBeANumberAccessor(field => Say("Binding.MustBeNumber", Label(field)));
        p.SetValueMustNotBeNullAccessor(field => Say("Binding.Required", Label(field)));
        p.SetMissingBindRequiredValueAccessor(field => Say("Binding.Required", Label(field)));
        p.SetMissingKeyOrValueAccessor(() => Say("Binding.ValueRequired"));
        p.SetUnknownValueIsInvalidAccessor(field => Say("Binding.NotValidFor", Label(field, lower: true)));
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Say("Binding.ValueUnreadable"));
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => Say("Binding.ValueNotValid"));
        p.SetNonPropertyValueMustBeANumberAccessor(() => Say("Binding.ThisMustBeNumber"));
        p.SetMissingRequestBodyRequiredValueAccessor(() => Say("Binding.EmptyForm"));
    }

    /// <summary>Says what kind of value the field expects, by the type of the property it binds to.</summary>
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        // Each property has its own copy of the provider (ASP.NET Core makes one per model metadata), so this is local.
        // The messages are made when a request needs them, in that request's language: only keys are kept here.
        if (context.BindingMetadata.ModelBindingMessageProvider is not DefaultModelBindingMessageProvider p) return;
        // The null-value message is given the value, not the field: name the field by its own label here.
        if (context.Key.Name is { } name)
        {
            var display = context.Attributes.OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.GetName() ?? name;
            p.SetValueMustNotBeNullAccessor(_ => Say("Binding.Required", Label(InterfaceLanguage.Text(display))));
        }
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        var expected =
            type == typeof(decimal) || type == typeof(double) ? "Binding.ExpectNumber"
            : type == typeof(int) || type == typeof(long) ? "Binding.ExpectWholeNumber"
            : type == typeof(DateOnly) ? "Binding.ExpectDate"
            : type == typeof(DateTime) || type == typeof(DateTimeOffset) ? "Binding.ExpectDateTime"
            : type == typeof(Guid) || type.IsEnum ? "Binding.ExpectChoice"
            : type == typeof(bool) ? "Binding.ExpectTick"
            : null;
        if (expected is null) return;
        if (type == typeof(decimal) || type == typeof(double)) p.SetAttemptedValueIsInvalidAccessor((typed, field) => NotANumber(Label(field), typed));
        else p.SetAttemptedValueIsInvalidAccessor((_, field) => Say(expected, Label(field)));
        p.SetUnknownValueIsInvalidAccessor(field => Say(expected, Label(field)));
    }

    private static string Say(string key, params object?[] args) => InterfaceLanguage.Format(key, args);

    /// <summary>A label for a field: its display name as written, or a property name in words ("UnitCost" → "Unit cost").</summary>
    internal static string Label(string field, bool lower = false)
    {
        if (field.Length == 0) return Say(lower ? "Binding.ThisFieldLower" : "Binding.ThisField");
        // A list of numbers has no property to name, only its type ("Nullable`1"): never shown.
        if (field.Contains('`', StringComparison.Ordinal)) return Say(lower ? "Binding.ThisValueLower" : "Binding.ThisValue");
        if (field.Contains(' ')) return lower ? char.ToLowerInvariant(field[0]) + field[1..] : field;
        var words = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (i > 0 && char.IsUpper(c)) words.Append(' ');
            words.Append(i == 0 && !lower ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }
        return words.ToString();
    }

    /// <summary>
    /// Why a typed amount could not be read, by its field's label. On an English page, a number written with a decimal
    /// comma as French and Spanish write it ("1,5", "1.500,00") is shown as it should be written; "1,500", one and a half or
    /// fifteen hundred, both ways. On a French or Spanish page, where the comma is read, "1.500" is shown both ways.
    /// </summary>
    internal static string NotANumber(string label, string? typed)
    {
        var message = Say("Binding.MustBeNumber", label);
        var text = typed?.Trim() ?? "";
        if (System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator == ",")
            return PointThousands().IsMatch(text)
                ? $"{message} {Say("Binding.PointOrThousands", text.Replace('.', ',').TrimEnd('0').TrimEnd(','), text.Replace(".", "", StringComparison.Ordinal), text)}"
                : message;
        if (!DecimalComma().IsMatch(text)) return message;
        var withPoint = text.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
            .Replace("\u00A0", "", StringComparison.Ordinal).Replace(',', '.');
        return ThousandsOrDecimals().IsMatch(text)
            ? $"{message} {Say("Binding.CommaOrThousands", withPoint.TrimEnd('0').TrimEnd('.'), text.Replace(",", "", StringComparison.Ordinal), text)}"
            : $"{message} {Say("Binding.CommaDecimals", withPoint, text)}";
    }

    [GeneratedRegex(@"^-?\d{1,3}\.\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PointThousands();

    [GeneratedRegex(@"^-?(\d{1,3}([. \u00A0]\d{3})+|\d+),\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^-?\d{1,3},\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsOrDecimals();
}
