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

    /// <summary>
    /// How many times each outbox message reached <paramref name="mailFolder"/>, by its Message-ID; waits up to
    /// <paramref name="wait"/> for every one to arrive at least once.
    /// </summary>
    public static async Task<Dictionary<Guid, int>> DeliveriesAsync(string mailFolder, IReadOnlyCollection<Guid> ids, TimeSpan wait)
    {
        var wanted = ids.ToDictionary(id => $"<{id:N}@cafgrants>", _ => 0);
        var deadline = DateTime.UtcNow + wait;
        do
        {
            foreach (var key in wanted.Keys) wanted[key] = 0;
            foreach (var file in Directory.EnumerateFiles(mailFolder))
                foreach (var line in File.ReadLines(file).TakeWhile(l => l.Length > 0))
                    if (line.StartsWith("Message-ID: ", StringComparison.OrdinalIgnoreCase) && wanted.ContainsKey(line[12..].Trim())) wanted[line[12..].Trim()]++;
            if (wanted.Values.All(n => n >= 1)) break;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        } while (DateTime.UtcNow < deadline);
        return ids.ToDictionary(id => id, id => wanted[$"<{id:N}@cafgrants>"]);
    }
}
