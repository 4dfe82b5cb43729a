namespace Caf.Data.Entities;

public enum BudgetCategory { Travel, Accommodation, DailyAllowance, Interpretation, Venue, Materials, Other }

/// <summary>One line of an application's budget: quantity × unit cost, in the application's currency.</summary>
public sealed class BudgetLine : IAudited
{
    private BudgetLine() { }

    internal BudgetLine(BudgetCategory category, string description, decimal quantity, Money unitCost)
    {
        if (string.IsNullOrWhiteSpace(description)) throw new DomainException("Each budget line needs a description.", nameof(Description));
        if (quantity <= 0) throw new DomainException($"The quantity of '{description}' must be more than zero.", nameof(Quantity));
        if (unitCost.Amount < 0) throw new DomainException($"The unit cost of '{description}' cannot be negative.", nameof(UnitCost));
        Id = Guid.NewGuid();
        Category = category;
        Description = description.Trim();
        Quantity = quantity;
        UnitCost = unitCost;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int Position { get; internal set; }
    public BudgetCategory Category { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public Money UnitCost { get; private set; }
    public Money Total => (UnitCost * Quantity).Round();
}
