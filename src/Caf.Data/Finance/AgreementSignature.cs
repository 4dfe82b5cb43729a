using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>
/// What finance records when the grant agreement comes back signed: the date it was signed and the first tranche paid on it.
/// <see cref="Problems"/> lists every broken rule at once; <see cref="GrantApplication.SignAgreement"/> refuses the first.
/// </summary>
public sealed record AgreementSignature(DateOnly? SignedOn, BankPayment FirstTranche)
{
    /// <summary>Every rule the signature breaks for <paramref name="application"/>, each with its field.</summary>
    public IEnumerable<(string Field, string Message)> Problems(GrantApplication application, DateOnly today)
    {
        if (SignedOn is not { } signed) yield return (nameof(SignedOn), "Give the date the agreement was signed.");
        else if (signed > today) yield return (nameof(SignedOn), "The agreement cannot have been signed after today: give the date on the signed copy.");
        else if (Bounds.Date("The signing date", signed) is { } outOfRange) yield return (nameof(SignedOn), outOfRange);
        foreach (var problem in FirstTranche.Problems(application.Currency, application.FirstTrancheProblem)) yield return problem;
    }
}
