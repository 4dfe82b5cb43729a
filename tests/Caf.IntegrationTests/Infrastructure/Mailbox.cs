using System.Text.RegularExpressions;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Reads the mail the application sent, as delivered to the SMTP server's Maildir or the pickup folder.</summary>
public static class Mailbox
{
    /// <summary>
    /// Waits for a message to <paramref name="email"/>, delivered after <paramref name="sinceUtc"/>, holding a link that
    /// matches; returns the message's text and the link. A Maildir kept between runs holds older messages to the same
    /// address, and mail may leave after the answer (the outbox): only a message delivered since the action counts.
    /// </summary>
    public static async Task<(string Text, Uri Link)> LinkAsync(CafAppFactory app, string email, Regex pattern, DateTime sinceUtc)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in new DirectoryInfo(app.MailFolder).EnumerateFiles()
                         .Where(f => f.LastWriteTimeUtc >= sinceUtc.AddSeconds(-1)).Select(f => f.FullName))
            {
                var text = await File.ReadAllTextAsync(file);
                if (!text.Contains(email, StringComparison.Ordinal)) continue;
                var decoded = text.Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
                var link = pattern.Match(decoded);
                if (link.Success) return (decoded, new Uri(link.Value));
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"No email to {email} arrived in {app.MailFolder}.");
        return ("", null!);
    }
}
