using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Microsoft.AspNetCore.Authorization;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records the charges the bank took from the fund's account; the list shows the latest first, a page at a time.</summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class ChargesModel(CafDbContext db, FundEntries entries, TimeProvider clock)
    : FundEntryPageModel<ChargesModel.ChargeInput>(db, clock)
{
    /// <summary>No attributes: <see cref="BankChargeEntry.Problems"/> says what is wrong, once.</summary>
    public sealed class ChargeInput : IFundEntryInput
    {
        [Display(Name = "Amount charged")] public decimal? Amount { get; set; }
        [Display(Name = "Currency")] public string? Currency { get; set; } = "CHF";
        [Display(Name = "Value date")] public DateOnly? ValueDate { get; set; }
        [Display(Name = "What for")] public string? Description { get; set; }
        [Display(Name = "Bank reference")] public string? BankReference { get; set; }

        public BankChargeEntry Entry() => new(Amount, Currency, ValueDate, Description, BankReference);
    }

    protected override LedgerEntryKind Kind => LedgerEntryKind.BankCharge;

    protected override IEnumerable<(string Field, string Message)> Problems(DateOnly today) => Input.Entry().Problems(today);

    protected override Task<CommandOutcome> RecordAsync(CancellationToken ct) => entries.RecordBankChargeAsync(User, Input.Entry(), ct);

    protected override string Recorded => "Bank charge recorded.";
}
