using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Reads whole numbers typed on forms and in query strings as digits with an optional minus, nothing else. The default
/// binder also took "0x10", "#10" or "&amp;h10" as sixteen: a number of days typed that way is refused, not read in hexadecimal.
/// </summary>
internal sealed class StrictIntegerBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context) => StrictDecimalBinder.BindTextAsync(context, text => Read(text));

    /// <summary>The whole number written with digits (and a leading minus), or null.</summary>
    public static int? Read(string text) =>
        text.Length <= 11 && text.TrimStart('-').Length > 0 && text.TrimStart('-').All(char.IsAsciiDigit) && text.LastIndexOf('-') <= 0
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

internal sealed class StrictIntegerBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(int) ? new StrictIntegerBinder() : null;
}
