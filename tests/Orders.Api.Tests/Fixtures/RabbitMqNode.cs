using System.Diagnostics;
using System.Net.Sockets;
using RabbitMQ.Client;

[assembly: AssemblyFixture(typeof(Orders.Api.Tests.Fixtures.RabbitMqNode))]

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// One RabbitMQ broker for the whole test run: the one named by ORDERS_TEST_RABBITMQ (an AMQP URI),
/// or else a throwaway node started from Debian's rabbitmq-server on 127.0.0.1, with its own node
/// name, ports, epmd, data and log directories under one temp directory, stopped by PID and removed
/// afterwards. Started on first use, so a run without event tests does not pay for it.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    public const string BrokerVariable = "ORDERS_TEST_RABBITMQ";
    public const string RequirementName = "rabbitmq";

    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string CtlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    // rabbitmqctl on a loaded machine takes seconds, rarely a minute; past this it is hung and killed.
    private static readonly TimeSpan CtlTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task<string?>? _started;
    private TempPath? _temporaryDirectory;
    private string? _directory;
    private Dictionary<string, string> _environment = [];
    private Process? _launcher;
    private BrokerOutage? _outage;

    /// <summary>AMQP URI of the broker, once <see cref="EnsureStartedAsync"/> succeeded.</summary>
    public string Uri { get; private set; } = "";

    /// <summary>True for the throwaway node, whose broker the outage tests may stop and start.</summary>
    public bool CanStopAndStart => _directory is not null;

    /// <summary>
    /// Starts the node (once) and returns null, or why there is no broker. A broker an earlier test
    /// left down (it failed before it ended its outage, and ending it on dispose failed too) is
    /// brought back first, so one failed outage test does not fail every event test after it.
    /// </summary>
    public async Task<string?> EnsureStartedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _started ??= StartOnceAsync();
            if (await _started is { } unavailable)
            {
                return unavailable;
            }
            if (_outage is { } leftDown)
            {
                await leftDown.EndAsync();
            }
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Skips (or, when required, fails) the running test unless a broker is there.</summary>
    public async Task RequireAsync() =>
        TestRequirements.SkipOrFailWhenUnavailable(RequirementName, await EnsureStartedAsync());

    /// <summary>
    /// A broker outage: the rabbit application stops (connections dropped, port closed), the node
    /// stays. Ending the outage starts it again, with its durable exchange, queues and persistent
    /// messages; disposing it unended does the same.
    /// </summary>
    public async Task<BrokerOutage> StopBrokerAsync()
    {
        var outage = BeginOutage(async () =>
        {
            await CtlAsync("start_app");
            await WaitForAmqpAsync(StartTimeout);
        });
        await CtlAsync("stop_app");
        return outage;
    }

    /// <summary>
    /// A broker restart as an operator does one: the whole node stops (its process exits, every
    /// connection drops) and, when the outage ends, starts again on the same ports with the same data.
    /// </summary>
    public async Task<BrokerOutage> StopNodeAsync()
    {
        var outage = BeginOutage(StartNodeAgainAsync);
        try
        {
            await CtlAsync("stop");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // Hung or failed: the node's processes are stopped by PID below all the same.
        }
        await StopNodeProcessesAsync();
        return outage;
    }

    private BrokerOutage BeginOutage(Func<Task> end)
    {
        if (!CanStopAndStart)
        {
            throw new InvalidOperationException($"{BrokerVariable} names a broker these tests do not control.");
        }
        var outage = new BrokerOutage(async () =>
        {
            await end();
            _outage = null;
        });
        _outage = outage;
        return outage;
    }

    // Launched again with the same environment: the same node name, ports and data directory.
    private async Task StartNodeAgainAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            LaunchNode();
            try
            {
                await WaitForAmqpAsync(StartTimeout);
                return;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                await StopNodeProcessesAsync(); // a node that did not come up is stopped and launched once more
            }
        }
    }

    private async Task<string?> StartOnceAsync()
    {
        try
        {
            if (Environment.GetEnvironmentVariable(BrokerVariable) is { Length: > 0 } given)
            {
                Uri = given;
            }
            else
            {
                await StartThrowawayNodeAsync();
            }
            await WaitForAmqpAsync(StartTimeout);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            return ex.Message;
        }
    }

    private async Task StartThrowawayNodeAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"no {ServerScript}; install the rabbitmq-server package or set {BrokerVariable}");
        }
        _temporaryDirectory = TempPaths.Directory("rabbitmq");
        _directory = _temporaryDirectory.FullName;
        foreach (var sub in new[] { "mnesia", "log", "home" })
        {
            Directory.CreateDirectory(Path.Combine(_directory, sub));
        }
        var pluginsFile = Path.Combine(_directory, "enabled_plugins");
        await File.WriteAllTextAsync(pluginsFile, "[].");
        var amqpPort = PortAllocator.UnusedLoopbackPort();
        _environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = $"orders-test-{amqpPort}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = PortAllocator.UnusedLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // An epmd of our own on a port of our own, bound to loopback, so stopping it touches nobody else's nodes.
            ["ERL_EPMD_PORT"] = PortAllocator.UnusedLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            ["HOME"] = Path.Combine(_directory, "home"),
        };
        if (IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "rabbitmq:rabbitmq", _directory], TimeSpan.FromSeconds(30));
        }
        Uri = $"amqp://guest:guest@127.0.0.1:{amqpPort}/";
        LaunchNode();
    }

    private void LaunchNode()
    {
        _launcher?.Dispose();
        // stdio to a file (appended: a restarted node's output follows the first one's); the node's
        // children would otherwise hold our pipes open for ever.
        _launcher = Process.Start(AsRabbitMq("sh", "-c", $"exec {ServerScript} >>\"$0\" 2>&1 </dev/null", Path.Combine(_directory!, "log", "console.log")))
                    ?? throw new InvalidOperationException("rabbitmq-server did not start");
    }

    /// <summary>Stops the node's processes by PID (its beam carries "-home our dir") and waits, bounded, until they are gone.</summary>
    private async Task StopNodeProcessesAsync()
    {
        var marker = $"-home {Path.Combine(_directory!, "home")}";
        var clock = Stopwatch.StartNew();
        while (OwnProcesses.WithCommandLineContaining(marker) is { Count: > 0 } left)
        {
            if (clock.Elapsed > ExitTimeout)
            {
                foreach (var pid in left)
                {
                    await OwnProcesses.TerminateAsync(pid);
                }
            }
            await Task.Delay(100);
        }
        if (_launcher is { HasExited: false })
        {
            _launcher.Kill();
        }
    }

    private Task<string> CtlAsync(string command)
    {
        var ctl = AsRabbitMq(CtlScript, command);
        return ProcessRunner.RunAsync(ctl.FileName, ctl.ArgumentList, CtlTimeout); // killed if hung
    }

    /// <summary>Runs a program as the rabbitmq user (when we are root) with the node's environment, stdio discarded.</summary>
    private ProcessStartInfo AsRabbitMq(string program, params string[] arguments)
    {
        var prefix = IsRoot ? new[] { "-u", "rabbitmq", "--", "env" } : [];
        var startInfo = TestProcesses.StartInfo(IsRoot ? "runuser" : "env", prefix
            .Concat(_environment.Select(pair => $"{pair.Key}={pair.Value}"))
            .Append(program)
            .Concat(arguments));
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        return startInfo;
    }

    private async Task WaitForAmqpAsync(TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or SocketException or IOException)
            {
                last = ex;
                await Task.Delay(250);
            }
        }
        throw new TimeoutException($"RabbitMQ at {Uri} did not accept connections within {timeout}: {last?.Message}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }
        // Stopped by PID: the node's beam carries "-home <our dir>", which nobody else's does.
        foreach (var pid in OwnProcesses.WithCommandLineContaining($"-home {Path.Combine(_directory, "home")}"))
        {
            await OwnProcesses.TerminateAsync(pid);
        }
        // Our own epmd (ERL_EPMD_PORT): told to stop on its port, now that our node has left it.
        using (var epmd = Process.Start(AsRabbitMq("epmd", "-kill")))
        {
            await (epmd?.WaitForExitAsync() ?? Task.CompletedTask);
        }
        if (_launcher is { HasExited: false })
        {
            _launcher.Kill();
        }
        _launcher?.Dispose();
        _temporaryDirectory?.Dispose();
    }

    private static bool IsRoot => Environment.UserName == "root";
}
