using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

/// <summary>The outbox on SQL Server: each round one READ COMMITTED transaction holding its claimed rows.</summary>
internal sealed class SqlServerEventOutbox(OrdersConnectionString connectionString, TimeProvider clock) : IOrderEventOutbox
{
    private readonly string _connectionString = SqlServerConnections.Configure(connectionString.Value);

    private const int DeleteBatch = 1000;

    /// <summary>Adds the event's values to the create's parameters, typed as the columns are.</summary>
    public static DynamicParameters WithEvent(DynamicParameters parameters, OrderEvent orderEvent)
    {
        parameters.Add("EventId", orderEvent.EventId, DbType.Guid);
        parameters.Add("EventType", orderEvent.Type, DbType.AnsiString, size: 50);
        parameters.Add("Payload", orderEvent.Payload, DbType.String, size: -1);
        parameters.Add("OccurredAt", orderEvent.OccurredAt, DbType.DateTime2);
        parameters.Add("TraceParent", orderEvent.TraceParent, DbType.AnsiString, size: OrderEvent.TraceParentLength);
        parameters.Add("TraceState", orderEvent.TraceState, DbType.AnsiString, size: OrderEvent.MaxTraceStateLength);
        return parameters;
    }

    public static DynamicParameters ClaimParameters(int max)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Max", max, DbType.Int32);
        return parameters;
    }

    // datetime2 explicitly: Dapper would send a DateTime as datetime (3.33 ms steps).
    public static DynamicParameters MarkPublishedParameters(DateTime publishedAt, OrderEvent orderEvent)
    {
        var parameters = new DynamicParameters();
        parameters.Add("PublishedAt", publishedAt, DbType.DateTime2);
        parameters.Add("Owner", orderEvent.Owner, DbType.String, size: 255);
        parameters.Add("EventId", orderEvent.EventId, DbType.Guid);
        return parameters;
    }

    public static DynamicParameters DeleteParameters(DateTime cutoff, int max)
    {
        var parameters = ClaimParameters(max);
        parameters.Add("Cutoff", cutoff, DbType.DateTime2);
        return parameters;
    }

    public async Task<RelayRound> RelayAsync(int max, PublishBatch publish, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var pending = (await connection.QueryAsync<ClaimedRow>(new CommandDefinition(
            SqlServerEventSql.ClaimPending, ClaimParameters(max), transaction, cancellationToken: cancellationToken)))
            .OrderBy(row => row.Seq) // oldest first; OUTPUT has no order
            .Select(row => row.ToEvent())
            .ToList();
        if (pending.Count == 0)
        {
            return RelayRound.Empty;
        }
        var outcome = await publish(pending, cancellationToken);
        var publishedAt = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(new CommandDefinition(
            SqlServerEventSql.MarkPublished,
            outcome.Confirmed.Select(e => MarkPublishedParameters(publishedAt, e)),
            transaction,
            cancellationToken: CancellationToken.None)); // confirmed: record it even while stopping
        await transaction.CommitAsync(CancellationToken.None);
        return new RelayRound(pending.Count, outcome);
    }

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var backlog = await connection.QuerySingleAsync<OutboxBacklog>(new CommandDefinition(SqlServerEventSql.Backlog, cancellationToken: cancellationToken));
        return backlog with { OldestOccurredAt = backlog.OldestOccurredAt is { } oldest ? DateTime.SpecifyKind(oldest, DateTimeKind.Utc) : null };
    }

    public async Task<int> DeletePublishedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var total = 0;
        for (var round = 0; round < 1000; round++) // bounded: a million rows per sweep at most
        {
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                SqlServerEventSql.DeletePublishedBefore, DeleteParameters(cutoff, DeleteBatch), cancellationToken: cancellationToken));
            total += deleted;
            if (deleted < DeleteBatch)
            {
                break;
            }
        }
        return total;
    }

    private Task<SqlConnection> OpenAsync(CancellationToken ct) => SqlServerConnections.OpenAsync(_connectionString, ct);

    /// <summary>A row as <see cref="SqlServerEventSql.ClaimPending"/> returns it, with its place in the outbox.</summary>
    private sealed record ClaimedRow(
        long Seq, Guid EventId, string Owner, Guid OrderId, string Type, string Payload, DateTime OccurredAt, string? TraceParent, string? TraceState)
    {
        // datetime2 has no zone; the outbox holds UTC.
        public OrderEvent ToEvent() =>
            new(EventId, Owner, OrderId, Type, Payload, DateTime.SpecifyKind(OccurredAt, DateTimeKind.Utc), TraceParent, TraceState);
    }
}
