using System.Text.RegularExpressions;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Reads the mail the application sent, as delivered to the SMTP server's Maildir or the pickup folder.</summary>
public static class Mailbox
{
    /// <summary>Waits for a message to <paramref name="email"/> holding a link that matches; returns the message's text and the link.</summary>
    public static async Task<(string Text, Uri Link)> LinkAsync(CafAppFactory app, string email, Regex pattern)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.EnumerateFiles(app.MailFolder))
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
