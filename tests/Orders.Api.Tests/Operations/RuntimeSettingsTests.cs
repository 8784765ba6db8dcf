using System.Text.Json;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// The runtime settings the profile chose (docs/benchmarks.md) travel with the built API in
/// Orders.Api.runtimeconfig.json, so every deployment of the dll runs with them.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void BuiltApi_ThreadPoolWorkersDoNotSpinForWork()
    {
        Assert.Equal(0, ConfigProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void BuiltApi_UsesWorkstationGarbageCollection()
    {
        Assert.False(ConfigProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void BuiltApi_CompilesMethodsOptimisedAtTheirFirstCall()
    {
        Assert.False(ConfigProperty("System.Runtime.TieredCompilation.QuickJit").GetBoolean());
    }

    private static JsonElement ConfigProperty(string name)
    {
        var path = Path.ChangeExtension(ApiLauncher.ApiDll, ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty(name).Clone();
    }
}
