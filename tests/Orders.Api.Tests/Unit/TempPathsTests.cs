using System.Text.RegularExpressions;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// A test run leaves nothing in /tmp: every temporary path comes from <see cref="TempPaths"/>, which
/// deletes it, and every child process from <see cref="TestProcesses"/>, which keeps .NET's
/// diagnostics files out. CI's /tmp check (.ci/run) catches what slips past anyway.
/// </summary>
public sealed partial class TempPathsTests
{
    private static readonly string[] SqliteFileSuffixes = ["", "-journal", "-wal", "-shm"];

    [Fact]
    public void ADirectory_IsMadeEmpty_AndDisposingDeletesItWithItsContents()
    {
        var directory = TempPaths.Directory("self-test");
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), TempPaths.NamePrefix), directory.FullName, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.FullName));
        Directory.CreateDirectory(Path.Combine(directory.FullName, "nested"));
        File.WriteAllText(Path.Combine(directory.FullName, "nested", "file"), "x");

        directory.Dispose();

        Assert.False(Directory.Exists(directory.FullName));
    }

    [Fact]
    public void AFilePath_IsNotMade_AndDisposingDeletesTheSqliteFilesBesideIt()
    {
        var file = TempPaths.Path("self-test", ".db");
        Assert.False(File.Exists(file.FullName));
        var made = SqliteFileSuffixes.Select(suffix => file.FullName + suffix).ToList();
        made.ForEach(path => File.WriteAllText(path, "x"));

        file.Dispose();

        Assert.All(made, path => Assert.False(File.Exists(path), $"{path} is left"));
    }

    [Fact]
    public void APathATestForgotToDispose_IsDeletedWhenTheTestProcessEnds()
    {
        // The process-exit sweep, called directly and for this path only: the other tests' clusters and
        // databases are undisposed paths too while they run.
        var forgotten = TempPaths.Directory("self-test-forgotten");

        Assert.Equal(1, TempPaths.DeleteUndisposed(path => path == forgotten.FullName));

        Assert.False(Directory.Exists(forgotten.FullName));
        Assert.False(TempPaths.IsUndisposed(forgotten.FullName));
    }

    [Fact]
    public void NoTestSourceMakesATemporaryPathOrAChildProcess_ButThroughTheFixtures()
    {
        var offences = TestSources()
            .SelectMany(source => File.ReadLines(source).Select((line, index) => (source, line, number: index + 1)))
            .Where(entry => !entry.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(entry => Rules
                .Where(rule => rule.Pattern.IsMatch(entry.line) && Path.GetFileName(entry.source) != rule.OnlyIn)
                .Select(rule => $"{Path.GetRelativePath(RepositoryFiles.Root, entry.source)}:{entry.number} {rule.Pattern}: {rule.Instead}"))
            .ToList();

        Assert.True(offences.Count == 0,
            "Temporary paths and child processes made outside the fixtures outlive a failed or killed test in /tmp " +
            "(issue 23). Change each line below as it says (when it came with a merge, change the merged code: " +
            "do not add its file to the rules here):\n  " + string.Join("\n  ", offences));
    }

    private sealed record Rule(Regex Pattern, string OnlyIn, string Instead);

    private static readonly Rule[] Rules =
    [
        new(TempPathCall(), "TempPaths.cs",
            "make it with TempPaths.Path(purpose, extension) or TempPaths.Directory(purpose) (tests/Orders.Api.Tests/Fixtures/TempPaths.cs) and dispose it"),
        new(HardCodedTmp(), "TempPaths.cs",
            "name no fixed temporary directory; TempPaths makes paths in the one the run was given (TMPDIR)"),
        new(NewStartInfo(), "TestProcesses.cs",
            "describe the program with TestProcesses.StartInfo(fileName, arguments) (tests/Orders.Api.Tests/Fixtures/TestProcesses.cs), " +
            "which turns off the .NET diagnostics files a killed process leaves"),
    ];

    [GeneratedRegex(@"GetTempPath\s*\(|GetTempFileName\s*\(|CreateTempSubdirectory\s*\(")]
    private static partial Regex TempPathCall();

    [GeneratedRegex("\"/tmp\\b|\\bmktemp\\b")]
    private static partial Regex HardCodedTmp();

    [GeneratedRegex(@"new\s+(System\.Diagnostics\.)?ProcessStartInfo\b|ProcessStartInfo\s+\w+\s*=\s*new\s*\(")]
    private static partial Regex NewStartInfo();

    private static IEnumerable<string> TestSources() =>
        Directory.EnumerateFiles(RepositoryFiles.PathOf("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            // This file names what it looks for.
            .Where(path => Path.GetFileName(path) != nameof(TempPathsTests) + ".cs");
}
