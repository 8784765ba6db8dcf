using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// The API as the tests start it leaves nothing in the temporary directory when a test kills it: a
/// .NET process's debugger pipes and diagnostics socket (clr-debug-pipe-{pid}-*, dotnet-diagnostic-{pid}-*)
/// are removed only by a clean exit, so <see cref="TestProcesses"/> turns them off.
/// </summary>
public sealed class KilledProcessFilesTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task TheApiProcess_KilledOnceLive_LeavesNoDiagnosticsFilesBehind()
    {
        // Given the API as a live process (the runtime makes its files at start, before Main)
        var api = await ApiProcess.StartAsync(ProductionSettings.For(StorageProvider.Sqlite, database.ConnectionString), TimeSpan.FromSeconds(60));
        var pid = api.Id;

        // When it is killed
        await api.DisposeAsync();

        // Then no file of that process is left in the temporary directory
        var left = Directory.EnumerateFileSystemEntries(TempPaths.Root)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith($"clr-debug-pipe-{pid}-", StringComparison.Ordinal)
                           || name.StartsWith($"dotnet-diagnostic-{pid}-", StringComparison.Ordinal))
            .ToList();
        Assert.True(left.Count == 0, $"the killed API (pid {pid}) left in {TempPaths.Root}: {string.Join(", ", left)}");
    }
}
