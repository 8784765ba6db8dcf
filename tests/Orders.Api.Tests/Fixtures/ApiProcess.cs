using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The API as a real process (Kestrel on 127.0.0.1), for what an in-memory host cannot show:
/// signals, exit codes, command-line modes.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Task<string> _output;

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        // Drained as it comes, so a chatty server never blocks on a full pipe.
        _output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync())
            .ContinueWith(parts => string.Concat(parts.Result), TaskScheduler.Default);
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Runs <c>dotnet Orders.Api.dll arguments</c> to its end (bounded) and returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        await using var run = new ApiProcess(ApiLauncher.Start(environment, arguments), new Uri("http://127.0.0.1"));
        return await run.WaitForExitAsync(timeout);
    }

    /// <summary>Starts the API on a free loopback port and waits (bounded) until /health/live answers.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var port = PortAllocator.UnusedLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var api = new ApiProcess(ApiLauncher.Start(environment, "--urls", baseAddress.ToString()), baseAddress);
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            if (api._process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {api._process.ExitCode}: {await api._output}");
            }
            try
            {
                // Still ours: had Kestrel failed to bind (the port taken meanwhile), another process answered.
                if ((await probe.GetAsync("/health/live")).IsSuccessStatusCode && !api._process.HasExited)
                {
                    return api;
                }
            }
            catch (Exception ex) when (ex is TaskCanceledException || LostAnswers.IsLost(ex))
            {
                // not listening yet, or too busy starting to answer within the probe's timeout
            }
            await Task.Delay(100);
        }
        await api.DisposeAsync();
        throw new TimeoutException("The API did not become live in time.");
    }

    /// <summary>
    /// Runs <paramref name="steps"/> against the process; if one fails because the process is gone, the
    /// failure carries its exit code and output, which say why.
    /// </summary>
    public async Task ExpectAliveDuringAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (HttpRequestException ex) when (_process.HasExited)
        {
            throw new InvalidOperationException($"The API exited with {_process.ExitCode} meanwhile: {await _output}", ex);
        }
    }

    /// <summary>Sends SIGTERM, as an orchestrator does to stop a container.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits (bounded) for the process to exit and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return (_process.ExitCode, await _output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
