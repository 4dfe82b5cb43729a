using System.Security.Cryptography;
using System.Text;

namespace Caf.Data.Entities;

/// <summary>
/// An invitation to join with a role (and, for applicants and committee members, a state). Only the SHA-256 of its
/// random token is stored; the link works until it expires, and once.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private Invitation() { }

    /// <param name="lifetime">How long the link works; <see cref="Lifetime"/> unless shorter (the first administrator's: 24 hours).</param>
    public Invitation(string userId, string email, string role, Guid? statePartyId, string invitedByUserId, DateTime nowUtc, out string token,
        TimeSpan? lifetime = null)
    {
        token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        Id = Guid.NewGuid();
        UserId = userId;
        Email = email;
        Role = role;
        StatePartyId = statePartyId;
        InvitedByUserId = invitedByUserId;
        CreatedAtUtc = nowUtc;
        ExpiresAtUtc = nowUtc + (lifetime ?? Lifetime);
        TokenHash = Hash(token);
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Role { get; private set; } = "";
    public Guid? StatePartyId { get; private set; }
    public string InvitedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? AcceptedAtUtc { get; private set; }
    public string TokenHash { get; private set; } = "";

    /// <summary>Why the link cannot be used, in words for the invitee; null when it can.</summary>
    public string? Problem(string token, DateTime nowUtc)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(TokenHash)))
            return DomainText.Get("Auth.InvitationNotValid");
        if (AcceptedAtUtc is not null)
            return DomainText.Get("Auth.InvitationUsed");
        if (nowUtc >= ExpiresAtUtc)
            return DomainText.Get("Auth.InvitationExpired", ExpiresAtUtc);
        return null;
    }

    /// <summary>The invitee used the link: it works no more.</summary>
    /// <exception cref="DomainException">The link cannot be used (wrong token, already used, expired).</exception>
    public void Accept(string token, DateTime nowUtc)
    {
        if (Problem(token, nowUtc) is { } problem) throw new DomainException(problem);
        AcceptedAtUtc = nowUtc;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
