using System.Globalization;
using Caf.Data;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The account emails — an invitation, a password reset, a changed authenticator — in the person's language (en, fr, es;
/// issue 14). Each is the plain text; the outbox makes the HTML part from it.
/// </summary>
public static class AccountMail
{
    public static (string Subject, string Body) Invitation(string displayName, string role, string link, DateTime expiresAtUtc, string language) => language switch
    {
        "fr" => ("Votre invitation à CafGrants",
            $"""
            Bonjour {displayName},

            Vous êtes invité·e à CafGrants, le système de subventions du Fonds de coopération et d'assistance, en tant que {Role(role, language)}.
            Choisissez votre mot de passe ici (le lien ne sert qu'une fois, jusqu'au {Date(expiresAtUtc, language)}) :

            {link}

            Si vous n'attendiez pas cette invitation, ignorez ce message.

            Unité d'appui à l'application, Genève
            """),
        "es" => ("Su invitación a CafGrants",
            $"""
            Estimado/a {displayName}:

            Se le invita a CafGrants, el sistema de subvenciones del Fondo de Cooperación y Asistencia, como {Role(role, language)}.
            Elija su contraseña aquí (el enlace sirve una sola vez, hasta el {Date(expiresAtUtc, language)}):

            {link}

            Si no esperaba esta invitación, ignore este mensaje.

            Dependencia de Apoyo a la Aplicación, Ginebra
            """),
        _ => ("Your invitation to CafGrants",
            $"""
            Dear {displayName},

            You are invited to CafGrants, the Cooperation and Assistance Fund's grant system, as {Role(role, language)}.
            Choose your password here (the link works once, until {Date(expiresAtUtc, language)}):

            {link}

            If you did not expect this invitation, ignore this message.

            Implementation Support Unit, Geneva
            """),
    };

    public static (string Subject, string Body) PasswordReset(string link, string language) => language switch
    {
        "fr" => ("Réinitialiser votre mot de passe CafGrants",
            $"""
            Quelqu'un, probablement vous, a demandé à réinitialiser le mot de passe de votre compte CafGrants.
            Choisissez un nouveau mot de passe ici (le lien ne sert qu'une fois, pendant un jour) :

            {link}

            Si ce n'était pas vous, ignorez ce message : votre mot de passe reste le même.
            """),
        "es" => ("Restablecer su contraseña de CafGrants",
            $"""
            Alguien, probablemente usted, pidió restablecer la contraseña de su cuenta de CafGrants.
            Elija una nueva contraseña aquí (el enlace sirve una sola vez, durante un día):

            {link}

            Si no fue usted, ignore este mensaje: su contraseña no cambia.
            """),
        _ => ("Resetting your CafGrants password",
            $"""
            Someone, probably you, asked to reset the password of your CafGrants account.
            Choose a new password here (the link works once, for one day):

            {link}

            If it was not you, ignore this message: your password stays as it is.
            """),
    };

    public static (string Subject, string Body) AuthenticatorChanged(string displayName, DateTime atUtc, bool withRecoveryCode, string language)
    {
        var time = atUtc.ToString("HH:mm", CultureInfo.InvariantCulture);
        return language switch
        {
            "fr" => ("L'authentificateur de votre compte CafGrants a changé",
                $"""
                Bonjour {displayName},

                L'application d'authentification de votre compte CafGrants a été remplacée le {Date(atUtc, language)} à {time} UTC
                (preuve apportée par {(withRecoveryCode ? "un code de récupération" : "un code de l'application précédente")}).
                Les codes de l'application précédente ne fonctionnent plus.

                Si ce n'était pas vous, prévenez immédiatement l'Unité d'appui à l'application : quelqu'un d'autre connaît peut-être votre mot de passe.

                CafGrants
                """),
            "es" => ("Cambió el autenticador de su cuenta de CafGrants",
                $"""
                Estimado/a {displayName}:

                La aplicación de autenticación de su cuenta de CafGrants se sustituyó el {Date(atUtc, language)} a las {time} UTC
                (se comprobó con {(withRecoveryCode ? "un código de recuperación" : "un código de la aplicación anterior")}).
                Los códigos de la aplicación anterior ya no sirven.

                Si no fue usted, avise de inmediato a la Dependencia de Apoyo a la Aplicación: otra persona podría conocer su contraseña.

                CafGrants
                """),
            _ => ("Your CafGrants authenticator was changed",
                $"""
                Dear {displayName},

                The authenticator app of your CafGrants account was replaced on {Date(atUtc, language)} at {time} UTC
                (proven with {(withRecoveryCode ? "a recovery code" : "a code from the previous app")}).
                Codes from the previous app no longer work.

                If it was not you, tell the Implementation Support Unit at once: someone else may hold your password.

                CafGrants
                """),
        };
    }

    /// <summary>A role as the person reads it in their language.</summary>
    public static string Role(string role, string language) => (language, role) switch
    {
        ("fr", CafRoles.Applicant) => "point focal d'un État partie (demandeur)",
        ("fr", CafRoles.IsuOfficer) => "agent·e de l'Unité d'appui à l'application",
        ("fr", CafRoles.GenderFocalPoint) => "point focal pour le genre",
        ("fr", CafRoles.CommitteeMember) => "membre du Comité",
        ("fr", CafRoles.CommitteeChair) => "président·e du Comité",
        ("fr", CafRoles.Finance) => "responsable financier·ère",
        ("fr", CafRoles.Auditor) => "auditeur·rice",
        ("fr", CafRoles.Admin) => "administrateur·rice",
        ("es", CafRoles.Applicant) => "punto focal de un Estado parte (solicitante)",
        ("es", CafRoles.IsuOfficer) => "oficial de la Dependencia de Apoyo a la Aplicación",
        ("es", CafRoles.GenderFocalPoint) => "punto focal de género",
        ("es", CafRoles.CommitteeMember) => "miembro del Comité",
        ("es", CafRoles.CommitteeChair) => "presidente/a del Comité",
        ("es", CafRoles.Finance) => "oficial de finanzas",
        ("es", CafRoles.Auditor) => "auditor/a",
        ("es", CafRoles.Admin) => "administrador/a",
        _ => CafRoles.Describe(role),
    };

    private static string Date(DateTime utc, string language) => Caf.Workflows.Grants.ReportMail.Date(DateOnly.FromDateTime(utc), language);
}
