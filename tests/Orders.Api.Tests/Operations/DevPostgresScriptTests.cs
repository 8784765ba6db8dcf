using System.Net;
using System.Text.RegularExpressions;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// The README's PostgreSQL section as a newcomer follows it: `scripts/dev-postgres.sh`, the export
/// lines it prints, `dotnet run`, a first order. Runs it on a port and in a directory of its own, and
/// removes the cluster with the script's own `remove`.
/// </summary>
public sealed partial class DevPostgresScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    // Made by the script itself, under the temporary directory, which the postgres user can reach when
    // the run is root's; the script's `remove` deletes it, disposing it whatever a failed run left.
    private readonly TempPath _dataDirectory = TempPaths.Path("dev-postgres");

    private readonly Dictionary<string, string> _settings;

    public DevPostgresScriptTests() => _settings = new()
    {
        ["ORDERS_DEV_PGPORT"] = PortAllocator.UnusedLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ORDERS_DEV_PGDATA"] = _dataDirectory.FullName,
    };

    [Fact]
    public async Task TheScriptsExports_GiveADatabaseTheApiPlacesAnOrderIn_AndASecondRunChangesNothing()
    {
        TestRequirements.SkipOrFailWhenUnavailable("postgresql", PostgreSqlServer.BinariesUnavailableReason);

        // Given the script's output, run twice (the second time with the cluster already up)
        var first = Exports(await RunScriptAsync("start", standardOutputOnly: true));
        var second = Exports(await RunScriptAsync("start", standardOutputOnly: true));
        Assert.Equal(first, second);
        Assert.Equal("PostgreSql", first["Storage__Provider"]);

        // When the API runs with exactly those settings
        await using var api = await ApiProcess.StartAsync(
            new Dictionary<string, string>(ProductionSettings.For(global::Orders.Api.Storage.StorageProvider.PostgreSql, first["ConnectionStrings__Orders"])),
            TimeSpan.FromSeconds(60));
        using var client = ProductionSettings.ClientFor(api);
        var reference = OrderRequests.NewReference();

        // Then the first order is placed and its retry is the duplicate
        await api.ExpectAliveDuringAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        });

        // and `stop` stops it (status then exits non-zero)
        await RunScriptAsync("stop");
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunScriptAsync("status"));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (PostgreSqlServer.BinariesUnavailableReason is null)
            {
                await RunScriptAsync("remove");
            }
        }
        finally
        {
            _dataDirectory.Dispose();
        }
    }

    /// <summary>The `export NAME='value'` lines, as a shell would set them.</summary>
    private static Dictionary<string, string> Exports(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(ExportLine(), line));
        return lines.Select(line => ExportLine().Match(line)).ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value.Trim('\''));
    }

    private Task<string> RunScriptAsync(string command, bool standardOutputOnly = false) =>
        ProcessRunner.RunAsync("bash", ["-c", standardOutputOnly ? "\"$0\" \"$1\" 2>/dev/null" : "\"$0\" \"$1\"", RepositoryFiles.PathOf("scripts", "dev-postgres.sh"), command],
            ScriptTimeout, _settings);

    [GeneratedRegex("^export ([A-Za-z_]+)=('[^']*'|[^ ']+)$")]
    private static partial Regex ExportLine();
}
