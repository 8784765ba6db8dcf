using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NpgsqlTypes;
using Orders.Api.Contracts;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;

namespace Orders.Bench;

/// <summary>
/// The other school, measured next to ours: a floor-like server (<see cref="Floor"/>'s URLs, statuses
/// and bodies, the same PostgreSQL) that places the same orders the store-and-replay way, as Brandur
/// Leach describes it for Postgres (https://brandur.org/idempotency-keys, code in
/// https://github.com/brandur/rocket-rides-atomic) and Stripe documents it
/// (https://docs.stripe.com/api/idempotent_requests, https://stripe.com/blog/idempotency). Only the
/// benchmark runs this (run-bench.sh with BENCH_REPLAY=1); it is not part of the product.
/// </summary>
/// <remarks>
/// The key row (bench/sql/replay-keys.sql) is taken and locked in a transaction of its own (his first
/// atomic phase), the order is written in a second one that also stores the response and unlocks the
/// key (his last atomic phase, which returns a Response), so the recovery points are started and
/// finished: placing an order has no foreign state mutation between them. A retry with the same key and
/// request replays the stored status and body (Stripe adds Idempotent-Replayed: true); another request
/// under the key gets 422 (the IETF draft's status; Brandur answers 409); a key whose holder is in
/// flight gets 409 with Retry-After; a key locked longer than the lease (Replay:LeaseSeconds, default
/// 5; his IDEMPOTENCY_KEY_LOCK_TIMEOUT is 90 s) is taken over and resumed from its recovery point.
/// Made as cheap as the design allows, not a strawman: each transaction is one batch and one round trip
/// (a create two, a replay one); READ COMMITTED with ON CONFLICT instead of his SERIALIZABLE select-then-
/// insert (the unique index arbitrates concurrent first requests, with no serialization failures to
/// retry). The orders go to the product's orders and order_lines tables with the product's own insert
/// statements, so both designs store the same order rows and the difference is the key table; their
/// unique (owner, client_reference) stays, in the role of his rides.idempotency_key_id UNIQUE.
/// </remarks>
public static class Replay
{
    private const string Lock = """
        INSERT INTO idempotency_keys (owner_id, idempotency_key, request_method, request_path, request_hash, locked_at, recovery_point)
        VALUES (@Owner, @Key, 'POST', '/orders', @Hash, now(), 'started')
        ON CONFLICT (owner_id, idempotency_key) DO NOTHING
        RETURNING id, recovery_point
        """;

    // A key whose holder died (locked longer than the lease) or failed (unlocked, not finished) is
    // taken over by the request that finds it, if it is the same request.
    private const string Recover = """
        UPDATE idempotency_keys SET locked_at = now(), last_run_at = now()
        WHERE owner_id = @Owner AND idempotency_key = @Key AND request_hash = @Hash AND recovery_point <> 'finished'
          AND (locked_at IS NULL OR locked_at < now() - @Lease)
        RETURNING id, recovery_point
        """;

    private const string Read = """
        SELECT id, request_hash, recovery_point, response_code, response_body
        FROM idempotency_keys WHERE owner_id = @Owner AND idempotency_key = @Key
        """;

    // The last atomic phase: the order (the product's statements), then the response, unlock, finished.
    // Only if this holder still holds the key at started and its order is the one stored: a holder
    // taken for dead that was only slow finds the key taken over (or the reference held) and stores nothing.
    private const string Finish = """
        UPDATE idempotency_keys
        SET locked_at = NULL, recovery_point = 'finished', response_code = 201, response_body = @Body
        WHERE id = @Id AND recovery_point = 'started' AND locked_at = @LockedAt
          AND EXISTS (SELECT 1 FROM orders WHERE owner_id = @Owner AND order_id = @OrderId)
        RETURNING id
        """;

    private const string Unlock = "UPDATE idempotency_keys SET locked_at = NULL WHERE id = @Id AND locked_at = @LockedAt";

    public static async Task RunAsync(string url)
    {
        var (app, store, factory) = Floor.Build();
        var lease = TimeSpan.FromSeconds(app.Configuration.GetValue("Replay:LeaseSeconds", 5.0));
        await using var dataSource = PostgreSqlDataSource.Create(
            app.Configuration.GetConnectionString("Orders") ?? throw new InvalidOperationException("ConnectionStrings:Orders is not set."));

        app.MapPost("/orders", async (HttpContext context, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            var body = buffer.ToArray();
            var reference = JsonSerializer.Deserialize<Floor.FloorBody>(body, JsonSerializerOptions.Web)?.ClientReference
                ?? throw new BadHttpRequestException("No body.");
            return await PlaceAsync(dataSource, factory, reference, SHA256.HashData(body), lease, ct);
        });
        app.MapGet("/orders/{clientReference}", async (string clientReference, CancellationToken ct) =>
            await store.FindAsync(BenchOrder.Owner, clientReference, ct) is { } order ? Results.Json(OrderResponse.From(order)) : Results.NotFound());
        await app.RunAsync(url);
    }

    private static async Task<IResult> PlaceAsync(NpgsqlDataSource dataSource, OrderFactory factory, string key, byte[] hash, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var taken = await TakeAsync(connection, key, hash, lease, ct);
        if (taken.Held is not { } held)
        {
            return Answer(taken.Row, hash);
        }
        // Resumed from its recovery point: started is the only one short of finished (no order yet).
        var order = factory.Create(BenchOrder.Owner, BenchOrder.Draft(key));
        var response = JsonSerializer.Serialize(OrderResponse.From(order), JsonSerializerOptions.Web);
        try
        {
            if (await FinishAsync(connection, held, order, response, ct))
            {
                return Results.Text(response, "application/json; charset=utf-8", Encoding.UTF8, StatusCodes.Status201Created);
            }
        }
        catch
        {
            // His atomic_phase: on an error the key is unlocked, so a retry resumes at once. On a
            // connection of its own: this one may be in the failed transaction (a cancelled batch).
            await using var unlock = dataSource.CreateCommand(Unlock);
            unlock.Parameters.Add(new NpgsqlParameter<long>("Id", held.Id));
            unlock.Parameters.Add(new NpgsqlParameter<DateTime>("LockedAt", NpgsqlDbType.TimestampTz) { TypedValue = held.LockedAt });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
        // Taken over while this holder was slow, or the reference held by an order placed without this key.
        return Answer((await TakeAsync(connection, key, hash, TimeSpan.MaxValue, ct)).Row, hash);
    }

    private sealed record KeyRow(long Id, byte[] RequestHash, string RecoveryPoint, int? ResponseCode, string? ResponseBody);

    private sealed record Held(long Id, DateTime LockedAt);

    /// <summary>His first atomic phase in one round trip: insert the key locked, or take over a dead holder's, and read it.</summary>
    private static async Task<(Held? Held, KeyRow Row)> TakeAsync(NpgsqlConnection connection, string key, byte[] hash, TimeSpan lease, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.BeginReadCommitted));
        PostgreSqlOrderInsert.Command(batch, Lock, [Owner(), Key(key), Hash(hash)]);
        PostgreSqlOrderInsert.Command(batch, lease == TimeSpan.MaxValue ? "SELECT NULL::bigint, NULL::text WHERE false" : Recover,
            lease == TimeSpan.MaxValue ? [] : [Owner(), Key(key), Hash(hash), new NpgsqlParameter<TimeSpan>("Lease", lease)]);
        PostgreSqlOrderInsert.Command(batch, Read, [Owner(), Key(key)]);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT now()"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.Commit));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var owned = await reader.ReadAsync(ct);
        await reader.NextResultAsync(ct);
        owned |= await reader.ReadAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var row = new KeyRow(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var now = reader.GetFieldValue<DateTime>(0);
        while (await reader.NextResultAsync(ct))
        {
        }
        return (owned ? new Held(row.Id, now) : null, row);
    }

    private static async Task<bool> FinishAsync(NpgsqlConnection connection, Held held, Order order, string response, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.BeginReadCommitted));
        PostgreSqlOrderInsert.Command(batch, PostgreSqlSql.InsertOrderHeader, PostgreSqlOrderInsert.HeaderParameters(order));
        PostgreSqlOrderInsert.Command(batch, PostgreSqlSql.InsertOrderLines, PostgreSqlOrderInsert.LineParameters(order));
        PostgreSqlOrderInsert.Command(batch, Finish,
        [
            PostgreSqlOrderInsert.Text("Body", response),
            new NpgsqlParameter<long>("Id", held.Id),
            new NpgsqlParameter<DateTime>("LockedAt", NpgsqlDbType.TimestampTz) { TypedValue = held.LockedAt },
            Owner(),
            new NpgsqlParameter<Guid>("OrderId", order.OrderId),
        ]);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.Commit));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var finished = await reader.ReadAsync(ct);
        while (await reader.NextResultAsync(ct))
        {
        }
        return finished;
    }

    private static IResult Answer(KeyRow row, byte[] hash)
    {
        if (!row.RequestHash.AsSpan().SequenceEqual(hash))
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_MISMATCH",
                "This key was used with another request.", retryAfter: false);
        }
        if (row is { RecoveryPoint: "finished", ResponseCode: { } code, ResponseBody: { } body })
        {
            return new Replayed(code, body);
        }
        return Problem(StatusCodes.Status409Conflict, "IDEMPOTENCY_KEY_IN_USE",
            "A request with this key is in progress; retry later.", retryAfter: true);
    }

    private static Headed Problem(int status, string code, string title, bool retryAfter) => new Headed(
        Results.Json(new { type = "/problems/" + code.ToLowerInvariant().Replace('_', '-'), title, status, code },
            JsonSerializerOptions.Web, "application/problem+json", status),
        retryAfter ? "1" : null);

    /// <summary>The stored status and body, as Stripe replays them, with its Idempotent-Replayed header.</summary>
    private sealed class Replayed(int status, string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Text(body, "application/json; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }

    private sealed class Headed(IResult inner, string? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfter is not null)
            {
                httpContext.Response.Headers.RetryAfter = retryAfter;
            }
            return inner.ExecuteAsync(httpContext);
        }
    }

    private static NpgsqlParameter Owner() => PostgreSqlOrderInsert.Text("Owner", BenchOrder.Owner);

    private static NpgsqlParameter Key(string key) => PostgreSqlOrderInsert.Text("Key", key);

    private static NpgsqlParameter<byte[]> Hash(byte[] hash) => new NpgsqlParameter<byte[]>("Hash", NpgsqlDbType.Bytea) { TypedValue = hash };
}
