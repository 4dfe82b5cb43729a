using Caf.Data.Entities;
using Caf.Data.ReferenceData;

namespace Caf.UnitTests;

public sealed class AdminRulesTests
{
    [Fact]
    public void An_administrator_cannot_disable_their_own_account_but_may_disable_anyone_else()
    {
        var person = new CafUser { Id = "user-7" };
        Assert.Equal("You cannot disable your own account.", person.DisablingProblem("user-7"));
        Assert.Null(person.DisablingProblem("admin-1"));
    }

    [Fact]
    public void A_states_parties_file_must_be_chosen() =>
        Assert.Equal("Choose the States Parties CSV file to import.", StatesPartiesImport.FileProblem(null, 0));

    [Fact]
    public void An_empty_states_parties_file_is_refused_by_name() =>
        Assert.Equal("The file states.csv is empty. Choose the file that holds the States Parties.", StatesPartiesImport.FileProblem("states.csv", 0));

    [Fact]
    public void A_states_parties_file_of_1_MB_is_read_one_byte_more_is_refused()
    {
        Assert.Null(StatesPartiesImport.FileProblem("states.csv", StatesPartiesImport.MaxBytes));
        Assert.StartsWith("The file states.csv is larger than 1 MB.", StatesPartiesImport.FileProblem("states.csv", StatesPartiesImport.MaxBytes + 1));
    }
}
