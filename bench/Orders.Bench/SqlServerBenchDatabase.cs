using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Orders.Bench;

/// <summary>
/// run-bench.sh's SQL Server steps, where PostgreSQL has initdb and psql: a fresh database on an
/// existing TDS engine for each run, dropped at its end; a T-SQL script run in it (the seed, the
/// final count); the engine's name for the chart's title.
/// </summary>
public static partial class SqlServerBenchDatabase
{
    /// <summary>Creates a database with a new name (a name cannot be a parameter, so it is made here, never taken from input) and prints it.</summary>
    public static async Task<string> CreateAsync(string serverConnection)
    {
        var name = $"orders_bench_{Guid.NewGuid():N}"[..21];
        await using var connection = await OpenAsync(serverConnection, "master");
        await connection.ExecuteAsync($"CREATE DATABASE [{name}]");
        return name;
    }

    public static async Task DropAsync(string serverConnection, string name)
    {
        // Only a name CreateAsync could have made is ever spliced into the statement.
        if (!BenchDatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a benchmark database name.", nameof(name));
        }
        SqlConnection.ClearAllPools();
        await using var connection = await OpenAsync(serverConnection, "master");
        await connection.ExecuteAsync($"DROP DATABASE [{name}]", commandTimeout: 600);
    }

    /// <summary>Runs one batch with @from and @to bound; returns the first column of its last result row, if any.</summary>
    public static async Task<string?> RunAsync(string connectionString, string script, int from, int to)
    {
        await using var connection = await OpenAsync(connectionString, null);
        // The seed of 1M orders is one long statement; no client-side limit on it.
        var value = await connection.ExecuteScalarAsync<object?>(script, new { from, to }, commandTimeout: 0);
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>"Babelfish 4.4.0 (TDS)" where the engine is Babelfish, else "SQL Server 16.0.…".</summary>
    public static async Task<string> EngineAsync(string serverConnection)
    {
        await using var connection = await OpenAsync(serverConnection, "master");
        // SERVERPROPERTY answers NULL for a property the engine does not know: SQL Server for BabelfishVersion.
        var babelfish = await connection.ExecuteScalarAsync<string?>("SELECT CAST(SERVERPROPERTY('BabelfishVersion') AS nvarchar(128))");
        return babelfish is not null
            ? $"Babelfish {babelfish} (TDS)"
            : $"SQL Server {await connection.ExecuteScalarAsync<string>("SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128))")}";
    }

    private static async Task<SqlConnection> OpenAsync(string connectionString, string? database)
    {
        // No pooling: the tool runs one step and exits, and a pooled session would keep DROP DATABASE waiting.
        var builder = new SqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "Orders.Bench" };
        if (database is not null)
        {
            builder.InitialCatalog = database;
        }
        var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [GeneratedRegex("^orders_bench_[0-9a-f]{8}$")]
    private static partial Regex BenchDatabaseName();
}
