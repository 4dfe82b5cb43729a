namespace Caf.Data.Auditing;

/// <summary>
/// A property holding a person's own data (a delegation member's name): its audit records keep the value beside the
/// record, outside the hash, with only a salted hash of it inside, so that an erasure can remove the value and the chain
/// still verifies (ADR 0028).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditedAsPersonalAttribute : Attribute;
