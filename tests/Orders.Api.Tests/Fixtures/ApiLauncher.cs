using System.Diagnostics;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Starts the API as its own process: <c>dotnet Orders.Api.dll [arguments]</c>, with settings as
/// environment variables and its output redirected for the caller to drain. Shared by this project's
/// <see cref="ApiProcess"/> and the fault tests' (which link this file).
/// </summary>
/// <remarks>
/// Which Orders.Api.dll: the one named by ORDERS_TEST_API_DLL (CI sets it to a <c>dotnet publish -c
/// Release</c> output, the artifact users deploy), else the copy the test project's reference put next
/// to the tests. Both carry the build's Orders.Api.runtimeconfig.json, where settings such as
/// InvariantGlobalization take effect, and its appsettings.json.
/// </remarks>
public static class ApiLauncher
{
    public const string ApiDllVariable = "ORDERS_TEST_API_DLL";

    public static string ApiDll => Environment.GetEnvironmentVariable(ApiDllVariable) is { Length: > 0 } given
        ? Path.GetFullPath(given)
        : Path.Combine(AppContext.BaseDirectory, "Orders.Api.dll");

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // The host `dotnet test` runs under, when it says; else the one on PATH.
        var startInfo = TestProcesses.StartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [ApiDll, .. arguments]);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        // The content root is the working directory: appsettings.json is read from there.
        startInfo.WorkingDirectory = Path.GetDirectoryName(ApiDll)!;
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        return Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start Orders.Api.");
    }
}
