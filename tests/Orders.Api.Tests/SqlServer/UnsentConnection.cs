using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.SqlClient;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// A connection that sends nothing: Dapper binds its parameters into real SqlParameters (so TVPs,
/// DbString and DbType mappings behave as with SQL Server), and executing records them instead.
/// </summary>
internal sealed class UnsentConnection : DbConnection
{
    private ConnectionState _state;

    /// <summary>The parameters of the last command executed, as SqlClient would have sent them.</summary>
    public IReadOnlyList<SqlParameter> Sent { get; private set; } = [];

    [AllowNull]
    public override string ConnectionString { get; set; } = "";

    public override string Database => "unsent";

    public override string DataSource => "unsent";

    public override string ServerVersion => "16.0";

    public override ConnectionState State => _state;

    public override void ChangeDatabase(string databaseName) { }

    public override void Open() => _state = ConnectionState.Open;

    public override void Close() => _state = ConnectionState.Closed;

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();

    protected override DbCommand CreateDbCommand() => new RecordingCommand(this);

    private sealed class RecordingCommand(UnsentConnection owner) : DbCommand
    {
        private readonly SqlCommand _inner = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; }

        protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel() { }

        public override int ExecuteNonQuery()
        {
            owner.Sent = [.. _inner.Parameters.Cast<SqlParameter>()];
            return 0;
        }

        public override object? ExecuteScalar() => throw new NotSupportedException();

        public override void Prepare() { }

        protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
