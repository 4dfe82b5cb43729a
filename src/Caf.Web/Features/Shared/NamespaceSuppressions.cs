using System.Diagnostics.CodeAnalysis;

// "Shared" is a Visual Basic keyword; this web application is C# only and no other assembly consumes its namespaces,
// while the folder name follows ASP.NET Core's convention for what several features share.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:Caf.Web.Features.Shared",
    Justification = "Shared is a VB keyword only; the namespace follows the ASP.NET Core Features/Shared folder and is not consumed outside this C# app.")]
