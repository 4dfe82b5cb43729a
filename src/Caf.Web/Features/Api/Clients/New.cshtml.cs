using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Api.Clients;

/// <summary>Registers an API client and shows its secret, once: it is stored only as a hash.</summary>
[Authorize(Roles = CafRoles.Admin)]
public sealed class NewModel(ApiClientRegistry registry) : PageModel
{
    [BindProperty] public ClientInput Input { get; set; } = new();

    /// <summary>Set after a successful registration, for this one response only.</summary>
    internal string? Secret { get; private set; }

    public sealed class ClientInput
    {
        [Required(ErrorMessage = "Give the client id the program will send.")]
        [StringLength(64, ErrorMessage = "Keep the client id to 64 characters.")]
        public string? ClientId { get; set; }

        [Required(ErrorMessage = "Give the program a name people will recognise.")]
        [StringLength(200, ErrorMessage = "Keep the name to 200 characters.")]
        public string? DisplayName { get; set; }

        public List<string> Scopes { get; set; } = [];

        [StringLength(2000, ErrorMessage = "Keep the address to 2,000 characters.")]
        public string? RedirectUri { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Scopes.Count == 0)
            ModelState.AddModelError("Input.Scopes", "Choose at least one kind of access.");
        if (!ModelState.IsValid) return Invalid();
        try
        {
            Secret = await registry.RegisterAsync(new ApiClientRegistration(Input.ClientId!, Input.DisplayName!, Input.Scopes, Input.RedirectUri), ct);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(ex.Field is null ? string.Empty : $"Input.{ex.Field}", ex.Message);
            return Invalid();
        }
        // The secret is in this response and nowhere else: no redirect, no TempData, no caching.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
