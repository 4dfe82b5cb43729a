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
        if (string.IsNullOrWhiteSpace(AccountHolder)) yield return (nameof(AccountHolder), "Give the account holder's name as the bank knows it.");
        else if (AccountHolder.Trim().Length > MaxLength) yield return (nameof(AccountHolder), $"Keep the account holder under {MaxLength} characters.");
        var account = Compact(Account);
        if (account.Length == 0) yield return (nameof(Account), "Give the IBAN, or the account number where the country has no IBAN.");
        else if (account.Length > 34) yield return (nameof(Account), "An account number or IBAN has at most 34 characters.");
        else if (!account.All(char.IsAsciiLetterOrDigit)) yield return (nameof(Account), "Write the account with letters and digits only (spaces are fine).");
        else if (LooksLikeIban(account) && !Iban.IsValid(account))
            yield return (nameof(Account), "This IBAN's check digits are wrong: check it against the grantee's bank letter.");
        if (string.IsNullOrWhiteSpace(BankName)) yield return (nameof(BankName), "Give the bank's name.");
        else if (BankName.Trim().Length > MaxLength) yield return (nameof(BankName), $"Keep the bank's name under {MaxLength} characters.");
        var bic = Compact(Bic);
        if (bic.Length == 0) yield return (nameof(Bic), "Give the bank's BIC (SWIFT code).");
        else if (bic.Length is not (8 or 11) || !bic[..6].All(char.IsAsciiLetter) || !bic.All(char.IsAsciiLetterOrDigit))
            yield return (nameof(Bic), "A BIC has 8 or 11 letters and digits, such as UBSWCHZH80A.");
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
