namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Reads what reached the mail server (its Maildir) or the factory's pickup folder.</summary>
internal static class SentMail
{
    /// <summary>The first message containing <paramref name="marker"/>, soft line breaks undone; null if none arrives in time.</summary>
    public static async Task<string?> FindAsync(CafAppFactory factory, string marker, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.EnumerateFiles(factory.MailFolder))
            {
                var text = (await File.ReadAllTextAsync(file)).Replace("=\r\n", "").Replace("=\n", "");
                if (text.Contains(marker, StringComparison.Ordinal)) return text;
            }
            await Task.Delay(200);
        }
        return null;
    }
}
