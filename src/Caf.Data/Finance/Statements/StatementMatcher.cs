using System.Globalization;

namespace Caf.Data.Finance.Statements;

/// <summary>What an open ledger entry is, for matching: it says which way its money moves through the bank.</summary>
internal enum CandidateKind
{
    /// <summary>A payment to a grantee: money out (debit).</summary>
    Disbursement,
    /// <summary>A grantee's refund: money in (credit).</summary>
    Refund,
    /// <summary>A donor's contribution: money in (credit).</summary>
    Contribution,
    /// <summary>The bank's charge on the fund's account: money out (debit).</summary>
    BankCharge,
}

/// <summary>
/// An open ledger entry that a statement line may settle: its amount and value date as recorded, the bank reference
/// recorded with it, and the grant's reference (CAF-2026-001) when it is a grant's money.
/// </summary>
internal sealed record MatchCandidate(Guid EntryId, CandidateKind Kind, Money Amount, DateOnly ValueDate, string? BankReference, string? GrantReference)
{
    public EntryDirection Direction => Kind is CandidateKind.Disbursement or CandidateKind.BankCharge ? EntryDirection.Debit : EntryDirection.Credit;
}

/// <summary>A line and the entry it seems to settle, for a person to confirm; <see cref="SameReference"/> null when only amount and date agree.</summary>
internal sealed record MatchProposal(StatementLine Line, MatchCandidate Candidate, string? SameReference, int DaysApart, string Reason);

/// <summary>A line with no proposal, and why; <see cref="Tied"/> holds the entries that fit it equally well, when that is why.</summary>
internal sealed record UnmatchedLine(StatementLine Line, IReadOnlyList<MatchCandidate> Tied, string Reason);

/// <summary>Every line and every candidate once: in a proposal, or unmatched. Each list keeps the order the lines and candidates were given in.</summary>
internal sealed record MatchResult(IReadOnlyList<MatchProposal> Proposals, IReadOnlyList<UnmatchedLine> UnmatchedLines, IReadOnlyList<MatchCandidate> UnmatchedCandidates);

/// <summary>
/// Proposes which open ledger entry each booked statement line settles (docs/features/bank-statements.md, "Matching").
/// Pure and deterministic; it proposes, a person confirms. The rules:
/// <list type="number">
/// <item>A line fits a candidate when the direction fits the kind (a credit: refund or contribution; a debit: disbursement
/// or bank charge), the currency is the same, the amount is the same to the cent, and the value dates are at most the
/// tolerance apart (<see cref="DefaultToleranceDays"/> calendar days unless told; 0 to <see cref="MaxToleranceDays"/>).</item>
/// <item>A fit is better when the line's reference, end-to-end id or remittance holds the candidate's bank reference (best)
/// or its grant reference, as a whole token whatever the capitals (CAF-2026-001 is in "caf-2026-001 T1", not in
/// "CAF-2026-0012"); a reference under <see cref="MinReferenceLength"/> characters is not looked for. Between fits of the
/// same kind, the closer value date is better. A line that names a grant reference fits no other grant's entry on amount
/// and date alone.</item>
/// <item>The best fits are taken first. A line whose best fit is shared by two candidates, or a candidate that is the best
/// fit of two lines, gets no proposal: a person decides, and those candidates are left for them too. Then the next best
/// fits of the lines and candidates still open, and so on; each line and each candidate is proposed at most once.</item>
/// </list>
/// </summary>
internal static class StatementMatcher
{
    public const int DefaultToleranceDays = 5;
    public const int MaxToleranceDays = 31;
    public const int MinReferenceLength = 4;

    /// <summary>How well a line fits a candidate: by bank reference (2), grant reference (1) or amount and date alone (0), then by closeness.</summary>
    private readonly record struct Fit(int Line, int Candidate, int ReferenceRank, string? Reference, int DaysApart)
    {
        public (int, int) Quality => (ReferenceRank, -DaysApart);
    }

    public static MatchResult Propose(IReadOnlyList<StatementLine> lines, IReadOnlyList<MatchCandidate> candidates, int toleranceDays = DefaultToleranceDays)
    {
        if (toleranceDays is < 0 or > MaxToleranceDays)
            throw new DomainException(DomainText.Get("Statement.Tolerance", MaxToleranceDays, toleranceDays),
                nameof(toleranceDays));

        var fits = new List<Fit>();
        for (var l = 0; l < lines.Count; l++)
            for (var c = 0; c < candidates.Count; c++)
                if (FitOf(lines[l], candidates[c], toleranceDays) is { } fit) fits.Add(fit with { Line = l, Candidate = c });

        var proposed = new Dictionary<int, Fit>();
        var tiedLines = new Dictionary<int, (List<int> Candidates, List<int> RivalLines)>();
        var lineOpen = Enumerable.Repeat(true, lines.Count).ToArray();
        var candidateOpen = Enumerable.Repeat(true, candidates.Count).ToArray();
        while (fits.Where(f => lineOpen[f.Line] && candidateOpen[f.Candidate]).ToList() is { Count: > 0 } open)
        {
            var best = open.Max(f => f.Quality);
            var level = open.Where(f => f.Quality == best).ToList();
            foreach (var fit in level)
            {
                var lineRivals = level.Where(f => f.Line == fit.Line).Select(f => f.Candidate).ToList();
                var candidateRivals = level.Where(f => f.Candidate == fit.Candidate).Select(f => f.Line).ToList();
                if (lineRivals.Count == 1 && candidateRivals.Count == 1)
                {
                    proposed[fit.Line] = fit;
                    continue;
                }
                var tie = tiedLines.TryGetValue(fit.Line, out var known) ? known : tiedLines[fit.Line] = ([], []);
                tie.Candidates.AddRange(lineRivals.Except(tie.Candidates));
                tie.RivalLines.AddRange(candidateRivals.Where(l => l != fit.Line).Except(tie.RivalLines));
            }
            foreach (var fit in level)
            {
                lineOpen[fit.Line] = false;
                candidateOpen[fit.Candidate] = false;
            }
        }

        var proposals = proposed.OrderBy(p => p.Key).Select(p => Proposal(lines[p.Key], candidates[p.Value.Candidate], p.Value)).ToList();
        var unmatchedLines = Enumerable.Range(0, lines.Count).Where(l => !proposed.ContainsKey(l)).Select(l => tiedLines.TryGetValue(l, out var tie)
                ? new UnmatchedLine(lines[l], [.. tie.Candidates.Order().Select(c => candidates[c])], Tied(lines, candidates, tie.Candidates, tie.RivalLines))
                : new UnmatchedLine(lines[l], [], NoFit(lines[l], candidates, fits.Where(f => f.Line == l).Select(f => f.Candidate).ToList(), toleranceDays)))
            .ToList();
        var used = proposed.Values.Select(f => f.Candidate).ToHashSet();
        return new MatchResult(proposals, unmatchedLines, [.. candidates.Where((_, c) => !used.Contains(c))]);
    }

    private static Fit? FitOf(StatementLine line, MatchCandidate candidate, int toleranceDays)
    {
        if (line.Direction != candidate.Direction || line.Amount != candidate.Amount) return null; // Money: same currency and amount
        var daysApart = Math.Abs(line.ValueDate.DayNumber - candidate.ValueDate.DayNumber);
        if (daysApart > toleranceDays) return null;
        // A line that names a grant is that grant's money, however well amount, date or a bank reference agree.
        var named = GrantsNamed(line);
        if (named.Count > 0 && candidate.GrantReference is { } grantOf && !named.Contains(grantOf.ToUpperInvariant())) return null;
        // A bank reference is not looked for inside a grant reference the line names ("CAF-2026" is not in "CAF-2026-002").
        var reference = Found(line, candidate.BankReference, outsideGrantReferences: named.Count > 0) is { } bank ? (2, bank)
            : Found(line, candidate.GrantReference) is { } grant ? (1, grant)
            : (0, (string?)null);
        return new Fit(0, 0, reference.Item1, reference.Item2, daysApart);
    }

    /// <summary>The grant references the line's reference, end-to-end id or remittance names (CAF-2026-001), in order, once each.</summary>
    private static List<string> GrantsNamed(StatementLine line) =>
        [.. new[] { line.Reference, line.EndToEndId, line.Remittance }.SelectMany(ReferenceNumbers.FoundIn).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The candidate's reference, when the line's reference, end-to-end id or remittance holds it as a whole token; with
    /// <paramref name="outsideGrantReferences"/>, not within a grant reference the line names (unless it is one itself).
    /// </summary>
    private static string? Found(StatementLine line, string? reference, bool outsideGrantReferences = false)
    {
        var token = StatementLine.Clean(reference, int.MaxValue);
        if (token is null || token.Length < MinReferenceLength) return null;
        var mask = outsideGrantReferences && !ReferenceNumbers.FoundIn(token).Any();
        return new[] { line.Reference, line.EndToEndId, line.Remittance }
            .Any(text => HoldsToken(mask ? ReferenceNumbers.WithoutGrantReferences(text) : text, token)) ? token : null;
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="token"/>, whatever the capitals, with no letter or digit just before or after it.</summary>
    internal static bool HoldsToken(string? text, string token)
    {
        if (text is null) return false;
        for (var at = text.IndexOf(token, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(token, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + token.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))) return true;
        }
        return false;
    }

    private static MatchProposal Proposal(StatementLine line, MatchCandidate candidate, Fit fit)
    {
        var dates = fit.DaysApart switch
        {
            0 => DomainText.Get("Statement.SameValueDate"),
            1 => DomainText.Get("Statement.OneDayApart"),
            var days => DomainText.Get("Statement.DaysApart", days),
        };
        var reason = fit.Reference is null ? DomainText.Get("Statement.ReasonNoReference", dates) : DomainText.Get("Statement.ReasonReference", fit.Reference, dates);
        return new MatchProposal(line, candidate, fit.Reference, fit.DaysApart, reason);
    }

    private static string Tied(IReadOnlyList<StatementLine> lines, IReadOnlyList<MatchCandidate> candidates, List<int> tiedCandidates, List<int> rivalLines) =>
        tiedCandidates.Count > 1
            ? $"{tiedCandidates.Count} open entries fit it equally well: {string.Join("; ", tiedCandidates.Order().Select(c => Describe(candidates[c])))}. " +
              "Choose the one it settles."
            : $"the open entry {Describe(candidates[tiedCandidates[0]])} fits it and the line{(rivalLines.Count > 1 ? "s" : "")} " +
              $"{string.Join(", ", rivalLines.Order().Select(l => lines[l].Line.ToString(CultureInfo.InvariantCulture)))} equally well. Choose the line it settles.";

    private static string NoFit(StatementLine line, IReadOnlyList<MatchCandidate> candidates, List<int> fitting, int toleranceDays) =>
        fitting.Count == 0
            ? $"no open entry{(GrantsNamed(line) is { Count: > 0 } named ? $" of {string.Join(" or ", named)}, which the line names," : "")} is a " +
              $"{(line.Direction == EntryDirection.Credit ? "credit" : "debit")} of {line.Amount} with a value date within " +
              $"{toleranceDays} days of {line.ValueDate:yyyy-MM-dd}."
            : $"the open entries that fit it ({string.Join("; ", fitting.Select(c => Describe(candidates[c])))}) are proposed for other lines " +
              "or left for a person to decide.";

    private static string Describe(MatchCandidate candidate)
    {
        var kind = candidate.Kind switch
        {
            CandidateKind.Disbursement => "disbursement",
            CandidateKind.Refund => "refund",
            CandidateKind.Contribution => "contribution",
            _ => "bank charge",
        };
        var reference = candidate.GrantReference ?? candidate.BankReference;
        return $"{kind}{(reference is null ? "" : " " + reference)} of {candidate.Amount}, value date {candidate.ValueDate:yyyy-MM-dd}";
    }
}
