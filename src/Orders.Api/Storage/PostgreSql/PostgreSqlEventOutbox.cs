using Dapper;
using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// The outbox on PostgreSQL: each round one READ COMMITTED transaction holding its claimed rows. On a
/// Citus coordinator the claim and the marking go owner by owner (each statement on one shard),
/// because Citus runs a locking read only when it names the distribution column.
/// </summary>
internal sealed class PostgreSqlEventOutbox(NpgsqlDataSource dataSource, TimeProvider clock) : IOrderEventOutbox
{
    private bool? _ownerByOwner;

    /// <summary>The parameters of <see cref="PostgreSqlEventSql.InsertEvent"/>, typed as the create's are.</summary>
    public static NpgsqlParameter[] InsertParameters(OrderEvent orderEvent) =>
    [
        PostgreSqlOrderInsert.Text("Owner", orderEvent.Owner),
        new NpgsqlParameter<Guid>("OrderId", orderEvent.OrderId),
        new NpgsqlParameter<Guid>("EventId", orderEvent.EventId),
        PostgreSqlOrderInsert.Text("EventType", orderEvent.Type),
        PostgreSqlOrderInsert.Text("Payload", orderEvent.Payload),
        new NpgsqlParameter<DateTime>("OccurredAt", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = orderEvent.OccurredAt },
        PostgreSqlOrderInsert.Text("TraceParent", orderEvent.TraceParent),
        PostgreSqlOrderInsert.Text("TraceState", orderEvent.TraceState),
    ];

    public async Task<RelayRound> RelayAsync(int max, PublishBatch publish, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        _ownerByOwner ??= await connection.ExecuteScalarAsync<bool>(new CommandDefinition(PostgreSqlEventSql.IsCitus, cancellationToken: cancellationToken));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var pending = _ownerByOwner.Value
            ? await ClaimOwnerByOwnerAsync(connection, transaction, max, cancellationToken)
            : (await connection.QueryAsync<OrderEvent>(new CommandDefinition(
                PostgreSqlEventSql.ClaimPending, new { Max = max }, transaction, cancellationToken: cancellationToken))).ToList();
        if (pending.Count == 0)
        {
            return RelayRound.Empty;
        }
        var outcome = await publish(pending, cancellationToken);
        var publishedAt = clock.GetUtcNow().UtcDateTime;
        // Confirmed: recorded even while stopping (no cancellation token).
        if (_ownerByOwner.Value)
        {
            foreach (var owner in outcome.Confirmed.GroupBy(e => e.Owner))
            {
                await connection.ExecuteAsync(new CommandDefinition(PostgreSqlEventSql.MarkPublishedOfOwner,
                    new { PublishedAt = publishedAt, Owner = owner.Key, EventIds = owner.Select(e => e.EventId).ToArray() }, transaction));
            }
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(PostgreSqlEventSql.MarkPublished,
                new
                {
                    PublishedAt = publishedAt,
                    Owners = outcome.Confirmed.Select(e => e.Owner).ToArray(),
                    EventIds = outcome.Confirmed.Select(e => e.EventId).ToArray(),
                },
                transaction));
        }
        await transaction.CommitAsync(CancellationToken.None);
        return new RelayRound(pending.Count, outcome);
    }

    private static async Task<List<OrderEvent>> ClaimOwnerByOwnerAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int max, CancellationToken ct)
    {
        var owners = await connection.QueryAsync<string>(new CommandDefinition(
            PostgreSqlEventSql.PendingOwners, new { Max = max }, transaction, cancellationToken: ct));
        var pending = new List<OrderEvent>();
        foreach (var owner in owners.TakeWhile(_ => pending.Count < max))
        {
            pending.AddRange(await connection.QueryAsync<OrderEvent>(new CommandDefinition(
                PostgreSqlEventSql.ClaimPendingOfOwner, new { Owner = owner, Max = max - pending.Count }, transaction, cancellationToken: ct)));
        }
        return pending;
    }

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<OutboxBacklog>(new CommandDefinition(PostgreSqlEventSql.Backlog, cancellationToken: cancellationToken));
    }

    public async Task<int> DeletePublishedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            PostgreSqlEventSql.DeletePublishedBefore, new { Cutoff = cutoff }, cancellationToken: cancellationToken));
    }
}
