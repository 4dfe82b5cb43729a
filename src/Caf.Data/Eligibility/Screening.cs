using Caf.Data.Entities;

namespace Caf.Data.Eligibility;

/// <summary>
/// What the ISU records when it screens an application: each item of its checklist answered yes or no (with a note), the
/// decision, the rationale the applicant is told and, to ask the applicant, the questions and the sections reopened.
/// <see cref="Problems"/> lists every broken rule at once; <see cref="GrantApplication.RecordScreening"/> and
/// <see cref="GrantApplication.RequestClarification"/> refuse the same rules.
/// </summary>
public sealed record Screening(
    ScreeningOutcome? Decision,
    IReadOnlyList<bool?> Met,
    IReadOnlyList<string?> Notes,
    string? Rationale,
    string? Questions,
    IReadOnlyList<ProposalSection> Sections)
{
    public const int MaxTextLength = 4000;
    public const int MaxNoteLength = 1000;

    /// <summary>Every rule the screening breaks, each with its field, for a checklist of <paramref name="items"/> items.</summary>
    public IEnumerable<(string Field, string Message)> Problems(int items)
    {
        if (Decision is null) yield return (nameof(Decision), DomainText.Get("Screening.ChooseDecision"));
        for (var i = 0; i < items; i++)
            if (Met.ElementAtOrDefault(i) is null) yield return ($"{nameof(Met)}[{i}]", DomainText.Get("Screening.AnswerItem", i + 1));
        foreach (var problem in DecisionProblems()) yield return problem;
        if (QuestionsProblem(Questions, required: Decision == ScreeningOutcome.Clarification) is { } questions) yield return questions;
    }

    /// <summary>The rules of the decision itself, which the application checks when it records it.</summary>
    public IEnumerable<(string Field, string Message)> DecisionProblems()
    {
        if (Notes.Any(n => n?.Trim().Length > MaxNoteLength)) yield return (nameof(Notes), DomainText.Get("Screening.NoteTooLong", 1000));
        // The ISU's own checklist is part of eligibility: an item not met rules 'eligible' out.
        if (Decision == ScreeningOutcome.Eligible && Met.Any(m => m == false))
            yield return (nameof(Decision), DomainText.Get("Screening.NoButEligible"));
        if (string.IsNullOrWhiteSpace(Rationale)) yield return (nameof(Rationale), DomainText.Get("Screening.NeedRationale"));
        else if (Rationale.Trim().Length > MaxTextLength) yield return (nameof(Rationale), DomainText.Get("Screening.RationaleTooLong", MaxTextLength));
    }

    /// <summary>The questions to the applicant: needed to ask, and bounded.</summary>
    public static (string Field, string Message)? QuestionsProblem(string? questions, bool required) =>
        string.IsNullOrWhiteSpace(questions)
            ? required ? (nameof(Questions), DomainText.Get("Screening.NeedQuestions")) : null
            : questions.Trim().Length > MaxTextLength ? (nameof(Questions), DomainText.Get("Screening.QuestionsTooLong", MaxTextLength)) : null;
}
