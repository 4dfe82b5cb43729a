namespace Caf.Data.Entities;

/// <summary>When a tranche of the agreement may be paid (ADR 0023).</summary>
public enum TrancheCondition
{
    /// <summary>Once the agreement is recorded as signed.</summary>
    OnSignature,
    /// <summary>While the grant runs, on the ISU's judgement (a mid-term payment).</summary>
    DuringActivities,
    /// <summary>Once the final reports are accepted, for what the grantee is still owed.</summary>
    AfterFinalReports,
}

/// <summary>One tranche of a grant agreement's payment schedule, in the grant's currency.</summary>
public sealed class GrantTranche : IAudited
{
    private GrantTranche() { }

    internal GrantTranche(Guid applicationId, int number, Money amount, TrancheCondition condition)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        Number = number;
        Amount = amount;
        Condition = condition;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>1, 2, … in the order of the schedule.</summary>
    public int Number { get; private set; }
    public Money Amount { get; private set; }
    public TrancheCondition Condition { get; private set; }

    /// <summary>Whether the condition holds at <paramref name="stage"/>.</summary>
    public bool IsDueAt(string stage) => Condition switch
    {
        TrancheCondition.OnSignature => stage is GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation,
        TrancheCondition.DuringActivities => stage is GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation,
        _ => stage == GrantStages.FinalReconciliation,
    };
}

/// <summary>A tranche as finance types it into the agreement: amount and condition, either possibly missing.</summary>
public sealed record TranchePlan(decimal? Amount, TrancheCondition? Condition);

/// <summary>The rules of a payment schedule (ADR 0023): one to six tranches, each more than zero, summing to the approved amount.</summary>
public static class TrancheSchedule
{
    public const int MaxTranches = 6;

    /// <summary>The default: 80 % on signature, the rest once the final reports are accepted (DESIGN.md §5), to the cent.</summary>
    public static IReadOnlyList<TranchePlan> Default(Money approved)
    {
        var first = (approved * 0.8m).Round();
        return [new(first.Amount, TrancheCondition.OnSignature), new((approved - first).Amount, TrancheCondition.AfterFinalReports)];
    }

    /// <summary>Every rule the schedule breaks, each with its field ("Tranches[i].Amount" or "Tranches").</summary>
    public static IEnumerable<(string Field, string Message)> Problems(IReadOnlyList<TranchePlan> plan, Money approved)
    {
        var given = plan.Where(t => t.Amount is not null || t.Condition is not null).ToList();
        if (given.Count == 0) { yield return ("Tranches", DomainText.Get("Finance.AtLeastOneTranche")); yield break; }
        if (given.Count > MaxTranches) yield return ("Tranches", DomainText.Get("Finance.AtMostTranches", MaxTranches));
        for (var i = 0; i < plan.Count; i++)
        {
            var (amount, condition) = (plan[i].Amount, plan[i].Condition);
            if (amount is null && condition is null) continue;
            if (amount is not { } value) yield return ($"Tranches[{i}].Amount", DomainText.Get("Finance.GiveTrancheAmount", i + 1));
            else if (value <= 0) yield return ($"Tranches[{i}].Amount", DomainText.Get("Finance.TranchePositive", i + 1));
            else if (LedgerEntry.AmountProblem(new Money(value, approved.Currency)) is { } wrong) yield return ($"Tranches[{i}].Amount", wrong);
            if (condition is null) yield return ($"Tranches[{i}].Condition", DomainText.Get("Finance.SayWhenTranche", i + 1));
        }
        // Paying the first tranche is what starts the grant's activities (sign-agreement): a schedule without one on
        // signature would leave the grant approved for ever.
        var first = plan.Select((t, i) => (t.Condition, Index: i)).First(t => plan[t.Index].Amount is not null || t.Condition is not null);
        if (first.Condition is { } firstCondition && firstCondition != TrancheCondition.OnSignature)
            yield return ($"Tranches[{first.Index}].Condition",
                DomainText.Get("Finance.FirstOnSignature"));
        // Added up only once each amount is within the ledger's bounds: six amounts of 4e28 would overflow a decimal.
        if (given.Count <= MaxTranches && given.All(t => t.Amount is { } a && LedgerEntry.AmountProblem(new Money(a, approved.Currency)) is null)
            && given.Sum(t => t.Amount!.Value) is var total && total != approved.Amount)
            yield return ("Tranches", DomainText.Get("Finance.TranchesTotal", new Money(total, approved.Currency), approved));
    }
}
