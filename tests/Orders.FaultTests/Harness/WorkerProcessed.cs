using Dapper;
using Microsoft.Data.Sqlite;
using Orders.FulfilmentWorker;

namespace Orders.FaultTests.Harness;

/// <summary>The worker's processed-ids file, read as the worker left it (read-only, beside the running worker).</summary>
public static class WorkerProcessed
{
    public static async Task<IReadOnlyDictionary<Guid, FulfilmentOutcome>> ReadAsync(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<Guid, FulfilmentOutcome>();
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var rows = await connection.QueryAsync<(string EventId, string Outcome)>("SELECT event_id, outcome FROM processed_events");
        return rows.ToDictionary(row => Guid.Parse(row.EventId), row => Enum.Parse<FulfilmentOutcome>(row.Outcome));
    }
}
