namespace Caf.Data.Auditing;

/// <summary>
/// The database's own refusal to change the audit trail (ADR 0027): triggers on <c>AuditEvents</c> and
/// <c>AuditCheckpoints</c> that refuse every DELETE, and every UPDATE except of <c>AuditEvents.PersonalValues</c>, the
/// one column outside the hash that an erasure empties. The migration that created them calls <see cref="CreateVersion1"/>;
/// the SQL of a version never changes (a later change is a new version and a new migration), so that a fresh database
/// replays each migration as it was. Tests drop and recreate them around emptying the database.
/// </summary>
public static class AuditTriggers
{
    /// <summary>The message a refused change fails with, on every provider.</summary>
    public const string Refusal = "The audit trail is append-only";

    /// <summary>Every column of an audit record the hash covers: none of them may change.</summary>
    private static readonly string[] HashedColumns =
        ["Id", "Sequence", "OccurredAtUtc", "UserId", "UserName", "Action", "EntityType", "EntityId", "Details", "IpAddress", "CorrelationId", "PreviousHash", "Hash"];

    /// <summary>The statements that create the triggers, each to run on its own, for the provider EF names (ActiveProvider).</summary>
    public static IReadOnlyList<string> CreateVersion1(string? provider) => Kind(provider) switch
    {
        DatabaseProvider.Sqlite =>
        [
            $"""
            CREATE TRIGGER "AuditEvents_no_update" BEFORE UPDATE OF {string.Join(", ", HashedColumns.Select(c => $"\"{c}\""))} ON "AuditEvents"
            BEGIN SELECT RAISE(ABORT, '{Refusal}: an audit record is never changed.'); END;
            """,
            $"""
            CREATE TRIGGER "AuditEvents_no_delete" BEFORE DELETE ON "AuditEvents"
            BEGIN SELECT RAISE(ABORT, '{Refusal}: an audit record is never deleted.'); END;
            """,
            $"""
            CREATE TRIGGER "AuditCheckpoints_no_update" BEFORE UPDATE ON "AuditCheckpoints"
            BEGIN SELECT RAISE(ABORT, '{Refusal}: a checkpoint is never changed.'); END;
            """,
            $"""
            CREATE TRIGGER "AuditCheckpoints_no_delete" BEFORE DELETE ON "AuditCheckpoints"
            BEGIN SELECT RAISE(ABORT, '{Refusal}: a checkpoint is never deleted.'); END;
            """,
        ],
        DatabaseProvider.Postgres =>
        [
            $$"""
            CREATE OR REPLACE FUNCTION caf_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'AuditEvents' THEN
                    IF (to_jsonb(NEW) - 'PersonalValues') = (to_jsonb(OLD) - 'PersonalValues') THEN
                        RETURN NEW;
                    END IF;
                END IF;
                RAISE EXCEPTION '{{Refusal}}: % on % is refused.', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
            END
            $body$;
            """,
            .. PostgresTriggers("AuditEvents"),
            .. PostgresTriggers("AuditCheckpoints"),
        ],
        _ =>
        [
            $"""
            CREATE TRIGGER [AuditEvents_append_only] ON [AuditEvents] AFTER UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                IF NOT EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                    THROW 51000, '{Refusal}: an audit record is never deleted.', 1;
                IF {string.Join(" OR ", HashedColumns.Select(c => $"UPDATE([{c}])"))}
                    THROW 51000, '{Refusal}: an audit record is never changed.', 1;
            END
            """,
            $"""
            CREATE TRIGGER [AuditCheckpoints_append_only] ON [AuditCheckpoints] AFTER UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                IF EXISTS (SELECT 1 FROM deleted) THROW 51000, '{Refusal}: a checkpoint is never changed or deleted.', 1;
            END
            """,
        ],
    };

    /// <summary>The statements that drop the triggers (tests only: to empty the database between tests, and to tamper on purpose).</summary>
    public static IReadOnlyList<string> Drop(string? provider) => Kind(provider) switch
    {
        DatabaseProvider.Sqlite =>
        [
            """DROP TRIGGER IF EXISTS "AuditEvents_no_update";""", """DROP TRIGGER IF EXISTS "AuditEvents_no_delete";""",
            """DROP TRIGGER IF EXISTS "AuditCheckpoints_no_update";""", """DROP TRIGGER IF EXISTS "AuditCheckpoints_no_delete";""",
        ],
        DatabaseProvider.Postgres =>
        [
            """DROP TRIGGER IF EXISTS "AuditEvents_append_only" ON "AuditEvents";""", """DROP TRIGGER IF EXISTS "AuditEvents_no_truncate" ON "AuditEvents";""",
            """DROP TRIGGER IF EXISTS "AuditCheckpoints_append_only" ON "AuditCheckpoints";""",
            """DROP TRIGGER IF EXISTS "AuditCheckpoints_no_truncate" ON "AuditCheckpoints";""",
        ],
        _ => ["DROP TRIGGER IF EXISTS [AuditEvents_append_only];", "DROP TRIGGER IF EXISTS [AuditCheckpoints_append_only];"],
    };

    private static string[] PostgresTriggers(string table) =>
    [
        $"""CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION caf_audit_append_only();""",
        $"""CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION caf_audit_append_only();""",
    ];

    private static DatabaseProvider Kind(string? provider) =>
        provider?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true ? DatabaseProvider.Sqlite
        : provider?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true || provider?.Contains("Postgre", StringComparison.OrdinalIgnoreCase) == true
            ? DatabaseProvider.Postgres
        : provider?.Contains("SqlServer", StringComparison.OrdinalIgnoreCase) == true ? DatabaseProvider.SqlServer
        : throw new InvalidOperationException($"No audit triggers are written for the database provider '{provider}'.");
}
