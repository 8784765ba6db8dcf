using System.Diagnostics;

namespace Orders.Api.Tests.Fixtures;

/// <summary>Runs a helper program to completion within a time limit.</summary>
internal static class ProcessRunner
{
    /// <summary>Its standard output and error together; a non-zero exit throws with them.</summary>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var argumentList = arguments.ToList();
        var (exitCode, standardOutput, standardError) = await RunToExitAsync(fileName, argumentList, timeout, environment);
        var output = standardOutput + standardError;
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', argumentList)} exited {exitCode}: {output}");
    }

    /// <summary>Its exit code and its two outputs apart (a program's answer on stdout, its progress on stderr).</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = TestProcesses.StartInfo(fileName, arguments);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout}.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
