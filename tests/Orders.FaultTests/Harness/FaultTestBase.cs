using Orders.Api.Tests.Fixtures;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Orders.FaultTests.Harness;

/// <summary>
/// Base of every fault test: a fresh database per test class and real API processes on it, killed at
/// the end whatever happens. The tests run one at a time: each is a load test, and two at once on a
/// small machine would measure each other.
/// </summary>
public abstract class FaultTestBase(IOrderDatabase database) : IAsyncDisposable
{
    private readonly List<ApiProcess> _apis = [];

    protected IOrderDatabase Database => database;

    protected static FaultScale Scale => FaultScale.Current;

    /// <summary>Starts one more API process on this class's database.</summary>
    /// <param name="settings">Environment variables on top of the defaults (e.g. another ConnectionStrings__Orders).</param>
    protected async Task<ApiProcess> StartApiAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        TestRequirements.SkipOrFailWhenUnavailable(database.Name, database.UnavailableReason);
        var api = await ApiProcess.StartAsync(database, settings);
        _apis.Add(api);
        return api;
    }

    /// <summary>
    /// Starts the API (which migrates the schema the trigger attaches to), installs
    /// <see cref="FaultInjection"/> with a per-database setting, and restarts the API so that its
    /// fresh pool's sessions get the setting.
    /// </summary>
    protected async Task<ApiProcess> StartApiWithFaultInjectionAsync(string databaseSetting, IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = await StartApiAsync(settings);
        await FaultInjection.InstallAsync(database.ConnectionString, databaseSetting);
        await api.RestartAsync();
        return api;
    }

    /// <summary>A line in the test's output: the numbers bench/run-fault-tests.sh shows.</summary>
    protected static void Report(string line) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"[{Scale.Name}] {line}");

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis)
        {
            await api.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
