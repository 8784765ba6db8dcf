using Microsoft.Data.Sqlite;
using Orders.Api.Storage.Errors;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Unit;

/// <summary>What SQLite's result codes mean for the client.</summary>
public sealed class SqliteErrorsTests
{
    [Theory]
    [InlineData(5, StoreErrorKind.Busy)]             // SQLITE_BUSY: another writer held the lock past the busy timeout
    [InlineData(6, StoreErrorKind.Busy)]             // SQLITE_LOCKED
    [InlineData(13, StoreErrorKind.Busy)]            // SQLITE_FULL: the disk is full
    [InlineData(10, StoreErrorKind.NodeUnavailable)] // SQLITE_IOERR
    [InlineData(14, StoreErrorKind.NodeUnavailable)] // SQLITE_CANTOPEN
    [InlineData(19, StoreErrorKind.Bug)]             // SQLITE_CONSTRAINT: the store did not expect it
    [InlineData(1, StoreErrorKind.Bug)]              // SQLITE_ERROR: bad SQL
    public void ResultCodes_HaveTheirKind(int code, StoreErrorKind kind) =>
        Assert.Equal(kind, StoreErrors.Classify(new SqliteException("an error", code)));

    [Fact]
    public void ARealLockedDatabase_IsBusy()
    {
        // Given a writer holding the file's lock, when another connection writes and its busy timeout (1 s; 0 would mean no limit) runs out,
        using var file = TempPaths.Path("busy", ".db");
        using var holder = new SqliteConnection($"Data Source={file};Pooling=false");
        holder.Open();
        using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);";
            create.ExecuteNonQuery();
        }
        using var other = new SqliteConnection($"Data Source={file};Pooling=false;Default Timeout=1");
        other.Open();
        using var insert = other.CreateCommand();
        insert.CommandText = "INSERT INTO t VALUES (2)";

        var busy = Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());

        // then it is a store failure worth a retry.
        Assert.Equal(StoreErrorKind.Busy, StoreErrors.Classify(busy));
    }
}
