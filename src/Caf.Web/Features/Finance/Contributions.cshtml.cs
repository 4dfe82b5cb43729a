using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Microsoft.AspNetCore.Authorization;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records donors' contributions as they reach the fund's account; the list shows the latest first, a page at a time.</summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class ContributionsModel(CafDbContext db, FundEntries entries, TimeProvider clock)
    : FundEntryPageModel<ContributionsModel.ContributionInput>(db, clock)
{
    /// <summary>No attributes: <see cref="ContributionReceipt.Problems"/> says what is wrong, once.</summary>
    public sealed class ContributionInput : IFundEntryInput
    {
        [Display(Name = "Contribution.Donor")] public string? Donor { get; set; }
        [Display(Name = "Contribution.EarmarkingIfAny")] public string? Earmarking { get; set; }
        [Display(Name = "Contribution.AmountReceived")] public decimal? Amount { get; set; }
        [Display(Name = "Finance.Currency")] public string? Currency { get; set; } = "CHF";
        [Display(Name = "Finance.ValueDate")] public DateOnly? ValueDate { get; set; }
        [Display(Name = "Finance.BankReference")] public string? BankReference { get; set; }

        public ContributionReceipt Receipt() => new(Donor, Earmarking, Amount, Currency, ValueDate, BankReference);
    }

    protected override LedgerEntryKind Kind => LedgerEntryKind.Contribution;

    protected override IEnumerable<(string Field, string Message)> Problems(DateOnly today) => Input.Receipt().Problems(today);

    protected override Task<CommandOutcome> RecordAsync(CancellationToken ct) => entries.RecordContributionAsync(User, Input.Receipt(), ct);

    protected override string Recorded => InterfaceLanguage.Format("Contribution.Recorded", Input.Donor!.Trim());
}
