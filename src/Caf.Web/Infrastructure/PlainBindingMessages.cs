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
        p.SetAttemptedValueIsInvalidAccessor((_, field) => $"{Label(field)} could not be read. Write numbers with digits and a decimal point, for example 1250.50.");
        p.SetValueIsInvalidAccessor(_ => "This value could not be read.");
        p.SetValueMustBeANumberAccessor(field => $"{Label(field)} must be a number, for example 1250.50.");
        p.SetValueMustNotBeNullAccessor(field => $"{Label(field)} is required.");
        p.SetMissingBindRequiredValueAccessor(field => $"{Label(field)} is required.");
        p.SetMissingKeyOrValueAccessor(() => "A value is required.");
        p.SetUnknownValueIsInvalidAccessor(field => $"The value given for {Label(field, lower: true)} is not valid.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "This value could not be read.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "This value is not valid.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "This must be a number, for example 1250.50.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "The form was empty. Please fill it in and send it again.");
    }

    /// <summary>Says what kind of value the field expects, by the type of the property it binds to.</summary>
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        // Each property has its own copy of the provider (ASP.NET Core makes one per model metadata), so this is local.
        if (context.BindingMetadata.ModelBindingMessageProvider is not DefaultModelBindingMessageProvider p) return;
        // The null-value message is given the value, not the field: name the field by its own label here.
        if (context.Key.Name is { } name)
        {
            var label = Label(context.Attributes.OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.GetName() ?? name);
            p.SetValueMustNotBeNullAccessor(_ => $"{label} is required.");
        }
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        var expected =
            type == typeof(decimal) || type == typeof(double) ? "must be a number, for example 1250.50"
            : type == typeof(int) || type == typeof(long) ? "must be a whole number, for example 3"
            : type == typeof(DateOnly) ? "must be a date, for example 2027-03-01"
            : type == typeof(DateTime) || type == typeof(DateTimeOffset) ? "must be a date and time, for example 2027-03-01 09:00"
            : type == typeof(Guid) || type.IsEnum ? "must be chosen from the list"
            : type == typeof(bool) ? "must be ticked or left empty"
            : null;
        if (expected is null) return;
        if (type == typeof(decimal) || type == typeof(double)) p.SetAttemptedValueIsInvalidAccessor((typed, field) => NotANumber(Label(field), typed));
        else p.SetAttemptedValueIsInvalidAccessor((_, field) => $"{Label(field)} {expected}.");
        p.SetUnknownValueIsInvalidAccessor(field => $"{Label(field)} {expected}.");
    }

    /// <summary>A label for a field: its display name as written, or a property name in words ("UnitCost" → "Unit cost").</summary>
    internal static string Label(string field, bool lower = false)
    {
        if (field.Length == 0) return lower ? "this field" : "This field";
        // A list of numbers has no property to name, only its type ("Nullable`1"): never shown.
        if (field.Contains('`', StringComparison.Ordinal)) return lower ? "this value" : "This value";
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
    /// Why a typed amount could not be read, by its field's label. Written with a decimal comma as French and Spanish write
    /// it ("1,5", "1.500,00"), the message shows how to write it; "1,500", one and a half or fifteen hundred, both ways.
    /// </summary>
    internal static string NotANumber(string label, string? typed)
    {
        var message = $"{label} must be a number, for example 1250.50.";
        var text = typed?.Trim() ?? "";
        if (!DecimalComma().IsMatch(text)) return message;
        var withPoint = text.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
            .Replace("\u00A0", "", StringComparison.Ordinal).Replace(',', '.');
        return ThousandsOrDecimals().IsMatch(text)
            ? $"{message} Write {withPoint.TrimEnd('0').TrimEnd('.')} or {text.Replace(",", "", StringComparison.Ordinal)} rather than {text}: a point before the decimals, no comma."
            : $"{message} Write {withPoint} rather than {text}: a point before the decimals, not a comma.";
    }

    [GeneratedRegex(@"^-?(\d{1,3}([. \u00A0]\d{3})+|\d+),\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^-?\d{1,3},\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsOrDecimals();
}
