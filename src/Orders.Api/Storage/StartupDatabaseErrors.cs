using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orders.Api.Configuration;
using Orders.Api.Storage.Errors;

namespace Orders.Api.Storage;

internal enum StartupDatabaseFailure
{
    /// <summary>The server did not answer (down, starting, wrong port): it may come; keep trying.</summary>
    Unreachable,

    /// <summary>The server answered and refused what the settings ask for: only the operator can fix it.</summary>
    ConfigurationMistake,

    /// <summary>Anything else, e.g. a migration script the database rejected.</summary>
    Failed,
}

/// <summary>
/// Sorts what went wrong when the app first touched its database (start-up migration, or the
/// <c>migrate</c> command) and says it in one line naming the database and the setting to fix.
/// </summary>
/// <remarks>
/// Not the stores' classification: at run time a missing database (SQL Server 4060) or a file that
/// cannot be opened (SQLite 14) is treated as transient (failover, a disk coming back), but at start
/// it is far more often a typo in the connection string, so it ends the process with exit 1.
/// </remarks>
internal static class StartupDatabaseErrors
{
    private const string Fix = $"fix {DatabaseTarget.Setting} (environment variable ConnectionStrings__{OrdersConnectionString.Name})";
    private const string CreateIt = $"Create the database (the app migrates an existing database, it does not create one) or {Fix}";
    private const string Credentials = $"Check the user and password, and {Fix}";

    public static (StartupDatabaseFailure Kind, string Message) Classify(string target, Exception exception)
    {
        if (Find<ConfigurationMistakeException>(exception) is { } mistake)
        {
            return (StartupDatabaseFailure.ConfigurationMistake, mistake.Message);
        }
        var cause = DatabaseCause(exception);
        if (ConfigurationHint(cause) is { } hint)
        {
            return (StartupDatabaseFailure.ConfigurationMistake, $"{target} refused: {FirstLine(cause.Message)}. {hint}.");
        }
        if (IsUnreachable(cause))
        {
            return (StartupDatabaseFailure.Unreachable,
                $"Cannot reach {target}: {FirstLine(cause.Message)} (is the server running, and is {DatabaseTarget.Setting} right?)");
        }
        return (StartupDatabaseFailure.Failed, $"{target}: {Messages(exception)}");
    }

    /// <summary>What to do about a refusal only the operator can fix, or null when the cause is not one.</summary>
    private static string? ConfigurationHint(Exception cause) => cause switch
    {
        // 3D000 invalid_catalog_name: no such database. 28P01/28000: password or role refused.
        PostgresException { SqlState: "3D000" } => CreateIt,
        PostgresException { SqlState: "28P01" or "28000" } => Credentials,
        // 4060: cannot open the database the login asks for (missing, or no access). 911: the database
        // does not exist (SQL Server's answer to USE of a missing one, and Babelfish's to a login
        // naming one). 18456: login failed.
        SqlException sql when Numbers(sql).Any(number => number is 4060 or 911) => CreateIt,
        SqlException sql when Numbers(sql).Contains(18456) => Credentials,
        // 14 CANTOPEN: the file's directory is missing or not writable. 26 NOTADB: not a database file.
        SqliteException { SqliteErrorCode: 14 } => $"The file's directory must exist and be writable; {Fix}",
        SqliteException { SqliteErrorCode: 26 } => $"The file is not a SQLite database; {Fix}",
        _ => null,
    };

    private static IEnumerable<int> Numbers(SqlException exception) => exception.Errors.Cast<SqlError>().Select(error => error.Number);

    private static bool IsUnreachable(Exception cause) => StoreErrors.Classify(cause).IsRetried();

    // DbUp and the migrators wrap the driver's exception; the driver's says what happened.
    private static Exception DatabaseCause(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqlException or NpgsqlException or SqliteException or SocketException or TimeoutException)
            {
                return current;
            }
        }
        return exception;
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }
        return null;
    }

    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? current = exception; current is not null && messages.Count < 3; current = current.InnerException)
        {
            messages.Add(FirstLine(current.Message).TrimEnd('.'));
        }
        return string.Join(": ", messages) + ".";
    }

    /// <summary>The first line only: some drivers append advice over several lines.</summary>
    public static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
