using Microsoft.Data.Sqlite;

namespace Orders.Api.Storage.Sqlite;

internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int CantOpen = 14;

    /// <summary>Still busy after the driver's own busy timeout, or the file cannot be opened.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked or CantOpen };
}
