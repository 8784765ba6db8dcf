using Dapper;
using Microsoft.Data.Sqlite;

namespace Orders.Api.Storage.Sqlite;

/// <summary>
/// The outbox on SQLite. SQLite has one writer at a time, so a round's BEGIN IMMEDIATE is the claim:
/// another relay (another process on the same file) waits until this round committed, then sees the
/// rows as published. Creates wait for a round too, which the short publish timeout bounds.
/// </summary>
internal sealed class SqliteEventOutbox(OrdersConnectionString connectionString, TimeProvider clock) : IOrderEventOutbox
{
    private readonly string _connectionString = SqliteConnections.Configure(connectionString.Value);

    /// <summary>The parameters of <see cref="SqliteEventSql.InsertEvent"/>, in SQLite's text representation.</summary>
    public static object InsertParameters(OrderEvent orderEvent) => new
    {
        orderEvent.Owner,
        EventId = SqliteValues.Id(orderEvent.EventId),
        OrderId = SqliteValues.Id(orderEvent.OrderId),
        orderEvent.Type,
        orderEvent.Payload,
        OccurredAt = SqliteValues.Time(orderEvent.OccurredAt),
        orderEvent.TraceParent,
        orderEvent.TraceState,
    };

    public async Task<RelayRound> RelayAsync(int max, PublishBatch publish, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var pending = (await connection.QueryAsync<SqliteEventRow>(new CommandDefinition(
            SqliteEventSql.PendingBatch, new { Max = max }, transaction, cancellationToken: cancellationToken)))
            .Select(row => row.ToEvent()).ToList();
        if (pending.Count == 0)
        {
            return RelayRound.Empty;
        }
        var outcome = await publish(pending, cancellationToken);
        var publishedAt = SqliteValues.Time(clock.GetUtcNow().UtcDateTime);
        await connection.ExecuteAsync(new CommandDefinition(
            SqliteEventSql.MarkPublished,
            outcome.Confirmed.Select(e => new { PublishedAt = publishedAt, e.Owner, EventId = SqliteValues.Id(e.EventId) }),
            transaction,
            cancellationToken: CancellationToken.None)); // confirmed: record it even while stopping
        await transaction.CommitAsync(CancellationToken.None);
        return new RelayRound(pending.Count, outcome);
    }

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        var row = await connection.QuerySingleAsync<(long Pending, string? OldestOccurredAt)>(new CommandDefinition(
            SqliteEventSql.Backlog, cancellationToken: cancellationToken));
        return new OutboxBacklog(row.Pending, row.OldestOccurredAt is null ? null : SqliteValues.ParseTime(row.OldestOccurredAt));
    }

    public async Task<int> DeletePublishedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            SqliteEventSql.DeletePublishedBefore, new { Cutoff = SqliteValues.Time(cutoff) }, cancellationToken: cancellationToken));
    }

    private sealed record SqliteEventRow(
        string EventId, string Owner, string OrderId, string Type, string Payload, string OccurredAt, string? TraceParent, string? TraceState)
    {
        public OrderEvent ToEvent() => new(
            SqliteValues.ParseId(EventId), Owner, SqliteValues.ParseId(OrderId), Type, Payload, SqliteValues.ParseTime(OccurredAt),
            TraceParent, TraceState);
    }
}
