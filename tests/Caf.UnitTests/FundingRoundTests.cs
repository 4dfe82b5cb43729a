using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Rounds;

namespace Caf.UnitTests;

/// <summary>A round's rules: drafted, opened, closed; terms checked as a whole; fixed once open except description and extension.</summary>
public sealed class FundingRoundTests
{
    private static readonly DateTime Now = new(2027, 2, 1, 9, 0, 0, DateTimeKind.Utc);

    private static RoundTerms Terms(decimal envelope = 200_000m, decimal ceiling = 50_000m, string currency = "CHF") =>
        new("2027 call", "Exchanges between States Parties.", Now.AddDays(-1), Now.AddDays(30),
            new Money(envelope, currency), new Money(ceiling, currency), 90,
            new DateOnly(2027, 6, 1), new DateOnly(2027, 12, 31), [currency]);

    private static DomainException Refusal(Action action) => Assert.Throws<DomainException>(action);

    [Fact]
    public void A_round_allows_at_least_its_own_currency_and_a_currency_that_is_not_the_funds_is_named_when_readable()
    {
        Assert.Contains((nameof(RoundTerms.AllowedCurrencies), "Choose at least the round's own currency as an allowed currency."),
            (Terms() with { AllowedCurrencies = [] }).Problems());
        Assert.Contains((nameof(FundingRound.Currency), "JPY is not a currency of the fund. Choose CHF, USD or EUR."),
            Terms(currency: "JPY").Problems());
        Assert.Equal("Choose CHF, USD or EUR as the round's currency.", RoundTerms.NotAFundCurrency(new string('x', 500)));
        Assert.Equal("Choose CHF, USD or EUR as the round's currency.", RoundTerms.NotAFundCurrency("  "));
    }

    [Fact]
    public void A_new_round_is_a_draft_and_takes_no_applications()
    {
        var round = new FundingRound(Terms());
        Assert.Equal(RoundStatus.Draft, round.Status);
        Assert.False(round.IsOpenAt(Now));
        Assert.Equal(1, round.GenderChecklistVersion);
        Assert.Equal(1, round.RubricVersion);
    }

    [Fact]
    public void An_opened_round_takes_applications_only_between_its_opening_and_closing_times()
    {
        var round = FundingRound.CreateOpen(Terms(), Now);
        Assert.Equal(RoundStatus.Open, round.Status);
        Assert.True(round.IsOpenAt(Now));
        Assert.False(round.IsOpenAt(round.OpensAtUtc.AddSeconds(-1)));
        Assert.True(round.IsOpenAt(round.ClosesAtUtc.AddSeconds(-1)));
        Assert.False(round.IsOpenAt(round.ClosesAtUtc));
    }

    [Fact]
    public void Closing_stops_applications_at_once_and_is_final()
    {
        var round = FundingRound.CreateOpen(Terms(), Now);
        round.Close(Now.AddDays(2));
        Assert.Equal(RoundStatus.Closed, round.Status);
        Assert.Equal(Now.AddDays(2), round.ClosedAtUtc);
        Assert.False(round.IsOpenAt(Now.AddDays(3)));
        Assert.Contains("cannot be opened again", Refusal(() => round.Open(Now.AddDays(3))).Message);
        Assert.Contains("already closed", Refusal(() => round.Close(Now.AddDays(3))).Message);
        Assert.Contains("closed", Refusal(() => round.Update(Terms())).Message);
    }

    [Fact]
    public void A_draft_cannot_be_closed_and_an_open_round_cannot_be_opened_again()
    {
        Assert.Contains("draft cannot be closed", Refusal(() => new FundingRound(Terms()).Close(Now)).Message);
        Assert.Contains("already open", Refusal(() => FundingRound.CreateOpen(Terms(), Now).Open(Now)).Message);
    }

    [Fact]
    public void Opening_is_refused_after_the_closing_time_or_without_a_description()
    {
        var late = new FundingRound(Terms());
        var ex = Refusal(() => late.Open(late.ClosesAtUtc));
        Assert.Equal(nameof(FundingRound.ClosesAtUtc), ex.Field);
        Assert.Equal(RoundStatus.Draft, late.Status);

        var undescribed = new FundingRound(Terms() with { Description = "  " });
        Assert.Equal(nameof(FundingRound.Description), Refusal(() => undescribed.Open(Now)).Field);
    }

    [Theory]
    [InlineData(0, 10, nameof(RoundTerms.Envelope), "The envelope must be more than zero.")]
    [InlineData(-1, 10, nameof(RoundTerms.Envelope), "The envelope must be more than zero.")]
    [InlineData(100, 0, nameof(RoundTerms.Ceiling), "The ceiling per application must be more than zero.")]
    [InlineData(100.001, 10, nameof(RoundTerms.Envelope), "The envelope has at most two decimals.")]
    [InlineData(100, 10.005, nameof(RoundTerms.Ceiling), "The ceiling per application has at most two decimals.")]
    public void Amounts_are_more_than_zero_with_at_most_two_decimals(decimal envelope, decimal ceiling, string field, string message)
    {
        var ex = Refusal(() => _ = new FundingRound(Terms(envelope, ceiling)));
        Assert.Equal(field, ex.Field);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void The_ceiling_cannot_exceed_the_envelope_but_may_equal_it()
    {
        Assert.Equal(nameof(RoundTerms.Ceiling), Refusal(() => _ = new FundingRound(Terms(envelope: 10_000m, ceiling: 10_000.01m))).Field);
        Assert.Equal(new Money(10_000m, "CHF"), new FundingRound(Terms(envelope: 10_000m, ceiling: 10_000m)).Ceiling);
    }

    [Fact]
    public void Times_windows_durations_and_versions_are_checked()
    {
        Assert.Equal(nameof(FundingRound.ClosesAtUtc), Refusal(() => _ = new FundingRound(Terms() with { ClosesAtUtc = Now.AddDays(-1) })).Field);
        Assert.Equal(nameof(FundingRound.ImplementationEnd),
            Refusal(() => _ = new FundingRound(Terms() with { ImplementationEnd = new DateOnly(2027, 6, 1) })).Field);
        Assert.Equal(nameof(FundingRound.MaxDurationDays), Refusal(() => _ = new FundingRound(Terms() with { MaxDurationDays = 0 })).Field);
        Assert.Equal(nameof(FundingRound.RubricVersion), Refusal(() => _ = new FundingRound(Terms() with { RubricVersion = 0 })).Field);
        Assert.Equal(nameof(FundingRound.Title), Refusal(() => _ = new FundingRound(Terms() with { Title = new string('x', 201) })).Field);
        Assert.Equal(nameof(FundingRound.Description), Refusal(() => _ = new FundingRound(Terms() with { Description = new string('x', 4001) })).Field);
    }

    [Fact]
    public void Currencies_are_those_of_the_fund_and_include_the_rounds_own()
    {
        Assert.Equal(nameof(FundingRound.Currency), Refusal(() => _ = new FundingRound(Terms(currency: "GBP"))).Field);
        var ex = Refusal(() => _ = new FundingRound(Terms() with { AllowedCurrencies = ["USD"] }));
        Assert.Equal(nameof(FundingRound.AllowedCurrencies), ex.Field);
        Assert.Contains("CHF", ex.Message);
        Assert.Contains("JPY", Refusal(() => _ = new FundingRound(Terms() with { AllowedCurrencies = ["CHF", "JPY"] })).Message);
        Assert.Equal(["CHF", "USD", "EUR"], new FundingRound(Terms() with { AllowedCurrencies = ["EUR", "CHF", "USD", "CHF"] }).AllowedCurrencies);
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var terms = Terms(envelope: -1, ceiling: 1.001m) with { MaxDurationDays = -3, ClosesAtUtc = Now.AddDays(-5) };
        Assert.Equal(
            [nameof(FundingRound.ClosesAtUtc), nameof(RoundTerms.Envelope), nameof(RoundTerms.Ceiling), nameof(RoundTerms.MaxDurationDays)],
            terms.Problems().Select(p => p.Field));
    }

    [Fact]
    public void A_draft_may_change_in_every_respect()
    {
        var round = new FundingRound(Terms());
        round.Update(Terms(envelope: 80_000m, ceiling: 20_000m, currency: "USD") with { Title = "Renamed", MaxDurationDays = 30, RubricVersion = 2 });
        Assert.Equal("Renamed", round.Title);
        Assert.Equal(new Money(20_000m, "USD"), round.Ceiling);
        Assert.Equal(["USD"], round.AllowedCurrencies);
        Assert.Equal(2, round.RubricVersion);
    }

    [Fact]
    public void A_refused_update_changes_nothing()
    {
        var round = new FundingRound(Terms());
        Refusal(() => round.Update(Terms(ceiling: 0) with { Title = "Renamed" }));
        Assert.Equal("2027 call", round.Title);
        Assert.Equal(new Money(50_000m, "CHF"), round.Ceiling);
    }

    [Fact]
    public void Once_open_only_the_description_and_a_later_closing_time_may_change()
    {
        var round = FundingRound.CreateOpen(Terms(), Now);
        round.Update(round.Terms with { Description = "Updated guidance.", ClosesAtUtc = round.ClosesAtUtc.AddDays(7) });
        Assert.Equal("Updated guidance.", round.Description);
        Assert.Equal(Now.AddDays(37), round.ClosesAtUtc);

        Assert.Equal(nameof(RoundTerms.Ceiling), Refusal(() => round.Update(round.Terms with { Ceiling = new Money(1_000m, "CHF") })).Field);
        Assert.Equal(nameof(FundingRound.Title), Refusal(() => round.Update(round.Terms with { Title = "Renamed" })).Field);
        Assert.Equal(nameof(FundingRound.OpensAtUtc), Refusal(() => round.Update(round.Terms with { OpensAtUtc = Now })).Field);
        Assert.Equal(nameof(FundingRound.AllowedCurrencies), Refusal(() => round.Update(round.Terms with { AllowedCurrencies = ["CHF", "EUR"] })).Field);
        var earlier = Refusal(() => round.Update(round.Terms with { ClosesAtUtc = round.ClosesAtUtc.AddDays(-1) }));
        Assert.Contains("not brought forward", earlier.Message);
        Assert.Equal(Now.AddDays(37), round.ClosesAtUtc);
    }

    [Fact]
    public void A_query_finds_a_round_open_exactly_when_the_round_says_it_is_open()
    {
        var draft = new FundingRound(Terms());
        var open = FundingRound.CreateOpen(Terms(), Now);
        var closed = FundingRound.CreateOpen(Terms(), Now);
        closed.Close(Now);
        DateTime[] times = [open.OpensAtUtc.AddSeconds(-1), open.OpensAtUtc, Now, open.ClosesAtUtc.AddSeconds(-1), open.ClosesAtUtc];

        foreach (var round in new[] { draft, open, closed })
            foreach (var time in times)
                Assert.Equal(round.IsOpenAt(time), FundingRound.OpenAt(time).Compile()(round));
        Assert.Equal([false, true, true, true, false], times.Select(t => FundingRound.OpenAt(t).Compile()(open)));
    }

    [Fact]
    public void A_draft_may_change_every_term_an_open_round_only_its_description_and_closing_time_a_closed_round_none()
    {
        string[] terms = [nameof(FundingRound.Title), nameof(FundingRound.Description), nameof(FundingRound.OpensAtUtc), nameof(FundingRound.ClosesAtUtc),
            nameof(FundingRound.Currency), nameof(FundingRound.Envelope), nameof(FundingRound.Ceiling), nameof(FundingRound.MaxDurationDays),
            nameof(FundingRound.ImplementationStart), nameof(FundingRound.ImplementationEnd), nameof(FundingRound.AllowedCurrencies),
            nameof(FundingRound.GenderChecklistVersion), nameof(FundingRound.RubricVersion)];
        var open = FundingRound.CreateOpen(Terms(), Now);
        var closed = FundingRound.CreateOpen(Terms(), Now);
        closed.Close(Now);

        Assert.All(terms, t => Assert.True(new FundingRound(Terms()).MayChange(t)));
        Assert.Equal([nameof(FundingRound.Description), nameof(FundingRound.ClosesAtUtc)], terms.Where(open.MayChange));
        Assert.DoesNotContain(terms, closed.MayChange);
        // The round form names the times without "Utc": the same rule answers for them.
        Assert.True(open.MayChange(RoundForm.RoundField(nameof(RoundForm.ClosesAt))));
        Assert.False(open.MayChange(RoundForm.RoundField(nameof(RoundForm.OpensAt))));
    }

    [Fact]
    public void An_open_round_refuses_a_change_to_a_term_it_may_not_change_and_names_the_first()
    {
        var round = FundingRound.CreateOpen(Terms(), Now);
        var refusal = Refusal(() => round.Update(round.Terms with
        {
            Description = "New guidance.", ClosesAtUtc = round.ClosesAtUtc.AddDays(1), MaxDurationDays = 60, RubricVersion = 2,
        }));
        Assert.Equal(nameof(FundingRound.MaxDurationDays), refusal.Field);
        Assert.EndsWith("The maximum duration cannot.", refusal.Message);
        Assert.Equal("Exchanges between States Parties.", round.Description);
    }
}
