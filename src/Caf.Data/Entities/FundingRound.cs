namespace Caf.Data.Entities;

public enum RoundStatus { Draft, Open, Closed }

/// <summary>A call for proposals: when it is open, how much one application may ask, and in what window work happens.</summary>
public sealed class FundingRound : IAudited
{
    private FundingRound() { }

    public FundingRound(string title, DateTime opensAtUtc, DateTime closesAtUtc, Money ceiling,
        DateOnly implementationStart, DateOnly implementationEnd)
    {
        if (closesAtUtc <= opensAtUtc) throw new DomainException("A round must close after it opens.", nameof(ClosesAtUtc));
        if (implementationEnd < implementationStart) throw new DomainException("The implementation window must end after it starts.", nameof(ImplementationEnd));
        if (ceiling.Amount <= 0) throw new DomainException("The ceiling per application must be more than zero.", nameof(Ceiling));
        Id = Guid.NewGuid();
        Title = title;
        OpensAtUtc = opensAtUtc;
        ClosesAtUtc = closesAtUtc;
        Ceiling = ceiling;
        ImplementationStart = implementationStart;
        ImplementationEnd = implementationEnd;
        Status = RoundStatus.Open;
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public DateTime OpensAtUtc { get; private set; }
    public DateTime ClosesAtUtc { get; private set; }
    public Money Ceiling { get; private set; }
    public string Currency => Ceiling.Currency;
    public DateOnly ImplementationStart { get; private set; }
    public DateOnly ImplementationEnd { get; private set; }
    public RoundStatus Status { get; private set; }

    public bool IsOpenAt(DateTime utc) => Status == RoundStatus.Open && utc >= OpensAtUtc && utc < ClosesAtUtc;
}
