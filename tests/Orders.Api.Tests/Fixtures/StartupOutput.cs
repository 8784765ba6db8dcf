using System.Text.RegularExpressions;

namespace Orders.Api.Tests.Fixtures;

/// <summary>What an operator reads when the API process stops or complains at start.</summary>
public static partial class StartupOutput
{
    /// <summary>
    /// Exit code 1 and exactly one error-level log entry that names <paramref name="mustName"/>, with no
    /// unhandled exception and no stack trace anywhere in the output.
    /// </summary>
    public static void AssertOneClearError(int exitCode, string output, string mustName)
    {
        Assert.True(exitCode == 1, $"exit code {exitCode}, expected 1:\n{output}");
        AssertNoCrash(output);
        Assert.False(StackFrame().IsMatch(output), $"a stack trace was printed:\n{output}");
        var errors = ErrorEntries().Matches(output);
        Assert.True(errors.Count == 1, $"expected one error entry, found {errors.Count}:\n{output}");
        Assert.Contains(mustName, output, StringComparison.Ordinal);
    }

    /// <summary>
    /// No unhandled exception: neither the runtime's crash report nor the app's own log line for an
    /// exception that became a 500 (both say "Unhandled exception").
    /// </summary>
    public static void AssertNoCrash(string output) =>
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);

    // The console logger's simple format starts each entry with its level: "fail: " or "crit: ".
    [GeneratedRegex(@"^(fail|crit): ", RegexOptions.Multiline)]
    private static partial Regex ErrorEntries();

    [GeneratedRegex(@"^\s+at \S+\(.*\)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
