using System.Diagnostics;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Starts the API as its own process: <c>dotnet Orders.Api.dll [arguments]</c>, from the copy the test
/// project's reference put next to the tests, with settings as environment variables and its output
/// redirected for the caller to drain. Shared by this project's <see cref="ApiProcess"/> and the fault
/// tests' (which link this file).
/// </summary>
public static class ApiLauncher
{
    /// <summary>The dll copied next to the tests (the test project references the API).</summary>
    public static string ApiDll => Path.Combine(AppContext.BaseDirectory, "Orders.Api.dll");

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // The host `dotnet test` runs under, when it says; else the one on PATH.
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root is the working directory: appsettings.json is read from there.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(ApiDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        return Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start Orders.Api.");
    }
}
