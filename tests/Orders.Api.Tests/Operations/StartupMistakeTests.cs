using System.Net;
using System.Net.Sockets;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// A configuration mistake at start ends the deployed process with one logged error naming the setting
/// to fix and exit code 1: never an unhandled exception (exit 134) with a stack trace.
/// </summary>
public sealed class StartupMistakeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string> Mistakes => new()
    {
        // the settings that are wrong (environment variables, '|' between them), what the error must name
        { "Storage__Provider=PostgreSql|ConnectionStrings__Orders=", "set ConnectionStrings:Orders" },
        { "Storage__Provider=SqlServer|ConnectionStrings__Orders= ", "set ConnectionStrings:Orders" },
        { "Storage__Provider=Oracle", "'Storage:Provider'" },
        { "Storage__Provider=7", "Storage:Provider must be Sqlite, PostgreSql or SqlServer" },
        { "Storage__MaxAttempts=0", "Storage:MaxAttempts must be 1 to 10" },
        { "Storage__RequestTimeoutSeconds=0", "Storage:RequestTimeoutSeconds must be 1 to 300" },
        { "Storage__RequestTimeoutSeconds=301", "Storage:RequestTimeoutSeconds must be 1 to 300" },
        { "Storage__RetryAfterSeconds=soon", "'Storage:RetryAfterSeconds'" },
        { "Storage__AnalyzeNewTablesAfterCreates=-1", "Storage:AnalyzeNewTablesAfterCreates must be 0 or more" },
        { "Storage__MigrateOnStartup=sometimes", "'Storage:MigrateOnStartup'" },
        { "Shutdown__TimeoutSeconds=30s", "'Shutdown:TimeoutSeconds'" },
        { "RateLimiting__PermitsPerSecond=many", "'RateLimiting:PermitsPerSecond'" },
        { "Authentication__TokenCacheSeconds=-1", "Authentication:TokenCacheSeconds must be a whole number of seconds from 0 (off) to 3600" },
        { "Authentication__TokenCacheSeconds=1h", "Authentication:TokenCacheSeconds must be a whole number of seconds from 0 (off) to 3600" },
        { $"ConnectionStrings__Orders=Data Source={MissingDirectory()}/orders.db", "fix ConnectionStrings:Orders" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Start_WithAMistake_Exits1_WithOneErrorNamingTheSetting(string wrongSettings, string mustName)
    {
        // Some mistakes surface only after the start-up migration created the file; disposing deletes it.
        using var file = TempPaths.Path("startup", ".db");
        var settings = ProductionSettings.For(StorageProvider.Sqlite, $"Data Source={file}");
        foreach (var setting in wrongSettings.Split('|'))
        {
            var (variable, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            settings[variable] = value;
        }

        var (exitCode, output) = await RunAsync(settings);

        StartupOutput.AssertOneClearError(exitCode, output, mustName);
    }

    [Theory]
    [InlineData(StorageProvider.PostgreSql, "Host=127.0.0.1;Port=five")]
    [InlineData(StorageProvider.PostgreSql, "Hots=127.0.0.1")]
    [InlineData(StorageProvider.SqlServer, "Server=127.0.0.1;Datbase=orders")]
    [InlineData(StorageProvider.Sqlite, "Data Source=orders.db;Mode=Sometimes")]
    public async Task Start_WithAMalformedConnectionString_Exits1_WithoutEchoingIt(StorageProvider provider, string connectionString)
    {
        var (exitCode, output) = await RunAsync(ProductionSettings.For(provider, connectionString));

        StartupOutput.AssertOneClearError(exitCode, output, $"ConnectionStrings:Orders is not a valid {provider} connection string");
        Assert.DoesNotContain(connectionString, output, StringComparison.Ordinal);
    }

    // A driver timeout longer than the request's deadline could never be waited for (issue 24): the
    // deadline would answer first, so the setting is a mistake, reported before the first request.
    // Nothing needs to listen: the check comes before any connection.
    [Theory]
    [InlineData(StorageProvider.PostgreSql, "Host=127.0.0.1;Port=1;Username=orders;Timeout=30", "Timeout=30")]
    [InlineData(StorageProvider.PostgreSql, "Host=127.0.0.1;Port=1;Username=orders;Command Timeout=0", "Command Timeout=0 (no limit)")]
    [InlineData(StorageProvider.SqlServer, "Server=127.0.0.1,1;User ID=sa;Password=unused;Connect Timeout=15", "Connect Timeout=15")]
    [InlineData(StorageProvider.SqlServer, "Server=127.0.0.1,1;User ID=sa;Password=unused;Command Timeout=9", "Command Timeout=9")]
    public async Task Start_WithADriverTimeoutLongerThanTheDeadline_Exits1_NamingBoth(StorageProvider provider, string connectionString, string mustName)
    {
        var (exitCode, output) = await RunAsync(ProductionSettings.For(provider, connectionString));

        StartupOutput.AssertOneClearError(exitCode, output, $"sets {mustName}, longer than Storage:RequestTimeoutSeconds (8 s)");
    }

    [Fact]
    public async Task Migrate_WithoutAConnectionString_Exits1_WithOneErrorNamingTheSetting()
    {
        var settings = ProductionSettings.For(StorageProvider.SqlServer, "");
        settings.Remove("ConnectionStrings__Orders");

        var (exitCode, output) = await ApiProcess.RunToExitAsync(settings, Limit, "migrate");

        StartupOutput.AssertOneClearError(exitCode, output, "set ConnectionStrings:Orders");
    }

    [Fact]
    public async Task Start_WithAMalformedAppsettingsFile_Exits1_NamingTheFile()
    {
        using var contentRoot = TempPaths.Directory("config");
        var file = Path.Combine(contentRoot.FullName, "appsettings.json");
        await File.WriteAllTextAsync(file, "{ \"Storage\": { \"Provider\": \"Sqlite\", }", TestContext.Current.CancellationToken);

        var (exitCode, output) = await ApiProcess.RunToExitAsync(
            ProductionSettings.For(StorageProvider.Sqlite, "Data Source=unused.db"), Limit, "--contentRoot", contentRoot.FullName);

        StartupOutput.AssertOneClearError(exitCode, output, $"Failed to load configuration from file '{file}'");
    }

    [Fact]
    public async Task Start_OnAPortInUse_Exits1_NamingTheAddress()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)occupied.LocalEndpoint).Port}";
        using var file = TempPaths.Path("port-in-use", ".db");
        var settings = ProductionSettings.For(StorageProvider.Sqlite, $"Data Source={file}");
        settings["Storage__MigrateOnStartup"] = "false";

        var (exitCode, output) = await ApiProcess.RunToExitAsync(settings, Limit, "--urls", address);

        // The generic host logs its own error (with the exception) before ours, so not "one" entry here.
        Assert.True(exitCode == 1, output);
        StartupOutput.AssertNoCrash(output);
        Assert.Contains($"Cannot start: Failed to bind to address {address}", output, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings) =>
        // A port nothing uses: should the mistake go unnoticed, the app would serve there until the limit.
        ApiProcess.RunToExitAsync(settings, Limit, "--urls", $"http://127.0.0.1:{PortAllocator.UnusedLoopbackPort()}");

    private static string MissingDirectory() => TempPaths.Missing("missing");
}
