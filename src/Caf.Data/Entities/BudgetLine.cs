namespace Caf.Data.Entities;

public enum BudgetCategory { Travel, Accommodation, DailyAllowance, Interpretation, Venue, Materials, Other }

/// <summary>One line of an application's budget: quantity × unit cost, in the application's currency.</summary>
public sealed class BudgetLine : IAudited
{
    private BudgetLine() { }

    internal BudgetLine(BudgetCategory category, string description, decimal quantity, Money unitCost, int position)
    {
        if (Problems(position, description, quantity, unitCost.Amount).FirstOrDefault() is { Message: not null } problem)
            throw new DomainException(problem.Message, $"{nameof(GrantApplication.BudgetLines)}[{position - 1}].{problem.Field}");
        Id = Guid.NewGuid();
        Position = position;
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
    /// <summary>Never throws, even for a value stored before the bounds existed (see <see cref="Bounds.Product"/>).</summary>
    public Money Total => new Money(Bounds.Product(UnitCost.Amount, Quantity), UnitCost.Currency).Round();

    /// <summary>
    /// Every problem of one line as typed, each with its field (Description, Quantity or UnitCost); the line is named
    /// by its description, or by its position (from 1) when it has none.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(int position, string? description, decimal? quantity, decimal? unitCost)
    {
        var name = string.IsNullOrWhiteSpace(description) ? DomainText.Get("Budget.LineNumber", position) : $"'{description.Trim()}'";
        if (string.IsNullOrWhiteSpace(description)) yield return (nameof(Description), DomainText.Get("Budget.NeedDescription", position));
        else if (description.Trim().Length > DescriptionMaxLength)
            yield return (nameof(Description), DomainText.Get("Budget.DescriptionTooLong", position, DescriptionMaxLength));
        if (quantity is not { } q) yield return (nameof(Quantity), DomainText.Get("Limit.MoreThanZero", DomainText.Get("Budget.QuantityOf", name)));
        else if (Bounds.Quantity(DomainText.Get("Budget.QuantityOf", name), q) is { } tooMuch) yield return (nameof(Quantity), tooMuch);
        if (unitCost is not { } u) yield return (nameof(UnitCost), DomainText.Get("Budget.NeedUnitCost", name));
        else if (Bounds.Amount(DomainText.Get("Budget.UnitCostOf", name), u, zeroAllowed: true, max: Bounds.MaxUnitCost) is { } wrong)
            yield return (nameof(UnitCost), wrong);
    }

    public const int DescriptionMaxLength = 300;
}
