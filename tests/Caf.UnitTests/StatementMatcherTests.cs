using System.Globalization;
using Caf.Data;
using Caf.Data.Finance.Statements;

namespace Caf.UnitTests;

/// <summary>Matching booked statement lines to open ledger entries: the rules of docs/features/bank-statements.md, each on its own.</summary>
public sealed class StatementMatcherTests
{
    private static int nextLine = 10;

    private static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StatementLine Line(EntryDirection direction, decimal amount, string valueDate, string? remittance = null, string? reference = null,
        string currency = "CHF") =>
        new(Interlocked.Increment(ref nextLine), reference, new Money(amount, currency), direction, Day(valueDate), Day(valueDate), remittance, null, null);

    private static StatementLine Debit(decimal amount, string valueDate, string? remittance = null, string? reference = null, string currency = "CHF") =>
        Line(EntryDirection.Debit, amount, valueDate, remittance, reference, currency);

    private static StatementLine Credit(decimal amount, string valueDate, string? remittance = null, string? reference = null, string currency = "CHF") =>
        Line(EntryDirection.Credit, amount, valueDate, remittance, reference, currency);

    private static MatchCandidate Candidate(int id, CandidateKind kind, decimal amount, string valueDate, string? grant = null, string? bank = null,
        string currency = "CHF") =>
        new(new Guid(id, 0, 0, new byte[8]), kind, new Money(amount, currency), Day(valueDate), bank, grant);

    private static MatchProposal SingleProposal(MatchResult result) => Assert.Single(result.Proposals);

    private static void AssertUnmatched(UnmatchedLine actual, StatementLine line, MatchCandidate[] tied, string reason)
    {
        Assert.Equal(line, actual.Line);
        Assert.Equal(tied, actual.Tied);
        Assert.Equal(reason, actual.Reason);
    }

    [Fact]
    public void A_line_holding_a_grant_reference_is_matched_to_that_grant_before_a_closer_entry_of_the_same_amount()
    {
        var line = Debit(48_500m, "2026-03-10", "CAF-2026-001 T1 first tranche");
        var tranche = Candidate(1, CandidateKind.Disbursement, 48_500m, "2026-03-11", grant: "CAF-2026-001");
        var other = Candidate(2, CandidateKind.Disbursement, 48_500m, "2026-03-10", grant: "CAF-2026-002");

        var result = StatementMatcher.Propose([line], [other, tranche]);

        Assert.Equal(new MatchProposal(line, tranche, "CAF-2026-001", 1, "same reference CAF-2026-001, same amount, value date 1 day apart"),
            SingleProposal(result));
        Assert.Equal([other], result.UnmatchedCandidates);
        Assert.Empty(result.UnmatchedLines);
    }

    [Fact]
    public void A_bank_reference_found_in_the_line_beats_a_grant_reference()
    {
        var line = Debit(20_000m, "2026-06-02", "CAF-2026-007 T2", reference: "260602CH0X1Y2Z3A");
        var byGrant = Candidate(1, CandidateKind.Disbursement, 20_000m, "2026-06-02", grant: "CAF-2026-007");
        var byBank = Candidate(2, CandidateKind.Disbursement, 20_000m, "2026-06-04", grant: "CAF-2026-007", bank: "260602ch0x1y2z3a");

        var proposal = SingleProposal(StatementMatcher.Propose([line], [byGrant, byBank]));

        Assert.Equal((byBank, "260602ch0x1y2z3a", "same reference 260602ch0x1y2z3a, same amount, value date 2 days apart"),
            (proposal.Candidate, proposal.SameReference, proposal.Reason));
    }

    [Fact]
    public void Amount_and_value_date_within_the_tolerance_are_enough_when_no_reference_is_in_common()
    {
        var line = Credit(15_000m, "2026-03-12", "Voluntary contribution 2026", currency: "USD");
        var contribution = Candidate(1, CandidateKind.Contribution, 15_000m, "2026-03-07", currency: "USD");

        var proposal = SingleProposal(StatementMatcher.Propose([line], [contribution]));

        Assert.Equal((contribution, null, 5, "same amount, value date 5 days apart; no reference in common"),
            (proposal.Candidate, proposal.SameReference, proposal.DaysApart, proposal.Reason));
    }

    [Fact]
    public void Value_dates_further_apart_than_the_tolerance_are_no_match_even_with_the_reference()
    {
        var line = Credit(15_000m, "2026-03-12", "CAF-2026-009 refund", currency: "USD");
        var refund = Candidate(1, CandidateKind.Refund, 15_000m, "2026-03-18", grant: "CAF-2026-009", currency: "USD");

        var result = StatementMatcher.Propose([line], [refund]);
        var wider = StatementMatcher.Propose([line], [refund], toleranceDays: 6);

        Assert.Empty(result.Proposals);
        AssertUnmatched(Assert.Single(result.UnmatchedLines), line, [], "no open entry of CAF-2026-009, which the line names, is a credit of USD 15,000.00 with a value date within 5 days of 2026-03-12.");
        Assert.Equal([refund], result.UnmatchedCandidates);
        Assert.Equal("same reference CAF-2026-009, same amount, value date 6 days apart", SingleProposal(wider).Reason);
    }

    [Theory]
    [InlineData(nameof(CandidateKind.Refund), "1200.00", "CHF")] // money in, but the line is money out
    [InlineData(nameof(CandidateKind.Contribution), "1200.00", "CHF")]
    [InlineData(nameof(CandidateKind.Disbursement), "1200.00", "EUR")] // the same figure in another currency
    [InlineData(nameof(CandidateKind.Disbursement), "1200.01", "CHF")] // one cent more
    public void The_direction_the_currency_and_the_amount_to_the_cent_must_agree(string kind, string amount, string currency)
    {
        var line = Debit(1_200m, "2026-03-26", "CAF-2026-004");
        var candidate = Candidate(1, Enum.Parse<CandidateKind>(kind), decimal.Parse(amount, CultureInfo.InvariantCulture), "2026-03-26",
            grant: "CAF-2026-004", currency: currency);

        var result = StatementMatcher.Propose([line], [candidate]);

        Assert.Empty(result.Proposals);
        Assert.Equal([line], result.UnmatchedLines.Select(u => u.Line));
        Assert.Equal([candidate], result.UnmatchedCandidates);
    }

    [Fact]
    public void Two_entries_that_fit_a_line_equally_well_give_no_proposal_and_are_named_for_a_person_to_choose()
    {
        var charge = Debit(35m, "2026-03-10", "Charges for international transfer");
        var first = Candidate(1, CandidateKind.BankCharge, 35m, "2026-03-09");
        var second = Candidate(2, CandidateKind.BankCharge, 35m, "2026-03-11");

        var result = StatementMatcher.Propose([charge], [first, second]);

        Assert.Empty(result.Proposals);
        AssertUnmatched(Assert.Single(result.UnmatchedLines), charge, [first, second],
            "2 open entries fit it equally well: bank charge of CHF 35.00, value date 2026-03-09; bank charge of CHF 35.00, value date 2026-03-11. " +
            "Choose the one it settles.");
        Assert.Equal([first, second], result.UnmatchedCandidates);
    }

    [Fact]
    public void Between_two_entries_of_the_same_kind_of_fit_the_closer_value_date_is_proposed()
    {
        var charge = Debit(35m, "2026-03-10");
        var closer = Candidate(1, CandidateKind.BankCharge, 35m, "2026-03-11");
        var further = Candidate(2, CandidateKind.BankCharge, 35m, "2026-03-13");

        var result = StatementMatcher.Propose([charge], [further, closer]);

        Assert.Equal(closer, SingleProposal(result).Candidate);
        Assert.Equal([further], result.UnmatchedCandidates);
    }

    [Fact]
    public void Each_entry_settles_one_line_at_most_the_best_fitting_one()
    {
        var first = Debit(35m, "2026-03-10");
        var second = Debit(35m, "2026-03-12");
        var charge = Candidate(1, CandidateKind.BankCharge, 35m, "2026-03-10");

        var result = StatementMatcher.Propose([second, first], [charge]);

        Assert.Equal((first, charge), (SingleProposal(result).Line, SingleProposal(result).Candidate));
        AssertUnmatched(Assert.Single(result.UnmatchedLines), second, [],
            "the open entries that fit it (bank charge of CHF 35.00, value date 2026-03-10) are proposed for other lines or left for a person to decide.");
        Assert.Empty(result.UnmatchedCandidates);
    }

    [Fact]
    public void One_entry_that_fits_two_lines_equally_well_is_proposed_for_neither()
    {
        var first = Debit(35m, "2026-03-10");
        var second = Debit(35m, "2026-03-10");
        var charge = Candidate(1, CandidateKind.BankCharge, 35m, "2026-03-10");

        var result = StatementMatcher.Propose([first, second], [charge]);

        Assert.Empty(result.Proposals);
        Assert.Equal(2, result.UnmatchedLines.Count);
        AssertUnmatched(result.UnmatchedLines[0], first, [charge],
            $"the open entry bank charge of CHF 35.00, value date 2026-03-10 fits it and the line {second.Line} equally well. Choose the line it settles.");
        AssertUnmatched(result.UnmatchedLines[1], second, [charge],
            $"the open entry bank charge of CHF 35.00, value date 2026-03-10 fits it and the line {first.Line} equally well. Choose the line it settles.");
        Assert.Equal([charge], result.UnmatchedCandidates);
    }

    [Fact]
    public void A_line_left_open_by_a_tie_does_not_take_an_entry_that_fits_it_less_well()
    {
        // Line A ties between two tranches of CAF-2026-003; the lone amount-only fit of A with a third entry is not proposed either.
        var a = Debit(10_000m, "2026-05-04", "CAF-2026-003");
        var t1 = Candidate(1, CandidateKind.Disbursement, 10_000m, "2026-05-04", grant: "CAF-2026-003");
        var t2 = Candidate(2, CandidateKind.Disbursement, 10_000m, "2026-05-04", grant: "CAF-2026-003");
        var amountOnly = Candidate(3, CandidateKind.Disbursement, 10_000m, "2026-05-04", grant: "CAF-2026-010");

        var result = StatementMatcher.Propose([a], [t1, t2, amountOnly]);

        Assert.Empty(result.Proposals);
        Assert.Equal([t1, t2], Assert.Single(result.UnmatchedLines).Tied);
        Assert.Equal([t1, t2, amountOnly], result.UnmatchedCandidates);
    }

    [Theory]
    [InlineData("CAF-2026-001 T1 first tranche", "CAF-2026-001", true)]
    [InlineData("Refund grant caf-2026-001.", "CAF-2026-001", true)]
    [InlineData("(CAF-2026-001)", "CAF-2026-001", true)]
    [InlineData("CAF-2026-0012 T1", "CAF-2026-001", false)]
    [InlineData("XCAF-2026-001", "CAF-2026-001", false)]
    [InlineData("CAF-2026-0012 and CAF-2026-001", "CAF-2026-001", true)]
    [InlineData("CAF-2026-001 T1", "CAF-2026-001 T1", true)]
    [InlineData("CAF-2026-001 T12", "CAF-2026-001 T1", false)]
    public void A_reference_counts_only_as_a_whole_token(string text, string token, bool holds) =>
        Assert.Equal(holds, StatementMatcher.HoldsToken(text, token));

    [Fact]
    public void A_reference_found_only_inside_a_longer_number_or_too_short_to_tell_counts_as_no_reference()
    {
        var line = Debit(5_000m, "2026-03-10", "CAF-2026-0012 T1 / 001");
        var candidate = Candidate(1, CandidateKind.Disbursement, 5_000m, "2026-03-10", grant: "CAF-2026-001", bank: "001");

        Assert.Equal("same amount, same value date; no reference in common", SingleProposal(StatementMatcher.Propose([line], [candidate])).Reason);
    }

    [Fact]
    public void A_line_naming_another_grant_is_not_proposed_for_a_grant_on_amount_and_date_alone_but_may_settle_a_bank_charge()
    {
        var refund = Credit(500m, "2026-03-10", "refund caf-2026-002 unspent");
        var fee = Debit(25m, "2026-03-10", "Fee for transfer CAF-2026-002");
        var otherGrant = Candidate(1, CandidateKind.Refund, 500m, "2026-03-10", grant: "CAF-2026-001");
        var charge = Candidate(2, CandidateKind.BankCharge, 25m, "2026-03-10");

        var result = StatementMatcher.Propose([refund, fee], [otherGrant, charge]);

        Assert.Equal(charge, SingleProposal(result).Candidate);
        AssertUnmatched(Assert.Single(result.UnmatchedLines), refund, [],
            "no open entry of CAF-2026-002, which the line names, is a credit of CHF 500.00 with a value date within 5 days of 2026-03-10.");
        // Nor is a bank reference found inside the grant reference the line names: a fee booked "CAF-2026" is not tranche 2 of CAF-2026-002.
        var tranche = Debit(2_000m, "2026-03-10", "CAF-2026-002 tranche 2");
        var payment = Candidate(3, CandidateKind.Disbursement, 2_000m, "2026-03-10", grant: "CAF-2026-002", bank: "A2-T2-PAY");
        var feeNamedLikeAGrant = Candidate(4, CandidateKind.BankCharge, 2_000m, "2026-03-10", bank: "CAF-2026");
        var otherGrantSameBankReference = Candidate(5, CandidateKind.Disbursement, 2_000m, "2026-03-10", grant: "CAF-2026-009", bank: "tranche");
        Assert.Equal(payment, SingleProposal(StatementMatcher.Propose([tranche], [feeNamedLikeAGrant, otherGrantSameBankReference, payment])).Candidate);
        Assert.Equal(["CAF-2026-002", "CAF-2026-1234"], ReferenceNumbers.FoundIn("x caf-2026-002/CAF-2026-1234 CAF-2026-0012 CAF-2026-00 XCAF-2026-003"));
    }

    [Fact]
    public void The_result_is_the_same_whatever_order_the_candidates_come_in()
    {
        var lines = new[] { Debit(35m, "2026-03-10"), Debit(48_500m, "2026-03-10", "CAF-2026-001 T1"), Credit(1_200m, "2026-03-26", "caf-2026-004") };
        var candidates = new[]
        {
            Candidate(1, CandidateKind.BankCharge, 35m, "2026-03-11"),
            Candidate(2, CandidateKind.Disbursement, 48_500m, "2026-03-09", grant: "CAF-2026-001"),
            Candidate(3, CandidateKind.Disbursement, 48_500m, "2026-03-10", grant: "CAF-2026-008"),
            Candidate(4, CandidateKind.Refund, 1_200m, "2026-03-26", grant: "CAF-2026-004"),
        };

        var forward = StatementMatcher.Propose(lines, candidates);
        var backward = StatementMatcher.Propose(lines, [.. candidates.Reverse()]);

        Assert.Equal([(lines[0], candidates[0]), (lines[1], candidates[1]), (lines[2], candidates[3])], forward.Proposals.Select(p => (p.Line, p.Candidate)));
        Assert.Equal(forward.Proposals, backward.Proposals);
        Assert.Equal(forward.UnmatchedCandidates, backward.UnmatchedCandidates);
    }

    [Fact]
    public void The_chf_statement_of_march_is_matched_to_the_funds_open_entries()
    {
        var statement = Assert.Single(Camt053Reader.Read(File.ReadAllBytes(Camt053ReaderTests.StatementFile("camt053.001.08.chf.xml"))).Statements);
        var contribution = Candidate(1, CandidateKind.Contribution, 250_000m, "2026-03-02");
        var tranche = Candidate(2, CandidateKind.Disbursement, 48_500m, "2026-03-10", grant: "CAF-2026-001", bank: "CAF-2026-001 T1");
        var charge = Candidate(3, CandidateKind.BankCharge, 35m, "2026-03-10");
        var refund = Candidate(4, CandidateKind.Refund, 1_200m, "2026-03-27", grant: "CAF-2026-004");
        var pending = Candidate(5, CandidateKind.Disbursement, 12_000m, "2026-04-02", grant: "CAF-2026-002");

        var result = StatementMatcher.Propose(statement.Lines, [contribution, tranche, charge, refund, pending]);

        Assert.Equal(
        [
            (54, contribution, "same amount, value date 1 day apart; no reference in common"),
            (102, tranche, "same reference CAF-2026-001 T1, same amount, same value date"),
            (148, charge, "same amount, same value date; no reference in common"),
            (172, refund, "same reference CAF-2026-004, same amount, value date 1 day apart"),
        ], result.Proposals.Select(p => (p.Line.Line, p.Candidate, p.Reason)));
        Assert.Empty(result.UnmatchedLines);
        Assert.Equal([pending], result.UnmatchedCandidates);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(32)]
    public void A_tolerance_outside_zero_to_31_days_is_refused(int days)
    {
        var refusal = Assert.Throws<DomainException>(() => StatementMatcher.Propose([], [], days));

        Assert.Equal($"The value dates of a line and an entry may be 0 to 31 days apart; {days} is not allowed.", refusal.Message);
    }
}
