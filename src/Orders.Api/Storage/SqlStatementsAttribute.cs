namespace Orders.Api.Storage;

/// <summary>
/// Marks a class whose const strings are the statements a store sends (PostgreSqlSql, SqliteEventSql, …).
/// <see cref="StatementNames"/> finds them by it, so the names of spans cover a new provider's
/// statements the moment its class carries the mark, and storage never has to list its providers.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class SqlStatementsAttribute : Attribute;
