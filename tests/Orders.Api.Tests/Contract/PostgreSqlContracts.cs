using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

// The contract suites on PostgreSql: one line each; every test lives in the generic suite.

public sealed class PostgreSqlCreateOrderContract(PostgreSqlDatabase database) : CreateOrderContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlValidationContract(PostgreSqlDatabase database) : ValidationContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlConcurrencyContract(PostgreSqlDatabase database) : ConcurrencyContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlAtomicityContract(PostgreSqlDatabase database) : AtomicityContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlListingContract(PostgreSqlDatabase database) : ListingContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlStoreUnavailableContract(PostgreSqlDatabase database) : StoreUnavailableContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlHealthContract(PostgreSqlDatabase database) : HealthContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlAuthContract(PostgreSqlDatabase database) : AuthContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlHostileInputContract(PostgreSqlDatabase database) : HostileInputContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlFreeTextContract(PostgreSqlDatabase database) : FreeTextContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlStoredOrderContract(PostgreSqlDatabase database) : StoredOrderContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlPoolWarmUpContract(PostgreSqlDatabase database) : PoolWarmUpContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlRoundTripContract(PostgreSqlDatabase database) : RoundTripContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlTextLengthContract(PostgreSqlDatabase database) : TextLengthContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlEntityTagContract(PostgreSqlDatabase database) : EntityTagContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlTransitionStoreContract(PostgreSqlDatabase database) : TransitionStoreContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlCancelOrderContract(PostgreSqlDatabase database) : CancelOrderContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlChangeOrderContract(PostgreSqlDatabase database) : ChangeOrderContract<PostgreSqlDatabase>(database);

public sealed class PostgreSqlFulfilOrderContract(PostgreSqlDatabase database) : FulfilOrderContract<PostgreSqlDatabase>(database);
