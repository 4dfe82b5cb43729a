using System.Text.Json;
using Caf.Data.Finance.Statements;

namespace Caf.Data.Finance;

/// <summary>
/// Where a grant is paid (ADR 0023): the account holder, the IBAN or — where the country has none — the account number,
/// the bank and its BIC. Stored encrypted (ASP.NET Data Protection) on the grant and shown masked; revealing it is audited.
/// </summary>
public sealed record BankDetails(string? AccountHolder, string? Account, string? BankName, string? Bic)
{
    public const int MaxLength = 140;

    /// <summary>Every rule the details break, each with its field; an IBAN (two letters, two digits…) must have right check digits.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (string.IsNullOrWhiteSpace(AccountHolder)) yield return (nameof(AccountHolder), DomainText.Get("Finance.GiveAccountHolder"));
        else if (AccountHolder.Trim().Length > MaxLength) yield return (nameof(AccountHolder), DomainText.Get("Finance.AccountHolderTooLong", MaxLength));
        var account = Compact(Account);
        if (account.Length == 0) yield return (nameof(Account), DomainText.Get("Finance.GiveAccount"));
        else if (account.Length > 34) yield return (nameof(Account), DomainText.Get("Finance.AccountTooLong"));
        else if (!account.All(char.IsAsciiLetterOrDigit)) yield return (nameof(Account), DomainText.Get("Finance.AccountCharacters"));
        else if (LooksLikeIban(account) && !Iban.IsValid(account))
            yield return (nameof(Account), DomainText.Get("Finance.IbanCheckDigits"));
        if (string.IsNullOrWhiteSpace(BankName)) yield return (nameof(BankName), DomainText.Get("Finance.GiveBankName"));
        else if (BankName.Trim().Length > MaxLength) yield return (nameof(BankName), DomainText.Get("Finance.BankNameTooLong", MaxLength));
        var bic = Compact(Bic);
        if (bic.Length == 0) yield return (nameof(Bic), DomainText.Get("Finance.GiveBic"));
        else if (bic.Length is not (8 or 11) || !bic[..6].All(char.IsAsciiLetter) || !bic.All(char.IsAsciiLetterOrDigit))
            yield return (nameof(Bic), DomainText.Get("Finance.BicShape"));
    }

    /// <summary>The details as kept: trimmed, the account and BIC in capitals without spaces.</summary>
    public BankDetails Normalized() => new(AccountHolder?.Trim(), Compact(Account), BankName?.Trim(), Compact(Bic));

    /// <summary>What pages show: the account's first four and last three characters, the holder and the bank.</summary>
    public string Masked()
    {
        var account = Compact(Account);
        var shown = account.Length <= 7 ? new string('•', account.Length) : $"{account[..4]} •••• {account[^3..]}";
        return $"{AccountHolder?.Trim()}, {shown}, {BankName?.Trim()} ({Compact(Bic)})";
    }

    public string ToJson() => JsonSerializer.Serialize(Normalized());

    public static BankDetails FromJson(string json) =>
        JsonSerializer.Deserialize<BankDetails>(json) ?? throw new InvalidOperationException("Bank details could not be read.");

    /// <summary>An account or BIC as compared and kept: without spaces, in capitals, as statements give an IBAN.</summary>
    private static string Compact(string? text) => Iban.Normalize(text ?? "");

    private static bool LooksLikeIban(string account) =>
        account.Length >= 15 && char.IsAsciiLetter(account[0]) && char.IsAsciiLetter(account[1]) && char.IsAsciiDigit(account[2]) && char.IsAsciiDigit(account[3]);
}
