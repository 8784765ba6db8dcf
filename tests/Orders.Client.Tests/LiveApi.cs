using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Orders.Api.Tests.Fixtures;

namespace Orders.Client.Tests;

/// <summary>
/// The real API as a process on 127.0.0.1 with a fresh SQLite file, behind <c>prism proxy --errors
/// openapi.yaml</c> when the TypeScript client's tools are installed (required when ORDERS_TEST_REQUIRE
/// names "prism", as CI does): every request and answer is then checked against the committed document.
/// </summary>
public sealed class LiveApi : IAsyncLifetime
{
    private readonly TempPath _database = TempPaths.Path("client", ".db");
    private readonly List<Process> _processes = [];
    private readonly ConcurrentQueue<string> _prismOutput = new();
    private readonly ConcurrentBag<HttpClient> _httpClients = [];
    private readonly TestJwt _jwt = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The API itself, bypassing prism: for requests prism would refuse before they reach it.</summary>
    public Uri ApiUrl { get; private set; } = null!;

    public bool ChecksConformance { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var apiUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var api = Start("dotnet", [Setting("OrdersApiDll"), "--urls", apiUrl.ToString()], onLine: null, startInfo =>
        {
            startInfo.Environment["Storage__Provider"] = "Sqlite";
            startInfo.Environment["ConnectionStrings__Orders"] = $"Data Source={_database}";
            foreach (var (name, value) in _jwt.ApiEnvironment)
            {
                startInfo.Environment[name] = value;
            }
        });
        await WaitUntilListingAsync(apiUrl, api, _jwt.Mint("readiness-probe"));
        BaseUrl = ApiUrl = apiUrl;

        var prism = Setting("Prism");
        if (!File.Exists(prism))
        {
            Assert.False(IsPrismRequired(), $"prism is required (ORDERS_TEST_REQUIRE) but {prism} is missing: run npm ci in clients/typescript.");
            return;
        }
        var proxyUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var port = proxyUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var proxy = Start(prism, ["proxy", "--errors", Setting("OpenApiDocument"), apiUrl.ToString(), "--host", "127.0.0.1", "--port", port],
            _prismOutput.Enqueue, startInfo => startInfo.Environment["FORCE_COLOR"] = "0");
        await WaitUntilListingAsync(proxyUrl, proxy, _jwt.Mint("readiness-probe"));
        BaseUrl = proxyUrl;
        ChecksConformance = true;
    }

    /// <summary>A client of the API (through prism when it runs) for one owner, with its bearer token.</summary>
    public OrdersClient CreateClient(string owner = "owner-ada") => new(CreateHttpClient(owner));

    /// <summary>A client of the API (through prism when it runs) for the fulfilment service, with its scope.</summary>
    public OrdersClient CreateServiceClient() => new(CreateServiceHttpClient());

    /// <summary>An HttpClient for the API (through prism when it runs) whose requests carry the fulfilment service's token.</summary>
    public HttpClient CreateServiceHttpClient() => CreateHttpClient("fulfilment-worker", scope: TestJwt.FulfilmentScope);

    /// <summary>An HttpClient for the API (through prism when it runs) whose requests carry one owner's bearer token (or, with a scope, a service's).</summary>
    public HttpClient CreateHttpClient(string owner = "owner-ada", bool bypassPrism = false, string? scope = null)
    {
        var http = new HttpClient { BaseAddress = bypassPrism ? ApiUrl : BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _jwt.Mint(owner, scope));
        _httpClients.Add(http);
        return http;
    }

    /// <summary>Fails the test if prism reported a request or an answer that breaks openapi.yaml.</summary>
    public void AssertConformsToTheDocument()
    {
        var violations = _prismOutput
            .Where(line => line.Contains('✖', StringComparison.Ordinal) || line.Contains("violation", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(violations.Count == 0, "prism: " + string.Join(Environment.NewLine, violations));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _httpClients)
        {
            http.Dispose();
        }
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        _database.Dispose();
    }

    private static bool IsPrismRequired() =>
        (Environment.GetEnvironmentVariable("ORDERS_TEST_REQUIRE") ?? "").Split(',', StringSplitOptions.TrimEntries)
            .Contains("prism", StringComparer.OrdinalIgnoreCase);

    private static string Setting(string key) =>
        typeof(LiveApi).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;

    /// <summary>Starts a process whose output is read (so it never blocks on a full pipe) and kept only if asked.</summary>
    private Process Start(string fileName, IEnumerable<string> arguments, Action<string>? onLine, Action<ProcessStartInfo> configure)
    {
        var startInfo = TestProcesses.StartInfo(fileName, arguments);
        startInfo.RedirectStandardOutput = true;
        configure(startInfo);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        _processes.Add(process);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                onLine?.Invoke(line.Data);
            }
        };
        process.BeginOutputReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Bounded: 240 tries 250 ms apart (a loaded CI machine starts prism slowly); fails at once if the process died.</summary>
    private static async Task WaitUntilListingAsync(Uri baseUrl, Process process, string token)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(1) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        for (var attempt = 0; attempt < 240; attempt++)
        {
            Assert.False(process.HasExited, $"{process.StartInfo.FileName} exited before it was ready.");
            try
            {
                using var response = await http.GetAsync(new Uri("/orders?limit=1", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        Assert.Fail($"{baseUrl} did not answer within 60 s.");
    }
}
