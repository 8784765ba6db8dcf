using Dapper;
using Npgsql;
using Orders.Api.Events;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>The outbox on PostgreSQL: each round one READ COMMITTED transaction holding its claimed rows.</summary>
internal sealed class PostgreSqlEventOutbox(NpgsqlDataSource dataSource, TimeProvider clock) : IOrderEventOutbox
{
    /// <summary>The parameters of <see cref="PostgreSqlEventSql.InsertEvent"/>, typed as the create's are.</summary>
    public static NpgsqlParameter[] InsertParameters(OrderEvent orderEvent) =>
    [
        PostgreSqlOrderInsert.Text("Owner", orderEvent.Owner),
        new NpgsqlParameter<Guid>("OrderId", orderEvent.OrderId),
        new NpgsqlParameter<Guid>("EventId", orderEvent.EventId),
        PostgreSqlOrderInsert.Text("EventType", orderEvent.Type),
        PostgreSqlOrderInsert.Text("Payload", orderEvent.Payload),
        new NpgsqlParameter<DateTime>("OccurredAt", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = orderEvent.OccurredAt },
    ];

    public async Task<RelayRound> RelayAsync(int max, PublishBatch publish, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var pending = (await connection.QueryAsync<OrderEvent>(new CommandDefinition(
            PostgreSqlEventSql.ClaimPending, new { Max = max }, transaction, cancellationToken: cancellationToken))).ToList();
        if (pending.Count == 0)
        {
            return RelayRound.Empty;
        }
        var outcome = await publish(pending, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            PostgreSqlEventSql.MarkPublished,
            new
            {
                PublishedAt = clock.GetUtcNow().UtcDateTime,
                Owners = outcome.Confirmed.Select(e => e.Owner).ToArray(),
                EventIds = outcome.Confirmed.Select(e => e.EventId).ToArray(),
            },
            transaction,
            cancellationToken: CancellationToken.None)); // confirmed: record it even while stopping
        await transaction.CommitAsync(CancellationToken.None);
        return new RelayRound(pending.Count, outcome);
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
