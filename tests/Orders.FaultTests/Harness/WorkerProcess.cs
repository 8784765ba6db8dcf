using System.Diagnostics;
using System.Reflection;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// examples/Orders.FulfilmentWorker as its own OS process, <c>dotnet Orders.FulfilmentWorker.dll</c>
/// with its settings as environment variables, as its README runs it, so a test can SIGKILL it and
/// start it again on the same queue and the same processed-ids file.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>A worker dll to start instead of the one this build made (a published one, say).</summary>
    public const string WorkerDllVariable = "ORDERS_TEST_WORKER_DLL";

    public const string Carrier = "Fault Test Parcel";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _environment;
    private readonly TempPath _processed = TempPaths.Path("fulfilment-processed", ".db");
    private readonly ProcessOutput _output = new();
    private Process? _process;

    public WorkerProcess(Uri api, string broker, string queue)
    {
        _environment = new Dictionary<string, string>
        {
            ["Fulfilment__ApiBaseUrl"] = api.ToString(),
            ["Fulfilment__Token"] = TestTokens.MintService(),
            ["Fulfilment__Broker"] = broker,
            ["Fulfilment__Queue"] = queue,
            ["Fulfilment__DedupeDatabase"] = _processed.FullName,
            ["Fulfilment__Carrier"] = Carrier,
            // Short waits, so a broker restart costs the test about a second, not the default five.
            ["Fulfilment__InitialBackoffMilliseconds"] = "100",
            ["Fulfilment__MaxBackoffMilliseconds"] = "1000",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    /// <summary>The bearer token the next start uses (the service token unless a test says otherwise).</summary>
    public string Token
    {
        set => _environment["Fulfilment__Token"] = value;
    }

    /// <summary>The worker's processed-ids file (SQLite), read by the checks.</summary>
    public string ProcessedDatabase => _processed.FullName;

    /// <summary>Every delivery the worker logged, over all its lives.</summary>
    public WorkerDeliveries Deliveries => WorkerDeliveries.Parse(_output.LinesContaining(WorkerDeliveries.Marker));

    public string OutputTail() => _output.Tail();

    /// <summary>True once the worker stopped by itself (it does on an answer no retry can change).</summary>
    public bool HasExited => _process is { HasExited: true };

    /// <summary>Starts the worker (killing a running one first) and returns once it consumes from its queue.</summary>
    public async Task StartAsync()
    {
        Kill();
        var consuming = _output.LinesContaining(ConsumingMarker).Count;
        var startInfo = TestProcesses.StartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [WorkerDll]);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        foreach (var (name, value) in _environment)
        {
            startInfo.Environment[name] = value;
        }
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start the worker.");
        _output.Drain(_process);
        var clock = Stopwatch.StartNew();
        while (_output.LinesContaining(ConsumingMarker).Count == consuming)
        {
            if (_process.HasExited || clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"the worker did not consume within {StartTimeout} (exited: {_process.HasExited}):\n{OutputTail()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds; false when time ran out or the worker stopped.</summary>
    public async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout, int poll = 100)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout || HasExited)
            {
                return false;
            }
            await Task.Delay(poll);
        }
        return true;
    }

    /// <summary>Waits, bounded, until the processed-ids file holds every one of <paramref name="eventIds"/>.</summary>
    public async Task<bool> WaitUntilRecordedAsync(IEnumerable<Guid> eventIds, TimeSpan timeout)
    {
        var ids = eventIds.ToHashSet();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !HasExited)
        {
            if ((await WorkerProcessed.ReadAsync(ProcessedDatabase)).Keys.Count(ids.Contains) == ids.Count)
            {
                return true;
            }
            await Task.Delay(250);
        }
        return false;
    }

    /// <summary>Waits, bounded, for the worker to stop by itself; its exit code, or null if it still runs.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process!.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no ack, no shutdown hook; what it held unacked goes back to the queue.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: false);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _processed.Dispose();
        return ValueTask.CompletedTask;
    }

    // The worker's log line once its queue is bound and its consumer registered (WorkerLog.Consuming).
    private const string ConsumingMarker = "consuming ";

    private static string WorkerDll => Environment.GetEnvironmentVariable(WorkerDllVariable) is { Length: > 0 } given
        ? Path.GetFullPath(given)
        : typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
              .Single(attribute => attribute.Key == "FulfilmentWorkerDll").Value
          ?? throw new InvalidOperationException("the build did not record the worker's path");
}
