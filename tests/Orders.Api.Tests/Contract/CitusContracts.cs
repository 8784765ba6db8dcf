using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

// The PostgreSQL contract suites again, on a Citus cluster (ORDERS_TEST_CITUS): the same store, the
// same statements, with both tables sharded by owner. One line each; every test lives in the generic suite.

public sealed class CitusCreateOrderContract(CitusDatabase database) : CreateOrderContract<CitusDatabase>(database);

public sealed class CitusValidationContract(CitusDatabase database) : ValidationContract<CitusDatabase>(database);

public sealed class CitusConcurrencyContract(CitusDatabase database) : ConcurrencyContract<CitusDatabase>(database);

public sealed class CitusAtomicityContract(CitusDatabase database) : AtomicityContract<CitusDatabase>(database);

public sealed class CitusListingContract(CitusDatabase database) : ListingContract<CitusDatabase>(database);

public sealed class CitusStoreUnavailableContract(CitusDatabase database) : StoreUnavailableContract<CitusDatabase>(database);

public sealed class CitusHealthContract(CitusDatabase database) : HealthContract<CitusDatabase>(database);

public sealed class CitusAuthContract(CitusDatabase database) : AuthContract<CitusDatabase>(database);

public sealed class CitusHostileInputContract(CitusDatabase database) : HostileInputContract<CitusDatabase>(database);

public sealed class CitusFreeTextContract(CitusDatabase database) : FreeTextContract<CitusDatabase>(database);

public sealed class CitusStoredOrderContract(CitusDatabase database) : StoredOrderContract<CitusDatabase>(database);

public sealed class CitusPoolWarmUpContract(CitusDatabase database) : PoolWarmUpContract<CitusDatabase>(database);

public sealed class CitusRoundTripContract(CitusDatabase database) : RoundTripContract<CitusDatabase>(database);

public sealed class CitusTextLengthContract(CitusDatabase database) : TextLengthContract<CitusDatabase>(database);

public sealed class CitusEntityTagContract(CitusDatabase database) : EntityTagContract<CitusDatabase>(database);

public sealed class CitusTransitionStoreContract(CitusDatabase database) : TransitionStoreContract<CitusDatabase>(database);

public sealed class CitusCancelOrderContract(CitusDatabase database) : CancelOrderContract<CitusDatabase>(database);

public sealed class CitusChangeOrderContract(CitusDatabase database) : ChangeOrderContract<CitusDatabase>(database);

public sealed class CitusFulfilOrderContract(CitusDatabase database) : FulfilOrderContract<CitusDatabase>(database);
