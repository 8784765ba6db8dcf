using System.Diagnostics;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The one way the tests describe a program to start (TempPathsTests holds every source under tests/
/// to it), so every child process gets the settings that keep it from leaving files behind.
/// </summary>
public static class TestProcesses
{
    /// <summary>
    /// A .NET process makes /tmp/clr-debug-pipe-{pid}-* and /tmp/dotnet-diagnostic-{pid}-* for
    /// debuggers and diagnostic tools and removes them only on a clean exit; the tests kill the API on
    /// purpose, and nobody attaches a debugger to what they start.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["DOTNET_EnableDiagnostics"] = "0",
    };

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string>? arguments = null)
    {
        var startInfo = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in Environment)
        {
            startInfo.Environment[name] = value;
        }
        return startInfo;
    }
}
