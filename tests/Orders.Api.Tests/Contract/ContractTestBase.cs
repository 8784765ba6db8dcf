using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Base of every provider-generic suite: one database per test class (the class fixture), one
/// in-memory app per test, started on demand so an unavailable database skips (or, when required,
/// fails) before anything else runs.
/// </summary>
public abstract class ContractTestBase<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncDisposable
    where TDatabase : class, IOrderDatabase
{
    /// <summary>The owner (token subject) of the default client's requests.</summary>
    protected const string Owner = TestTokens.DefaultOwner;

    private readonly List<OrdersApiFactory> _factories = [];

    protected TDatabase Database => database;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the app on this class's database and returns a client for it.</summary>
    protected HttpClient StartApi(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartFactory(settings, services).CreateClient();

    protected OrdersApiFactory StartFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        TestRequirements.SkipOrFailWhenUnavailable(database.Name, database.UnavailableReason);
        return Keep(OrdersApiFactory.For(database, settings, services));
    }

    /// <summary>
    /// Disposed with the test: an app left running keeps its background services, which may reopen
    /// (and so recreate) a SQLite file after the class fixture deleted it.
    /// </summary>
    protected OrdersApiFactory Keep(OrdersApiFactory factory)
    {
        _factories.Add(factory);
        return factory;
    }

    /// <summary>The store the app uses, for store-level tests (the app must be started first).</summary>
    protected static IOrderStore StoreOf(OrdersApiFactory factory) => factory.Services.GetRequiredService<IOrderStore>();

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
