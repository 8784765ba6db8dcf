using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The real API as its own OS process (Kestrel on 127.0.0.1), started from the Orders.Api.dll the
/// project reference put next to these tests, so a test can SIGKILL it and start it again. It runs on
/// the database's provider, with its connection string.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _environment;
    private readonly ProcessOutput _output = new();
    private readonly List<HttpClient> _ownerClients = [];
    private Process? _process;

    private ApiProcess(IOrderDatabase database, IReadOnlyDictionary<string, string>? settings)
    {
        Port = PortAllocator.UnusedLoopbackPort();
        _environment = new Dictionary<string, string>(DatabaseSettings.EnvironmentOf(database))
        {
            // Warnings only: a fault run logs thousands of 503s and aborts otherwise.
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // These tests load one owner far past the production default rate on purpose.
            ["RateLimiting__Enabled"] = "false",
        };
        foreach (var (key, value) in TestTokens.Environment)
        {
            _environment[key] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
        // Bounded: a request that hangs is a finding, never a stuck test.
        Client = NewClient(TimeSpan.FromSeconds(30));
        // Every request is TestTokens.DefaultOwner's; the ledger checks that owner's orders.
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint());
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>A client of its own for <paramref name="owner"/>'s requests, giving up after <paramref name="timeout"/> as a storefront would.</summary>
    public HttpClient ClientFor(string owner, TimeSpan timeout)
    {
        var client = NewClient(timeout);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint(owner));
        lock (_ownerClients)
        {
            _ownerClients.Add(client);
        }
        return client;
    }

    /// <summary>Starts the API and returns once it answers a request through the database.</summary>
    public static async Task<ApiProcess> StartAsync(IOrderDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = new ApiProcess(database, settings);
        await api.RestartAsync();
        return api;
    }

    /// <summary>SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut off.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: false);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the process (again, on the same port) and waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        Kill();
        _process = ApiLauncher.Start(_environment, "--urls", $"http://127.0.0.1:{Port}");
        _output.Drain(_process);
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Every line the process wrote (at its Warning level) that contains <paramref name="text"/>: what
    /// an operator's log search would find.
    /// </summary>
    public IReadOnlyList<string> OutputLinesContaining(string text) => _output.LinesContaining(text);

    /// <summary>Each line containing <paramref name="text"/> with the <paramref name="after"/> lines that followed it, for failure messages.</summary>
    public IReadOnlyList<string> OutputLinesAfter(string text, int after) => _output.LinesAfter(text, after);

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string OutputTail() => _output.Tail();

    private HttpClient NewClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}"),
            Timeout = timeout,
        };

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Orders.Api exited with {_process.ExitCode}:\n{OutputTail()}");
            }
            try
            {
                // A lookup of a reference nobody uses: 404 means routing and the database both work.
                // Then /health/ready, as a load balancer waits for it: the pool is warm (Storage:WarmUpSeconds).
                using var probe = await Client.GetAsync("/orders/readiness-probe");
                if (probe.StatusCode == HttpStatusCode.NotFound)
                {
                    using var ready = await Client.GetAsync("/health/ready");
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (LostAnswers.IsLost(ex))
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Orders.Api was not ready within {StartTimeout}:\n{OutputTail()}");
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        lock (_ownerClients)
        {
            _ownerClients.ForEach(client => client.Dispose());
        }
        return ValueTask.CompletedTask;
    }
}
