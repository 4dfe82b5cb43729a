using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Mail;
using Caf.Workflows.Grants;

namespace Caf.UnitTests;

/// <summary>The dates emails write, their HTML part, and personal values sealed beside audit records (issues 13, 14).</summary>
public sealed class MailAndPersonalDataTests
{
    [Theory]
    [InlineData("en", 2026, 12, 2, "2 December 2026")]
    [InlineData("fr", 2026, 12, 2, "2 décembre 2026")]
    [InlineData("fr", 2027, 3, 1, "1er mars 2027")]
    [InlineData("es", 2026, 12, 2, "2 de diciembre de 2026")]
    public void A_date_is_written_as_people_write_it_in_each_language(string language, int year, int month, int day, string expected) =>
        Assert.Equal(expected, MailText.Date(new DateOnly(year, month, day), language));

    [Fact]
    public void The_HTML_part_says_what_the_text_says_encoded_with_its_links_and_language()
    {
        var html = MailHtml.FromText("Dear <focal point> & co,\n\nSubmit it here: https://grants.example.org/Reporting/FinalReport/1?a=1&b=2.\nThanks", "fr");
        Assert.StartsWith("<!DOCTYPE html><html lang=\"fr\">", html);
        Assert.Contains("<p>Dear &lt;focal point&gt; &amp; co,</p>", html);
        Assert.Contains("<a href=\"https://grants.example.org/Reporting/FinalReport/1?a=1&amp;b=2\">https://grants.example.org/Reporting/FinalReport/1?a=1&amp;b=2</a>.<br>Thanks", html);
        Assert.DoesNotContain("<script", MailHtml.FromText("<script>alert(1)</script>", "en"));
    }

    [Fact]
    public void A_sealed_value_is_read_back_checked_and_erased_without_touching_the_details()
    {
        var collector = new AuditPersonalData.Collector();
        var details = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?> { ["Name"] = collector.Seal("Chanthy Sok"), ["Sex"] = "Female" });
        var kept = collector.ToJson();
        Assert.DoesNotContain("Chanthy", details);
        Assert.Contains("\"Name\":\"Chanthy Sok\"", AuditPersonalData.Reveal(details, kept));
        Assert.Null(AuditPersonalData.Problem(details, kept));
        Assert.Equal(["Chanthy Sok"], AuditPersonalData.Values(kept));

        // A value changed beside the record no longer gives the salted hash its details hold.
        var forged = kept!.Replace("Chanthy Sok", "Someone Else", StringComparison.Ordinal);
        Assert.StartsWith("personal value changed", AuditPersonalData.Problem(details, forged));

        // Erased: nothing kept, the details unchanged, a reader sees "(erased)".
        var erased = AuditPersonalData.Without(kept, v => v?.GetValue<string>() == "Chanthy Sok");
        Assert.Null(erased);
        Assert.Null(AuditPersonalData.Problem(details, erased));
        Assert.Contains($"\"Name\":\"{AuditPersonalData.Erased}\"", AuditPersonalData.Reveal(details, erased));
    }
}
