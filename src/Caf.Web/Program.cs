using Caf.Web.Infrastructure;

// One executable: with no verb it serves the web app; with a verb (migrate, seed, ledger) it does that and exits.
if (CliVerbs.IsVerb(args))
    return await CliVerbs.RunAsync(args);

var app = CafHost.Build(args);
await app.RunAsync();
return 0;

public partial class Program;
