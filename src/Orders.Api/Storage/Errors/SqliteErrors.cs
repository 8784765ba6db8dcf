using Microsoft.Data.Sqlite;

namespace Orders.Api.Storage.Errors;

/// <summary>What SQLite's result codes mean for the client (docs/operations.md, Store errors).</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;      // still locked by another writer after the busy timeout
    private const int Locked = 6;    // a table locked within the same shared cache
    private const int IoError = 10;  // the disk or file system failed under a read or write
    private const int Full = 13;     // the disk is full
    private const int CantOpen = 14; // the file cannot be opened (a volume not mounted yet, a disk coming back)

    public static StoreErrorKind Classify(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: Busy or Locked or Full } => StoreErrorKind.Busy,
        SqliteException { SqliteErrorCode: IoError or CantOpen } => StoreErrorKind.NodeUnavailable,
        _ => StoreErrorKind.Bug,
    };
}
