using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

// The contract suites on SqlServer: one line each; every test lives in the generic suite.

public sealed class SqlServerCreateOrderContract(SqlServerDatabase database) : CreateOrderContract<SqlServerDatabase>(database);

public sealed class SqlServerValidationContract(SqlServerDatabase database) : ValidationContract<SqlServerDatabase>(database);

public sealed class SqlServerConcurrencyContract(SqlServerDatabase database) : ConcurrencyContract<SqlServerDatabase>(database);

public sealed class SqlServerAtomicityContract(SqlServerDatabase database) : AtomicityContract<SqlServerDatabase>(database);

public sealed class SqlServerListingContract(SqlServerDatabase database) : ListingContract<SqlServerDatabase>(database);

public sealed class SqlServerStoreUnavailableContract(SqlServerDatabase database) : StoreUnavailableContract<SqlServerDatabase>(database);

public sealed class SqlServerHealthContract(SqlServerDatabase database) : HealthContract<SqlServerDatabase>(database);

public sealed class SqlServerAuthContract(SqlServerDatabase database) : AuthContract<SqlServerDatabase>(database);

public sealed class SqlServerHostileInputContract(SqlServerDatabase database) : HostileInputContract<SqlServerDatabase>(database);

public sealed class SqlServerFreeTextContract(SqlServerDatabase database) : FreeTextContract<SqlServerDatabase>(database);

public sealed class SqlServerStoredOrderContract(SqlServerDatabase database) : StoredOrderContract<SqlServerDatabase>(database);

public sealed class SqlServerPoolWarmUpContract(SqlServerDatabase database) : PoolWarmUpContract<SqlServerDatabase>(database);

public sealed class SqlServerRoundTripContract(SqlServerDatabase database) : RoundTripContract<SqlServerDatabase>(database);

public sealed class SqlServerTextLengthContract(SqlServerDatabase database) : TextLengthContract<SqlServerDatabase>(database);

public sealed class SqlServerEntityTagContract(SqlServerDatabase database) : EntityTagContract<SqlServerDatabase>(database);

public sealed class SqlServerCancelOrderContract(SqlServerDatabase database) : CancelOrderContract<SqlServerDatabase>(database);

public sealed class SqlServerChangeOrderContract(SqlServerDatabase database) : ChangeOrderContract<SqlServerDatabase>(database);

public sealed class SqlServerTransitionStoreContract(SqlServerDatabase database) : TransitionStoreContract<SqlServerDatabase>(database);

public sealed class SqlServerFulfilOrderContract(SqlServerDatabase database) : FulfilOrderContract<SqlServerDatabase>(database);
