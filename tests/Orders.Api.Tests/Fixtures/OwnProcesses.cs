using System.Diagnostics;
using System.Globalization;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Finding and stopping processes a fixture started but does not hold a handle to (a daemon's
/// grandchildren), by a marker in their command line that only the fixture's own ones carry.
/// </summary>
internal static class OwnProcesses
{
    public static List<int> WithCommandLineContaining(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLineOf(pid).Contains(marker, StringComparison.Ordinal))
            .ToList();

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

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
