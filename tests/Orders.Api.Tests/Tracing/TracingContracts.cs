using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Tracing;

// The tracing suite on each database: the statements of a create that inserts, as each store sends them.

/// <summary>SQLite's driver has no ActivitySource: the store's own span per statement (the lines are one span).</summary>
public sealed class SqliteTracingContract(SqliteDatabase database) : TracingContract<SqliteDatabase>(database)
{
    protected override IReadOnlyList<string> CreateStatements => ["InsertHeader", "InsertLine"];
}

/// <summary>Npgsql's own span: the create is one batch, one round trip, named by its statements.</summary>
public sealed class PostgreSqlTracingContract(PostgreSqlDatabase database) : TracingContract<PostgreSqlDatabase>(database)
{
    protected override IReadOnlyList<string> CreateStatements =>
        ["BeginReadCommitted InsertOrderHeader InsertOrderLines FindOtherOrderHeader FindOtherOrderLines Commit"];
}

/// <summary>SqlClient's instrumentation: the create is one batch.</summary>
public sealed class SqlServerTracingContract(SqlServerDatabase database) : TracingContract<SqlServerDatabase>(database)
{
    protected override IReadOnlyList<string> CreateStatements => ["InsertOrder"];
}

public sealed class SqliteEventTracingContract(SqliteDatabase database, RabbitMqNode rabbit) : EventTracingContract<SqliteDatabase>(database, rabbit);

public sealed class PostgreSqlEventTracingContract(PostgreSqlDatabase database, RabbitMqNode rabbit) : EventTracingContract<PostgreSqlDatabase>(database, rabbit);

public sealed class SqlServerEventTracingContract(SqlServerDatabase database, RabbitMqNode rabbit) : EventTracingContract<SqlServerDatabase>(database, rabbit);
