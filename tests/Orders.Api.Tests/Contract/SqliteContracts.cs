using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

// The contract suites on Sqlite: one line each; every test lives in the generic suite.

public sealed class SqliteCreateOrderContract(SqliteDatabase database) : CreateOrderContract<SqliteDatabase>(database);

public sealed class SqliteValidationContract(SqliteDatabase database) : ValidationContract<SqliteDatabase>(database);

public sealed class SqliteConcurrencyContract(SqliteDatabase database) : ConcurrencyContract<SqliteDatabase>(database);

public sealed class SqliteAtomicityContract(SqliteDatabase database) : AtomicityContract<SqliteDatabase>(database);

public sealed class SqliteListingContract(SqliteDatabase database) : ListingContract<SqliteDatabase>(database);

public sealed class SqliteStoreUnavailableContract(SqliteDatabase database) : StoreUnavailableContract<SqliteDatabase>(database);

public sealed class SqliteHealthContract(SqliteDatabase database) : HealthContract<SqliteDatabase>(database);

public sealed class SqliteAuthContract(SqliteDatabase database) : AuthContract<SqliteDatabase>(database);

public sealed class SqliteHostileInputContract(SqliteDatabase database) : HostileInputContract<SqliteDatabase>(database);

public sealed class SqliteFreeTextContract(SqliteDatabase database) : FreeTextContract<SqliteDatabase>(database);

public sealed class SqliteStoredOrderContract(SqliteDatabase database) : StoredOrderContract<SqliteDatabase>(database);

public sealed class SqlitePoolWarmUpContract(SqliteDatabase database) : PoolWarmUpContract<SqliteDatabase>(database);

public sealed class SqliteTextLengthContract(SqliteDatabase database) : TextLengthContract<SqliteDatabase>(database);

public sealed class SqliteEntityTagContract(SqliteDatabase database) : EntityTagContract<SqliteDatabase>(database);

public sealed class SqliteTransitionStoreContract(SqliteDatabase database) : TransitionStoreContract<SqliteDatabase>(database);

public sealed class SqliteCancelOrderContract(SqliteDatabase database) : CancelOrderContract<SqliteDatabase>(database);

public sealed class SqliteChangeOrderContract(SqliteDatabase database) : ChangeOrderContract<SqliteDatabase>(database);

public sealed class SqliteFulfilOrderContract(SqliteDatabase database) : FulfilOrderContract<SqliteDatabase>(database);
