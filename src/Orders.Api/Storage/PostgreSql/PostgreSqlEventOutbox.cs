using Dapper;
using Npgsql;
using Orders.Api.Events;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>The outbox on PostgreSQL: each round one READ COMMITTED transaction holding its claimed rows.</summary>
internal sealed class PostgreSqlEventOutbox(NpgsqlDataSource dataSource, TimeProvider clock) : IOrderEventOutbox
{
    /// <summary>The parameters <see cref="PostgreSqlEventSql.InsertEvent"/> adds to the create's.</summary>
    public static DynamicParameters WithEvent(DynamicParameters parameters, OrderEvent orderEvent)
    {
        parameters.Add("EventId", orderEvent.EventId);
        parameters.Add("EventType", orderEvent.Type);
        parameters.Add("Payload", orderEvent.Payload);
        parameters.Add("OccurredAt", orderEvent.OccurredAt);
        return parameters;
    }

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
