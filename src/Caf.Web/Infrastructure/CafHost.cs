using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Web.Features.Applications;
using Caf.Web.Features.Finance;
using Caf.Web.Seeding;
using Caf.Workflows;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Infrastructure;

/// <summary>Builds the web application: services, then the request pipeline.</summary>
internal static class CafHost
{
    public static WebApplication Build(string[] args)
    {
        // Outside a request (start-up seeding, timers, the outbox) the application writes what it stores in English with
        // invariant numbers and dates, whatever the machine's locale (LANG=fr_CH.UTF-8 would store French); a request
        // takes its reader's language from the request localisation (ADR 0033).
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        var builder = WebApplication.CreateBuilder(args);
        AddServices(builder);
        PublicLinks.RequireConfigured(builder.Configuration, builder.Environment);
        var app = builder.Build();
        WarnIfStaffSignInIsWeakened(app);
        NameStagesInMessages(app);
        UsePipeline(app);
        return app;
    }

    /// <summary>A stage named in a refusal of the domain reads as its label for the person reading it, in their language (issue 15).</summary>
    private static void NameStagesInMessages(WebApplication app)
    {
        var workflows = app.Services.GetRequiredService<Caf.Workflows.Engine.WorkflowRegistry>();
        var requests = app.Services.GetRequiredService<IHttpContextAccessor>();
        DomainText.StageLabel = stage => StageLabels.Named(workflows, stage, requests.HttpContext?.User);
    }

    /// <summary>Two-factor for staff is switched off for the demo; anywhere else, say so loudly in the log.</summary>
    private static void WarnIfStaffSignInIsWeakened(WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue("Security:RequireTwoFactorForStaff", true)) return;
        InfrastructureLog.StaffSignInWeakened(app.Logger, app.Environment.EnvironmentName);
    }

    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditContext, HttpAuditContext>();
        services.AddCafDatabase(configuration, builder.Environment.ContentRootPath);
        services.AddCafWorkflows(configuration);
        services.AddHostedService<StartupTasks>();
        builder.AddWorkflowTimerScheduler();

        services.AddIdentity<CafUser, IdentityRole>(o =>
            {
                // Length and a guessability check (CommonPasswordValidator) rather than composition rules, which push
                // people to "Password2026!" instead of a long passphrase (NIST SP 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<CafDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<PasswordErrors>()
            .AddClaimsPrincipalFactory<CafClaimsPrincipalFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "caf.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = SecureCookies(builder.Environment);
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "caf.csrf";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = SecureCookies(builder.Environment);
        });
        services.AddCafRateLimits(configuration);
        // A changed security stamp (user disabled, password changed) ends open sessions within a minute.
        services.AddScoped<ISecurityStampValidator, OutageTolerantSecurityStampValidator>();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = TwoFactorEnforcementMiddleware.KeepSecondFactorMark;
        });
        services.AddDataProtection().SetApplicationName("CafGrants").PersistKeysToDbContext<CafDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration, builder.Environment);
        builder.AddCafOpenIddict();

        // Every page requires a signed-in user unless it says otherwise.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Finance, p => p.RequireRole(CafRoles.Finance))
            .AddPolicy(Policies.LedgerReaders, p => p.RequireRole(CafRoles.Finance, CafRoles.Auditor, CafRoles.IsuOfficer))
            .AddPolicy(Policies.Staff, p => p.RequireRole(CafRoles.All.Where(r => r != CafRoles.Applicant)));

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/Language");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
                o.Conventions.AllowAnonymousToPage("/Account/AcceptInvitation");
                o.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
                o.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
                o.Conventions.AllowAnonymousToPage("/Error");
            })
            // A field's label ([Display(Name = "Field.Title")]) is a key of the interface's texts, read in the page's language.
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                PlainBindingMessages.Apply(o.ModelBindingMessageProvider);
                o.ModelBinderProviders.Insert(0, new StrictDecimalBinderProvider());
                o.ModelBinderProviders.Insert(0, new StrictDateBinderProvider());
                o.ModelBinderProviders.Insert(0, new StrictIntegerBinderProvider());
                // Field names are read as the forms write them ("Input.Lines[0]"); the jQuery reading of "a[b]" threw on an
                // unbalanced bracket, a server error anyone could cause before signing in.
                for (var i = o.ValueProviderFactories.Count - 1; i >= 0; i--)
                    if (o.ValueProviderFactories[i] is Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory
                        or Microsoft.AspNetCore.Mvc.ModelBinding.JQueryQueryStringValueProviderFactory)
                        o.ValueProviderFactories.RemoveAt(i);
                o.Filters.Add(new UnansweredMethodFilter());
                o.ModelMetadataDetailsProviders.Add(new PlainBindingMessages());
            });
        // As much as the server takes in one request (Kestrel's 30,000,000 bytes): a file over a form's own limit (10 MB) then
        // gets that form's message next to its field, rather than a page saying the whole form could not be read.
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = 30_000_000);
        // Within seconds whatever the database does: a load balancer reads it to stop sending people here (ADR 0039).
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(3));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(InterfaceLanguage.Configure);
        // Slow links (issue 15): pages, styles and scripts go compressed, Brotli first. Over HTTPS too: the secrets a page
        // holds (the antiforgery token) are new random bytes on every response, so a compression oracle learns nothing.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, "image/svg+xml"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        services.AddScoped<ApplicationAccess>();
        services.AddScoped<Features.Shared.UserActions>();
        // Every use case (one class per group of user actions, in its feature folder) is found here, not listed by hand.
        foreach (var useCase in typeof(CafHost).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Features.Shared.IUseCase).IsAssignableFrom(t)))
            services.AddScoped(useCase);
        services.AddScoped<FreshSecondFactor>();
        services.AddScoped<FundLedger>();
        services.AddScoped<GrantLedger>();
        services.AddScoped<ReconciliationReport>();
        services.AddScoped<ApiCallers>();
        services.AddScoped<DemoSeeder>();
        services.Configure<Email.EmailOptions>(configuration.GetSection("Email"));
        services.AddSingleton<Email.OutboxDispatcher>();
        services.Configure<StaticFileOptions>(o => o.OnPrepareResponse = file =>
        {
            SecurityHeadersMiddleware.MarkStaticFile(file);
            // A file linked with its content's hash (?v=…, asp-append-version) never changes under that address: a year's
            // cache, so a slow link fetches it once (issue 15). Anything else is checked again each time.
            file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
        });
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<Caf.Workflows.IPublicLinks>(sp => sp.GetRequiredService<PublicLinks>());
        services.AddSingleton<Features.Audit.AuditSigning>();
        // The public address is always an allowed host, whatever else AllowedHosts lists.
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
        {
            if (PublicLinks.Configured(configuration) is { } url && !o.AllowedHosts.Contains("*")) o.AllowedHosts = [.. o.AllowedHosts, new Uri(url).Host];
        });
    }

    /// <summary>Cookies travel only over HTTPS, except on a developer's machine and in tests served over plain HTTP.</summary>
    private static CookieSecurePolicy SecureCookies(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static void UsePipeline(WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // A polite page with the correlation id, never a stack trace, in every environment.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            // A body that cannot be read (broken multipart, too many fields, too large) is the sender's error, not ours.
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                InvalidDataException or Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                // The database stopped or restarting: "try again in a minute", not "something broke" (ADR 0039).
                _ when DatabaseOutage.IsUnreachable(ex) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            // While the database is down every request fails the same way: the error page logs one line each, not a stack trace.
            SuppressDiagnosticsCallback = context => DatabaseOutage.IsUnreachable(context.Exception),
        });
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseResponseCompression();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<UnreadableRequestMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        // After authentication: a signed-in person's own language comes from their sign-in.
        app.UseRequestLocalization();
        // One language for words, numbers and dates: a forged cookie ("c=en|uic=fr") cannot make a French page read
        // numbers the English way.
        app.Use((context, next) =>
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture;
            return next(context);
        });
        app.UseMiddleware<TwoFactorEnforcementMiddleware>();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        BenchmarkFloor.MapIfAsked(app);
        app.MapRazorPages();
        app.MapCafApi();
    }

}

internal static class Policies
{
    public const string Finance = "Finance";
    public const string LedgerReaders = "LedgerReaders";
    public const string Staff = "Staff";
}
