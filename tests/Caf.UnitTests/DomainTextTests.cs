using System.Globalization;
using Caf.Data;

namespace Caf.UnitTests;

/// <summary>The domain's messages in the reader's language (issue 15, ADR 0033), amounts written as that language writes them.</summary>
public sealed class DomainTextTests
{
    [Theory]
    [InlineData("en", "The ceiling per application (CHF 2,000.00) cannot be more than the round's envelope (CHF 1,000.00).")]
    [InlineData("fr", "Le plafond par demande (CHF 2\u202F000,00) ne peut pas dépasser l'enveloppe de l'appel (CHF 1\u202F000,00).")]
    [InlineData("es", "El límite por solicitud (CHF 2.000,00) no puede superar la dotación de la convocatoria (CHF 1.000,00).")]
    public void A_refusal_is_in_the_reader_s_language_with_its_amounts_written_that_way(string language, string expected)
    {
        Assert.Equal(expected, InLanguage.Read(language, () => DomainText.Get("Round.CeilingAboveEnvelope", new Money(2_000m, "CHF"), new Money(1_000m, "CHF"))));
    }

    [Fact]
    public void The_refused_sign_in_says_in_English_what_the_tests_and_the_documentation_quote() =>
        Assert.Equal(Caf.Web.Features.Account.LoginModel.NotSignedInMessage, Caf.Web.Infrastructure.InterfaceLanguage.Text("Login.NotSignedIn", "en"));

    [Fact]
    public void Outside_a_request_the_domain_speaks_English() =>
        Assert.Equal("Give the application a title.", DomainText.Get("Proposal.NeedTitle"));
}
