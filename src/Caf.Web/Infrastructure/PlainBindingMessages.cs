using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Caf.Web.Infrastructure;

/// <summary>Model-binding errors in words a person understands.</summary>
internal static class PlainBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{value}' is not valid for {field}. Write numbers with digits and a decimal point, for example 1250.50.");
        p.SetValueIsInvalidAccessor(value => $"'{value}' is not valid here.");
        p.SetValueMustBeANumberAccessor(field => $"{field} must be a number, for example 1250.50.");
        p.SetValueMustNotBeNullAccessor(field => $"{field} is required.");
        p.SetMissingBindRequiredValueAccessor(field => $"{field} is required.");
        p.SetUnknownValueIsInvalidAccessor(field => $"The value given for {field} is not valid.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"'{value}' is not valid here.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "This must be a number, for example 1250.50.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "The form was empty. Please fill it in and send it again.");
    }
}
