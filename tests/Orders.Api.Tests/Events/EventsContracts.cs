using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

// The event suites on each database: one line each; every test lives in the generic suite.

public sealed class SqliteOrderEventsContract(SqliteDatabase database, RabbitMqNode rabbit) : OrderEventsContract<SqliteDatabase>(database, rabbit);

public sealed class PostgreSqlOrderEventsContract(PostgreSqlDatabase database, RabbitMqNode rabbit) : OrderEventsContract<PostgreSqlDatabase>(database, rabbit);

public sealed class SqlServerOrderEventsContract(SqlServerDatabase database, RabbitMqNode rabbit) : OrderEventsContract<SqlServerDatabase>(database, rabbit);

public sealed class SqliteRelayProcessContract(SqliteDatabase database, RabbitMqNode rabbit) : RelayProcessContract<SqliteDatabase>(database, rabbit);

public sealed class PostgreSqlRelayProcessContract(PostgreSqlDatabase database, RabbitMqNode rabbit) : RelayProcessContract<PostgreSqlDatabase>(database, rabbit);

public sealed class SqlServerRelayProcessContract(SqlServerDatabase database, RabbitMqNode rabbit) : RelayProcessContract<SqlServerDatabase>(database, rabbit);

public sealed class SqliteBrokerRestartContract(SqliteDatabase database, RabbitMqNode rabbit) : BrokerRestartContract<SqliteDatabase>(database, rabbit);

public sealed class PostgreSqlBrokerRestartContract(PostgreSqlDatabase database, RabbitMqNode rabbit) : BrokerRestartContract<PostgreSqlDatabase>(database, rabbit);

public sealed class SqlServerBrokerRestartContract(SqlServerDatabase database, RabbitMqNode rabbit) : BrokerRestartContract<SqlServerDatabase>(database, rabbit);

public sealed class SqliteOutboxContract(SqliteDatabase database) : OutboxContract<SqliteDatabase>(database);

public sealed class PostgreSqlOutboxContract(PostgreSqlDatabase database) : OutboxContract<PostgreSqlDatabase>(database);

public sealed class SqlServerOutboxContract(SqlServerDatabase database) : OutboxContract<SqlServerDatabase>(database);

// On a Citus cluster (ORDERS_TEST_CITUS): order_events sharded by owner with the orders, the relay claiming owner by owner.

public sealed class CitusOutboxContract(CitusDatabase database) : OutboxContract<CitusDatabase>(database);

public sealed class CitusOrderEventsContract(CitusDatabase database, RabbitMqNode rabbit) : OrderEventsContract<CitusDatabase>(database, rabbit);

public sealed class CitusRelayProcessContract(CitusDatabase database, RabbitMqNode rabbit) : RelayProcessContract<CitusDatabase>(database, rabbit);

// Cancel and change (issue 34): the SQLite store has them; the server stores pass once theirs cancel and change.

public sealed class SqliteTransitionOutboxContract(SqliteDatabase database) : TransitionOutboxContract<SqliteDatabase>(database);

public sealed class PostgreSqlTransitionOutboxContract(PostgreSqlDatabase database) : TransitionOutboxContract<PostgreSqlDatabase>(database);

public sealed class SqlServerTransitionOutboxContract(SqlServerDatabase database) : TransitionOutboxContract<SqlServerDatabase>(database);

public sealed class CitusTransitionOutboxContract(CitusDatabase database) : TransitionOutboxContract<CitusDatabase>(database);

public sealed class SqliteTransitionEventsContract(SqliteDatabase database, RabbitMqNode rabbit) : TransitionEventsContract<SqliteDatabase>(database, rabbit);

public sealed class PostgreSqlTransitionEventsContract(PostgreSqlDatabase database, RabbitMqNode rabbit) : TransitionEventsContract<PostgreSqlDatabase>(database, rabbit);

public sealed class SqlServerTransitionEventsContract(SqlServerDatabase database, RabbitMqNode rabbit) : TransitionEventsContract<SqlServerDatabase>(database, rabbit);

public sealed class CitusTransitionEventsContract(CitusDatabase database, RabbitMqNode rabbit) : TransitionEventsContract<CitusDatabase>(database, rabbit);
