using System.Diagnostics;
using System.Globalization;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Finding and stopping processes a fixture started but does not hold a handle to (a daemon's
/// grandchildren, a server's backends), by a marker in their command line that only the fixture's
/// own ones carry, or by their parent; read from /proc.
/// </summary>
internal static class OwnProcesses
{
    public static List<int> WithCommandLineContaining(string marker) =>
        AllProcessIds().Where(pid => CommandLineOf(pid).Contains(marker, StringComparison.Ordinal)).ToList();

    public static List<int> ChildrenOf(int parent) =>
        AllProcessIds().Where(pid => Stat(pid) is { } stat && stat.Parent == parent).ToList();

    /// <summary>False once it has gone, or is a zombie that nobody reaped yet (a container's init may never).</summary>
    public static bool IsRunning(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    /// <summary>SIGTERM, then (bounded) waits for the exit; SIGKILL if it does not come.</summary>
    public static async Task TerminateAsync(int pid)
    {
        using var process = Process.GetProcessById(pid);
        await ProcessRunner.RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }

    private static IEnumerable<int> AllProcessIds() =>
        Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static string CommandLineOf(int pid) => ReadProc(pid, "cmdline")?.Replace('\0', ' ') ?? "";

    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so the
    // fields are read after its last ')'.
    private static (char State, int Parent)? Stat(int pid)
    {
        var text = ReadProc(pid, "stat");
        if (text is null)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static string? ReadProc(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
