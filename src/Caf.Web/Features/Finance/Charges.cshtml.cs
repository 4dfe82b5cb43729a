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
        [Display(Name = "Charge.AmountCharged")] public decimal? Amount { get; set; }
        [Display(Name = "Finance.Currency")] public string? Currency { get; set; } = "CHF";
        [Display(Name = "Finance.ValueDate")] public DateOnly? ValueDate { get; set; }
        [Display(Name = "Charge.WhatFor")] public string? Description { get; set; }
        [Display(Name = "Finance.BankReference")] public string? BankReference { get; set; }

        public BankChargeEntry Entry() => new(Amount, Currency, ValueDate, Description, BankReference);
    }

    protected override LedgerEntryKind Kind => LedgerEntryKind.BankCharge;

    protected override IEnumerable<(string Field, string Message)> Problems(DateOnly today) => Input.Entry().Problems(today);

    protected override Task<CommandOutcome> RecordAsync(CancellationToken ct) => entries.RecordBankChargeAsync(User, Input.Entry(), ct);

    protected override string Recorded => InterfaceLanguage.Text("Charge.Recorded");
}
