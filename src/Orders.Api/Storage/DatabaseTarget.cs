using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orders.Api.Configuration;

namespace Orders.Api.Storage;

/// <summary>
/// What a connection string points at, in words an operator recognises ("SQL Server tcp:db1,1433,
/// database orders"), without the credentials; and the check that the string parses at all.
/// </summary>
internal static class DatabaseTarget
{
    public const string Setting = $"ConnectionStrings:{OrdersConnectionString.Name}";

    /// <exception cref="ConfigurationMistakeException">The string is not one this provider's driver accepts.</exception>
    public static string Describe(StorageProvider provider, string connectionString)
    {
        try
        {
            return provider switch
            {
                StorageProvider.SqlServer => DescribeSqlServer(new SqlConnectionStringBuilder(connectionString)),
                StorageProvider.PostgreSql => DescribePostgreSql(new NpgsqlConnectionStringBuilder(connectionString)),
                _ => $"SQLite file {new SqliteConnectionStringBuilder(connectionString).DataSource}",
            };
        }
        // The drivers' messages name the offending keyword, never the value (which may be a password).
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ConfigurationMistakeException(
                $"{Setting} is not a valid {provider} connection string: {ex.Message} " +
                $"(environment variable ConnectionStrings__{OrdersConnectionString.Name}).", ex);
        }
    }

    private static string DescribeSqlServer(SqlConnectionStringBuilder builder) =>
        $"SQL Server {Or(builder.DataSource, "(no Server)")}, database {Or(builder.InitialCatalog, "(the login's default)")}";

    private static string DescribePostgreSql(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {Or(builder.Host, "(no Host)")}:{builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
        $"database {Or(builder.Database, "(the user's name)")}";

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
