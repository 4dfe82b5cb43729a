using System.Net;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>The round's closing time is exact: one second before, a submission is taken; one second after, it is refused with the deadline.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task A_submission_one_second_before_the_deadline_is_taken_and_one_second_after_is_refused()
    {
        await using var app = new SqliteAppFactory();
        await app.InitializeAsync();
        await app.ResetAsync();
        var journey = new GrantJourney(app);
        using var applicant = await journey.SignInAsync(GrantJourney.Applicant);
        var onTime = await journey.DraftFieldsAsync("On time", "COL", ("Flights", "2", "900"));
        var late = await journey.DraftFieldsAsync("Too late", "COL", ("Flights", "2", "900"));
        var onTimeId = await GrantJourney.CreateDraftAsync(applicant, onTime);
        var lateId = await GrantJourney.CreateDraftAsync(applicant, late);
        var closes = await app.WithDbAsync(db => db.Rounds.Select(r => r.ClosesAtUtc).SingleAsync());

        // Weeks pass: yesterday's sign-in has expired, so the focal point signs in again on the last day.
        app.Clock.Advance(closes - TimeSpan.FromSeconds(5) - app.Clock.GetUtcNow().UtcDateTime);
        using var lastDay = await journey.SignInAsync(GrantJourney.Applicant);
        // Frozen from here: however slow the machine, the first submission arrives one second before the deadline.
        app.Clock.FreezeAt(closes - TimeSpan.FromSeconds(1));
        var taken = await lastDay.PostFormAsync($"/Applications/Edit/{onTimeId}", onTime, "Submit");
        Assert.Equal($"/Applications/Details/{onTimeId}", taken.Headers.Location?.OriginalString);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var refused = await lastDay.PostFormAsync($"/Applications/Edit/{lateId}", late, "Submit");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("it is not open now", html);
        // The deadline in Geneva time, as announced, and in UTC (the server does not know the reader's zone).
        var geneva = TimeZoneInfo.ConvertTimeFromUtc(closes, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"));
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Contains($"{geneva.ToString("d MMMM yyyy, HH:mm", invariant)} Geneva time ({closes.ToString("d MMMM yyyy, HH:mm", invariant)} UTC)", html);
        Assert.Equal("Submitted", await journey.StageAsync(onTimeId));
        Assert.Equal("Draft", await journey.StageAsync(lateId));
    }
}
