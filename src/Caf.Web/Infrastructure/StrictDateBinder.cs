using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Reads dates typed on forms and in query strings in one way only, YYYY-MM-DD (what a date field sends). "05.11.2026" or
/// "12/01/2026" is refused rather than guessed: read month first it would book 11 May for a French user's 5 November.
/// </summary>
internal sealed class StrictDateBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context) => StrictDecimalBinder.BindTextAsync(context, text => Read(text));

    /// <summary>The date written as YYYY-MM-DD, or null.</summary>
    public static DateOnly? Read(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

internal sealed class StrictDateBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(DateOnly) ? new StrictDateBinder() : null;
}
