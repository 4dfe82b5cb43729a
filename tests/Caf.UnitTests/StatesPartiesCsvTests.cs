using System.Globalization;
using System.Text;
using Caf.Data.Entities;
using Caf.Data.ReferenceData;

namespace Caf.UnitTests;

public sealed class StatesPartiesCsvTests
{
    private const int Year = 2026;
    private const string Header = StatesPartiesCsv.Header;
    private const string Good = "KHM,Cambodia,Cambodge,Camboya,2000-01-01,in-progress,2025-12-31,yes,2023;2024;2025";

    private static StatesPartiesParseResult Parse(string text) => StatesPartiesCsv.Parse(Encoding.UTF8.GetBytes(text), Year);

    [Fact]
    public void A_clean_file_gives_every_row()
    {
        var result = Parse($"{Header}\n{Good}\nMMR,Myanmar,Myanmar,Myanmar,,none,,no,\n");

        Assert.True(result.IsClean);
        Assert.Equal(2, result.Rows.Count);
        var khm = result.Rows[0];
        Assert.Equal(("KHM", "Cambodia", "Cambodge", "Camboya"), (khm.IsoCode, khm.NameEn, khm.NameFr, khm.NameEs));
        Assert.Equal(new DateOnly(2000, 1, 1), khm.PartySince);
        Assert.Equal(Article5Status.InProgress, khm.Article5Status);
        Assert.Equal(new DateOnly(2025, 12, 31), khm.Article5Deadline);
        Assert.True(khm.VictimAssistance);
        Assert.Equal([2023, 2024, 2025], khm.Article7Years);
        var mmr = result.Rows[1];
        Assert.Equal(3, mmr.Line);
        Assert.Null(mmr.PartySince);
        Assert.Empty(mmr.Article7Years);
    }

    [Fact]
    public void Quoted_names_keep_their_commas_quotes_and_accents()
    {
        var result = Parse($"{Header}\r\nCOD,\"Congo, Democratic Republic of the\",\"Congo, République démocratique du\",\"Congo, \"\"RDC\"\"\",2002-11-01,none,,yes,2024\r\n");

        Assert.True(result.IsClean, string.Join("; ", result.Problems));
        var row = Assert.Single(result.Rows);
        Assert.Equal("Congo, Democratic Republic of the", row.NameEn);
        Assert.Equal("Congo, République démocratique du", row.NameFr);
        Assert.Equal("Congo, \"RDC\"", row.NameEs);
    }

    [Fact]
    public void A_byte_order_mark_is_allowed()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes($"{Header}\n{Good}\n")).ToArray();

        var result = StatesPartiesCsv.Parse(bytes, Year);

        Assert.True(result.IsClean, string.Join("; ", result.Problems));
        Assert.Equal("KHM", Assert.Single(result.Rows).IsoCode);
    }

    [Fact]
    public void A_file_not_in_utf8_is_refused_naming_each_line_and_asking_for_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n{Good}\nPER,Peru,Pérou,Perú,1999-03-01,none,,yes,2025\n");

        var result = StatesPartiesCsv.Parse(latin1, Year);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("Save the file as UTF-8", problem.Message);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData("iso3,name_en,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance", "missing: article7_years")]
    [InlineData(Header + ",notes", "not expected: notes")]
    [InlineData("iso,name_en,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years", "missing: iso3; not expected: iso")]
    [InlineData("name_en,iso3,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years", "not in this order")]
    [InlineData("KHM,Cambodia,Cambodge,Camboya,2000-01-01,in-progress,2025-12-31,yes,2024", "missing: iso3")]
    public void A_wrong_header_gives_one_message_with_the_expected_and_the_found_header(string header, string difference)
    {
        var result = Parse($"{header}\n{Good}\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains($"must be the header '{Header}'", problem.Message);
        Assert.Contains($"found '{header}'", problem.Message);
        Assert.Contains(difference, problem.Message);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData(Header + "\n", "no State Party")]
    public void An_empty_file_or_a_header_alone_is_refused(string text, string message)
    {
        var problem = Assert.Single(Parse(text).Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains(message, problem.Message);
    }

    public static TheoryData<string, string, string> BadRows => new()
    {
        { "kh,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,", "iso3", "iso3: 'kh' is not an ISO code. Give the three capital letters" },
        { "khm,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,", "iso3", "iso3: 'khm' is not an ISO code" },
        { "KHM,,Cambodge,Camboya,2000-01-01,none,,yes,", "name_en", "name_en: is empty. Give the state's name in this language." },
        { "KHM,Cambodia,,Camboya,2000-01-01,none,,yes,", "name_fr", "name_fr: is empty." },
        { $"KHM,Cambodia,Cambodge,{new string('x', 201)},2000-01-01,none,,yes,", "name_es", "name_es: is 201 characters long; the most is 200." },
        { "KHM,Cambodia,Cambodge,Camboya,01/01/2000,none,,yes,", "party_since", "party_since: '01/01/2000' is not a date. Write it as yyyy-MM-dd" },
        { "KHM,Cambodia,Cambodge,Camboya,2000-02-30,none,,yes,", "party_since", "party_since: '2000-02-30' is not a date." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,ongoing,,yes,", "article5_status", "article5_status: 'ongoing' is not one of none, in-progress, completed." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,in-progress,,yes,", "article5_deadline", "article5_deadline: is empty, but article5_status is in-progress." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,completed,2009-13-01,yes,", "article5_deadline", "article5_deadline: '2009-13-01' is not a date." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,none,,Y,", "victim_assistance", "victim_assistance: 'Y' is neither yes nor no." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,2023,2024", "", "has 10 values but the header has 9." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,2023 2024", "article7_years", "article7_years: '2023 2024' is not a year. Separate years with semicolons" },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,1998", "article7_years", "article7_years: 1998 is outside 1999–2027." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,2028", "article7_years", "article7_years: 2028 is outside 1999–2027." },
        { "KHM,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,2024;2024", "article7_years", "article7_years: 2024 is listed twice." },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_is_reported_with_its_line_column_and_reason_and_no_row_is_returned(string row, string column, string message)
    {
        var result = Parse($"{Header}\nPER,Peru,Pérou,Perú,1999-03-01,none,,yes,2025\n{row}\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal(column.Length == 0 ? null : column, problem.Column);
        Assert.StartsWith(message, problem.Message);
        Assert.StartsWith("line 3: ", problem.ToString());
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Every_problem_of_every_row_is_reported_not_only_the_first()
    {
        var result = Parse(string.Join('\n', Header, Good, "XX,,Cambodge,Camboya,2000-01-01,maybe,,yes,", Good.Replace("2023;", "20x3;"),
            "", Good, "SEN,Senegal,Sénégal,Senegal,1999-03-01,none,,no,2024"));

        Assert.Equal(
        [
            (3, "iso3"), (3, "name_en"), (3, "article5_status"),
            (4, "iso3"), (4, "article7_years"),
            (6, "iso3"),
        ], result.Problems.Select(p => (p.Line, p.Column!)).ToList());
        Assert.Contains("KHM is already on line 2", result.Problems[3].Message);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void A_line_break_inside_quotes_keeps_later_line_numbers_true_to_the_file()
    {
        var result = Parse($"{Header}\nCOD,\"Congo,\nDemocratic Republic of the\",Congo,Congo,2002-11-01,none,,yes,\nBAD,Bad,Bad,Bad,2002-11-01,none,,maybe,\n");

        Assert.Equal(4, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_line_where_it_opens()
    {
        var problem = Assert.Single(Parse($"{Header}\n{Good}\nCOD,\"Congo, Democratic Republic of the,Congo,Congo,2002-11-01,none,,yes,\n").Problems);

        Assert.Equal(3, problem.Line);
        Assert.Contains("never closed", problem.Message);
    }

    /// <summary>One bad file with every kind of row problem: lines 3 and 4 break a rule in most columns, line 5 has a value too many.</summary>
    private static readonly string BadFile = string.Join('\n', Header, Good,
        "kh,,Cambodge,Camboya,01/01/2000,ongoing,,Y,2023 2024",
        $"KHM,Cambodia,Cambodge,{new string('x', 201)},2000-01-01,in-progress,,yes,1998;2024;2024",
        "SEN,Senegal,Sénégal,Senegal,1999-03-01,none,,no,2024,extra") + "\n";

    [Fact]
    public void A_bad_file_s_problems_read_in_English_as_they_always_have()
    {
        var problems = InLanguage.Read("en", () => Parse(BadFile).Problems.Select(p => p.ToString()).ToList());

        Assert.Equal(
        [
            "line 3: iso3: 'kh' is not an ISO code. Give the three capital letters A–Z of ISO 3166-1 alpha-3, for example KHM.",
            "line 3: name_en: is empty. Give the state's name in this language.",
            "line 3: party_since: '01/01/2000' is not a date. Write it as yyyy-MM-dd, for example 1999-03-01.",
            "line 3: article5_status: 'ongoing' is not one of none, in-progress, completed.",
            "line 3: victim_assistance: 'Y' is neither yes nor no.",
            "line 3: article7_years: '2023 2024' is not a year. Separate years with semicolons, for example 2022;2023;2024.",
            "line 4: iso3: KHM is already on line 2. Give each State Party once.",
            "line 4: name_es: is 201 characters long; the most is 200.",
            "line 4: article5_deadline: is empty, but article5_status is in-progress. Give the clearance deadline as yyyy-MM-dd.",
            "line 4: article7_years: 1998 is outside 1999–2027.",
            "line 4: article7_years: 2024 is listed twice.",
            "line 5: has 10 values but the header has 9. Put a comma between every column, and quotes around a name that contains a comma.",
        ], problems);
    }

    /// <summary>
    /// A French reader (issue 15) reads every problem in French, with a no-break space before the colon; the column names and
    /// the values none, in-progress, yes, no stay as the file writes them, and a year has no thousands separator.
    /// </summary>
    [Fact]
    public void A_bad_file_s_problems_read_in_French_for_a_French_reader()
    {
        var problems = InLanguage.Read("fr", () => Parse(BadFile).Problems.Select(p => p.ToString()).ToList());

        Assert.Equal(
        [
            "ligne 3\u00A0: iso3\u00A0: 'kh' n’est pas un code ISO. Indiquez les trois lettres majuscules A–Z de l’ISO 3166-1 alpha-3, par exemple KHM.",
            "ligne 3\u00A0: name_en\u00A0: est vide. Indiquez le nom de l’État dans cette langue.",
            "ligne 3\u00A0: party_since\u00A0: '01/01/2000' n’est pas une date. Écrivez-la au format aaaa-MM-jj, par exemple 1999-03-01.",
            "ligne 3\u00A0: article5_status\u00A0: 'ongoing' n’est pas l’une des valeurs none, in-progress, completed.",
            "ligne 3\u00A0: victim_assistance\u00A0: 'Y' n’est ni yes ni no.",
            "ligne 3\u00A0: article7_years\u00A0: '2023 2024' n’est pas une année. Séparez les années par des points-virgules, par exemple 2022;2023;2024.",
            "ligne 4\u00A0: iso3\u00A0: KHM figure déjà à la ligne 2. Indiquez chaque État partie une seule fois.",
            "ligne 4\u00A0: name_es\u00A0: compte 201 caractères\u00A0; le maximum est 200.",
            "ligne 4\u00A0: article5_deadline\u00A0: est vide, mais article5_status vaut in-progress. Indiquez l’échéance de déminage au format aaaa-MM-jj.",
            "ligne 4\u00A0: article7_years\u00A0: 1998 est en dehors de la période 1999–2027.",
            "ligne 4\u00A0: article7_years\u00A0: 2024 figure deux fois.",
            "ligne 5\u00A0: comporte 10 valeurs mais l’en-tête en a 9. Mettez une virgule entre chaque colonne, et des guillemets autour d’un nom qui contient une virgule.",
        ], problems);
    }

    public static TheoryData<byte[], string> BadFilesInFrench => new()
    {
        { [], $"ligne 1\u00A0: Le fichier est vide. Il lui faut la ligne d’en-tête '{Header}' et une ligne par État partie." },
        { Encoding.UTF8.GetBytes(Header + "\n"),
            "ligne 1\u00A0: Le fichier a un en-tête mais aucun État partie. Ajoutez une ligne par État partie sous l’en-tête." },
        { Encoding.UTF8.GetBytes("iso,name_en,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years\n" + Good),
            $"ligne 1\u00A0: La première ligne doit être l’en-tête '{Header}' (ces neuf colonnes, dans cet ordre)\u00A0; trouvé " +
            "'iso,name_en,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years'. " +
            "(manquantes\u00A0: iso3\u00A0; inattendues\u00A0: iso)" },
        { Encoding.UTF8.GetBytes("name_en,iso3,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years,\n"),
            $"ligne 1\u00A0: La première ligne doit être l’en-tête '{Header}' (ces neuf colonnes, dans cet ordre)\u00A0; trouvé " +
            "'name_en,iso3,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years,'. " +
            "(inattendues\u00A0: (une colonne vide))" },
        { Encoding.Latin1.GetBytes($"{Header}\nPER,Peru,Pérou,Perú,1999-03-01,none,,yes,2025\n"),
            "ligne 2\u00A0: contient des caractères qui ne sont pas en UTF-8 (le fichier a probablement été enregistré en Windows-1252 ou Latin-1). " +
            "Enregistrez le fichier en UTF-8 (dans Excel\u00A0: «\u00A0CSV UTF-8 (délimité par des virgules)\u00A0») et importez-le à nouveau." },
        { Encoding.UTF8.GetBytes($"{Header}\nCOD,\"Congo,Congo,Congo,2002-11-01,none,,yes,\n"),
            "ligne 2\u00A0: ouvre des guillemets (\") qui ne sont jamais fermés. Fermez chaque valeur entre guillemets par un guillemet." },
    };

    [Theory]
    [MemberData(nameof(BadFilesInFrench))]
    public void A_file_that_cannot_be_read_says_why_in_French_for_a_French_reader(byte[] file, string expected) =>
        Assert.Equal(expected, InLanguage.Read("fr", () => Assert.Single(StatesPartiesCsv.Parse(file, Year).Problems).ToString()));

    [Fact]
    public void The_sample_file_is_clean_and_senegal_has_no_2025_report()
    {
        var result = StatesPartiesCsv.Parse(StatesPartiesImport.SampleFile(), Year);

        Assert.True(result.IsClean, string.Join("; ", result.Problems));
        Assert.Contains(result.Rows, r => r is { IsoCode: "MMR", PartySince: null });
        Assert.DoesNotContain(2025, result.Rows.Single(r => r.IsoCode == "SEN").Article7Years);
        Assert.All(result.Rows.Where(r => r.IsoCode is not ("SEN" or "MMR")), r => Assert.Contains(2025, r.Article7Years));
    }
}
