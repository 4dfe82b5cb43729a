namespace Caf.Data.Auditing;

/// <summary>
/// A property whose value the audit trail never copies (issue 13): its records say only that it was set or changed
/// ("(secret)", "(secret changed)"), as for the grantee's encrypted bank details.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditedAsSecretAttribute : Attribute;
