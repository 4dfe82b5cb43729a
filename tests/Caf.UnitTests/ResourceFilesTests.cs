using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Caf.UnitTests;

/// <summary>
/// The interface's text (Caf.Web's SharedResource), the command line's (Caf.Web's CliText), the domain's (Caf.Data's
/// DomainText) and the emails' (Caf.Data's MailText) exist in English, French and Spanish alike (issue 15): every key of an
/// English resource file stands, not empty, in the French and the Spanish ones,
/// and neither holds a key English lacks; a placeholder ({0}, {1:N0}) in one language stands in the others.
/// </summary>
public sealed partial class ResourceFilesTests
{
    internal static Dictionary<string, string> Read(string project, string name, string suffix) =>
        XDocument.Load(Path.Combine(RepositoryFiles.Root, "src", project, "Resources", $"{name}{suffix}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Theory]
    [InlineData("Caf.Web", "SharedResource", ".fr")]
    [InlineData("Caf.Web", "SharedResource", ".es")]
    [InlineData("Caf.Web", "CliText", ".fr")]
    [InlineData("Caf.Web", "CliText", ".es")]
    [InlineData("Caf.Data", "DomainText", ".fr")]
    [InlineData("Caf.Data", "DomainText", ".es")]
    [InlineData("Caf.Data", "MailText", ".fr")]
    [InlineData("Caf.Data", "MailText", ".es")]
    public void Every_text_exists_in_the_language_not_empty_with_the_same_placeholders(string project, string name, string suffix)
    {
        var english = Read(project, name, "");
        var other = Read(project, name, suffix);
        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(english.Keys));
        Assert.All(english, pair =>
        {
            Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty in English.");
            Assert.False(string.IsNullOrWhiteSpace(other[pair.Key]), $"{pair.Key} is empty in {suffix}.");
            Assert.Equal(Placeholders(pair.Value), Placeholders(other[pair.Key]));
        });
    }

    /// <summary>The names of the workbooks' sheets, which a spreadsheet takes only up to 31 characters and without : \\ / ? * [ ].</summary>
    [Theory]
    [InlineData("")]
    [InlineData(".fr")]
    [InlineData(".es")]
    public void Every_sheet_name_is_one_a_spreadsheet_accepts(string suffix)
    {
        var texts = Read("Caf.Web", "SharedResource", suffix);
        string[] sheets =
        [
            "Book.Summary", "FundBook.Contributions", "FundBook.Commitments", "FundBook.Disbursements", "FundBook.Refunds", "FundBook.BankCharges",
            "FundBook.ExchangeDifferences", "GrantBook.Sheet", "Recon.BankMatches", "Recon.UnmatchedLines", "Recon.UnmatchedEntries",
            "Recon.Expenditure", "Recon.RefundsDue", "AuditBook.Sheet", "AuditBook.SheetN", "Ranking.Sheet", "Ranking.ScoresSheet",
            "Ranking.CriteriaSheet", "Minutes.Sheet",
        ];
        Assert.All(sheets, key =>
        {
            var name = texts[key].Replace("{0}", "99", StringComparison.Ordinal);
            Assert.True(name.Length is > 0 and <= 31, $"{key} in '{suffix}' is {name.Length} characters long: {name}");
            Assert.True(name.IndexOfAny([':', '\\', '/', '?', '*', '[', ']']) < 0 && name[0] != '\'' && name[^1] != '\'', $"{key} in '{suffix}': {name}");
        });
    }

    [Fact]
    public void The_French_emails_keep_a_no_break_space_before_high_punctuation_and_inside_guillemets() =>
        Assert.All(Read("Caf.Data", "MailText", ".fr"), pair => Assert.False(PlainSpaceInFrench().IsMatch(pair.Value), $"{pair.Key}: {pair.Value}"));

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(" [:;!?»]|« ")]
    private static partial Regex PlainSpaceInFrench();
}

/// <summary>
/// Every key the pages ask for exists (issue 15): a key missing from the files would show on the page as its own name.
/// Keys are found as written in views and code ("Nav.Dashboard"); those made from a value ("List.Sort.{value}",
/// "Preferences.Optional.{kind}") are checked for every value.
/// </summary>
public sealed partial class ResourceKeysUsedTests
{
    private static readonly HashSet<string> Known = [.. System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryFiles.Root, "src", "Caf.Web", "Resources", "SharedResource.resx"))
        .Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    [Fact]
    public void Every_key_written_in_a_view_or_in_code_is_in_the_resource_files()
    {
        var prefixes = Known.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        var web = Path.Combine(RepositoryFiles.Root, "src", "Caf.Web");
        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .Where(u => prefixes.Contains(u.Key[..u.Key.IndexOf('.', StringComparison.Ordinal)]))
            .ToList();
        Assert.Contains(used, u => u.Key == "Nav.Dashboard");
        var missing = used.Where(u => !Known.Contains(u.Key) && !u.Key.EndsWith('.')).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_key_made_from_a_value_is_in_the_resource_files()
    {
        foreach (var sort in Caf.Web.Features.IndexModel.Sorts) Assert.Contains($"List.Sort.{sort.Value}", Known);
        foreach (var kind in Enum.GetValues<Caf.Data.Entities.OptionalEmail>().Where(k => k != Caf.Data.Entities.OptionalEmail.None))
            Assert.Contains($"Preferences.Optional.{kind}", Known);
        // The words for each value of the enums people read (DisplayNames: "Name.BudgetCategory.DailyAllowance").
        foreach (var type in new[] { typeof(Caf.Data.Entities.ThematicArea), typeof(Caf.Data.Entities.AgeBand), typeof(Caf.Data.Entities.Disability),
                     typeof(Caf.Data.Entities.Sex), typeof(Caf.Data.Entities.PartnerRole),
                     typeof(Caf.Data.Entities.BudgetCategory), typeof(Caf.Data.Entities.LedgerEntryKind), typeof(Caf.Data.Entities.TrancheCondition),
                     typeof(Caf.Data.Entities.ReportStatus), typeof(Caf.Data.Entities.ChecklistAnswer), typeof(Caf.Data.Entities.RoundStatus) })
            foreach (var value in Enum.GetNames(type).Where(n => n != "None"))
                Assert.Contains($"Name.{type.Name}.{value}", Known);
        foreach (var kind in Caf.Web.Features.Shared.FileSignatures.Kinds.Values.Concat(Caf.Web.Features.Shared.FileSignatures.ScanKinds.Values))
            Assert.Contains(kind, Known);
        foreach (var role in Caf.Data.CafRoles.All.Append(Caf.Data.CafRoles.System)) Assert.Contains($"Role.{role}", Known);
        foreach (var scope in Caf.Web.Features.Shared.ApiScopes.All) Assert.Contains($"ApiClients.Scope.{scope}", Known);
        foreach (var marker in Caf.Web.Features.IndexModel.Markers) Assert.Contains(marker.Label, Known);
    }

    private static readonly HashSet<string> DomainKeys = [.. ResourceFilesTests.Read("Caf.Data", "DomainText", "").Keys];

    /// <summary>The domain's keys are asked for by Caf.Data (entities, rules, files read) and by Caf.Workflows (guards, actions, the engine).</summary>
    private static readonly string[] DomainProjects = ["Caf.Data", "Caf.Workflows"];

    [Fact]
    public void Every_key_the_domain_asks_for_is_in_its_resource_files()
    {
        var used = DomainProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .Where(u => DomainPrefixes.Contains(u.Key[..u.Key.IndexOf('.', StringComparison.Ordinal)]))
            .ToList();
        Assert.Contains(used, u => u.Key == "Proposal.NeedTitle");
        Assert.Contains(used, u => u.Key == "Workflow.CommentRequired");
        var missing = used.Where(u => !DomainKeys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
        // Keys made from a value: a proposal's sections, and the texts of a proposal's rows.
        foreach (var section in Enum.GetValues<Caf.Data.Entities.ProposalSection>()) Assert.Contains($"Section.{section}", DomainKeys);
        foreach (var key in new[] { "Results.Result", "Results.Indicator", "Results.Target", "Activities.Description", "Activities.Place",
                     "Participants.Name", "Participants.Function", "Participants.Organisation" })
            Assert.Contains($"TooLong.{key}", DomainKeys);
        foreach (var (code, _) in Caf.Data.Eligibility.EligibilityRules.Checks) Assert.Contains($"Check.{code}", DomainKeys);
    }

    /// <summary>The email a subject or body key belongs to ("AccountMail.Invitation" for "AccountMail.Invitation.Body"); the key itself otherwise.</summary>
    private static string LetterOf(string key) =>
        key.EndsWith(".Subject", StringComparison.Ordinal) ? key[..^".Subject".Length]
        : key.EndsWith(".Body", StringComparison.Ordinal) ? key[..^".Body".Length] : key;

    private static readonly HashSet<string> CliKeys = [.. ResourceFilesTests.Read("Caf.Web", "CliText", "").Keys];

    [Fact]
    public void Every_key_the_command_line_says_is_in_its_resource_files_and_every_one_is_said()
    {
        var web = Path.Combine(RepositoryFiles.Root, "src", "Caf.Web");
        var used = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .Where(u => u.Key.StartsWith("Cli.", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(used, u => u.Key == "Cli.Migrate.UpToDate");
        var missing = used.Where(u => !CliKeys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
        // Keys made from a value: why a file is not an audit checkpoint.
        var madeFromValues = Enum.GetValues<Caf.Data.Auditing.CheckpointFileProblem>().Select(p => $"Cli.Audit.{p}").ToList();
        Assert.All(madeFromValues, key => Assert.Contains(key, CliKeys));
        var unsaid = CliKeys.Except(used.Select(u => u.Key)).Except(madeFromValues).ToList();
        Assert.True(unsaid.Count == 0, $"Never said: {string.Join(", ", unsaid)}");
    }

    private static HashSet<string> DomainPrefixes => [.. DomainKeys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)])];

    private static readonly HashSet<string> MailKeys = [.. ResourceFilesTests.Read("Caf.Data", "MailText", "").Keys];

    /// <summary>
    /// Every key an email asks for is in MailText (an email's own, written once for its .Subject and .Body), and every key
    /// there is asked for: keys are found as written in the code that uses <see cref="Caf.Data.MailText"/>.
    /// </summary>
    [Fact]
    public void Every_key_an_email_asks_for_is_in_its_resource_files_and_every_key_there_is_asked_for()
    {
        var prefixes = MailKeys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .Where(f => f.Text.Contains("MailText", StringComparison.Ordinal))
            .SelectMany(f => Literal().Matches(f.Text).Select(m => (f.File, Key: m.Groups["key"].Value)))
            .Where(u => prefixes.Contains(u.Key[..u.Key.IndexOf('.', StringComparison.Ordinal)]))
            .ToList();
        Assert.Contains(used, u => u.Key == "ApplicantMail.SubmissionConfirmation");
        var missing = used.Where(u => !MailKeys.Contains(u.Key) && !(MailKeys.Contains($"{u.Key}.Subject") && MailKeys.Contains($"{u.Key}.Body")))
            .Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
        // Keys made from a value: the roles an invitation names.
        var asked = used.Select(u => u.Key).Concat(Caf.Data.CafRoles.All.Select(role => $"AccountMail.Role.{role}")).ToHashSet();
        foreach (var role in Caf.Data.CafRoles.All) Assert.Contains($"AccountMail.Role.{role}", MailKeys);
        var unused = MailKeys.Where(k => !asked.Contains(k) && !asked.Contains(LetterOf(k))).ToList();
        Assert.True(unused.Count == 0, string.Join(Environment.NewLine, unused));
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"(?<key>[A-Z][A-Za-z]+\\.[A-Za-z][A-Za-z.]*)\"")]
    private static partial System.Text.RegularExpressions.Regex Literal();
}
