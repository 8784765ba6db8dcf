using Dapper;
using Npgsql;

namespace Orders.FaultTests.Harness;

/// <summary>
/// Test-only SQL, installed in a fault test's own database (never in sql/): a trigger that makes the
/// database itself produce transient errors for references with certain prefixes, and sequences
/// that count insert attempts. Sequences are not transactional, so they count the attempts that
/// were rolled back too: the proof of how often the API retried.
/// </summary>
public static class FaultInjection
{
    public const string Install = """
        CREATE TABLE IF NOT EXISTS fault_locks (id integer PRIMARY KEY);
        INSERT INTO fault_locks VALUES (1), (2) ON CONFLICT DO NOTHING;
        CREATE SEQUENCE IF NOT EXISTS fault_attempts_deadlock;
        CREATE SEQUENCE IF NOT EXISTS fault_attempts_failing;
        CREATE SEQUENCE IF NOT EXISTS fault_attempts_serial;
        CREATE SEQUENCE IF NOT EXISTS fault_attempts_remote;
        CREATE SEQUENCE IF NOT EXISTS fault_attempts_bug;
        CREATE SEQUENCE IF NOT EXISTS fault_attempts_ambiguous;
        CREATE SEQUENCE IF NOT EXISTS fault_attempts_ambiguous_once;

        CREATE OR REPLACE FUNCTION fault_inject() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.client_reference LIKE 'deadlock-%' THEN
                -- Row 1, a pause in which the test's transaction (holding row 2) queues for row 1,
                -- then row 2: a lock cycle, which the deadlock detector breaks by failing one side.
                PERFORM nextval('fault_attempts_deadlock');
                PERFORM 1 FROM fault_locks WHERE id = 1 FOR UPDATE;
                PERFORM pg_sleep(0.3);
                PERFORM 1 FROM fault_locks WHERE id = 2 FOR UPDATE;
            ELSIF NEW.client_reference LIKE 'failing-%' THEN
                PERFORM nextval('fault_attempts_failing');
                RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = 'serialization_failure';
            ELSIF NEW.client_reference LIKE 'serial-%' THEN
                PERFORM nextval('fault_attempts_serial');
            ELSIF NEW.client_reference LIKE 'remote-%' THEN
                -- What a Citus coordinator says when the worker holding the owner's shard is gone.
                PERFORM nextval('fault_attempts_remote');
                RAISE EXCEPTION 'connection to the remote node 127.0.0.1:9701 failed with the following error: server closed the connection unexpectedly'
                    USING ERRCODE = 'connection_failure';
            ELSIF NEW.client_reference LIKE 'bug-%' THEN
                -- An internal error that names no node: a bug, not a store failure.
                PERFORM nextval('fault_attempts_bug');
                RAISE EXCEPTION 'injected internal error' USING ERRCODE = 'internal_error';
            END IF;
            RETURN NEW;
        END $$;

        -- At COMMIT, as Citus reports a shard placement whose commit failed: whether it committed is
        -- unknown to the coordinator. 'commitonce-' fails only the database's first such attempt.
        CREATE OR REPLACE FUNCTION fault_inject_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.client_reference LIKE 'commitonce-%' AND nextval('fault_attempts_ambiguous_once') = 1
               OR NEW.client_reference LIKE 'commitfails-%' AND nextval('fault_attempts_ambiguous') > 0 THEN
                RAISE EXCEPTION 'could not commit transaction for shard 102060 on at least one active node'
                    USING ERRCODE = 'internal_error';
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS fault_inject_at_commit ON orders;
        CREATE CONSTRAINT TRIGGER fault_inject_at_commit AFTER INSERT ON orders
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fault_inject_at_commit();

        -- BEFORE ROW fires for every attempt, also one that ON CONFLICT then turns into nothing.
        CREATE OR REPLACE TRIGGER fault_inject BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION fault_inject();
        """;

    /// <summary>For a test that needs only the triggers: PostgreSQL's own default, set again.</summary>
    public const string NoDatabaseSetting = "deadlock_timeout = '1s'";

    /// <summary>
    /// Installs the trigger (after the API migrated the schema; again is harmless) and applies a
    /// per-database setting.
    /// </summary>
    public static async Task InstallAsync(string connectionString, string databaseSetting)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(Install);
        // A setting cannot be a parameter; these are constants of the tests.
        await connection.ExecuteAsync($"ALTER DATABASE {connection.Database} SET {databaseSetting}");
    }

    /// <summary>How many insert attempts a sequence counted.</summary>
    public static async Task<long> AttemptsAsync(string connectionString, string sequence)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        // last_value is 1 with is_called false before the first nextval.
        return await connection.QuerySingleAsync<long>($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}");
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> sessions of this database wait on <paramref name="waitEvent"/>.</summary>
    public static async Task WaitForSessionsAsync(string connectionString, string column, string waitEvent, int count)
    {
        // A connection of its own, outside any transaction: pg_stat_activity is read once per
        // transaction and would never change inside the test's held one.
        await using var connection = new NpgsqlConnection(connectionString);
        for (var poll = 0; poll < 500; poll++)
        {
            var waiting = await connection.QuerySingleAsync<long>(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND {column} = @WaitEvent",
                new { WaitEvent = waitEvent });
            if (waiting >= count)
            {
                return;
            }
            await Task.Delay(10);
        }
        var seen = await connection.QueryAsync<string>(
            "SELECT concat_ws(' ', state, wait_event_type, wait_event, left(query, 40)) FROM pg_stat_activity WHERE datname = current_database()");
        throw new TimeoutException($"fewer than {count} sessions reached {column} = {waitEvent} within 5 s:\n{string.Join('\n', seen)}");
    }
}
