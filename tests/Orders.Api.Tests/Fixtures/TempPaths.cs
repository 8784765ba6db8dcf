using System.Collections.Concurrent;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The one way the tests make temporary files and directories (TempPathsTests holds every source under
/// tests/ to it). Each is named orders-test-{purpose}-{guid} in the temporary directory and deleted when
/// its <see cref="TempPath"/> is disposed; whatever a test failed to dispose goes when the test process
/// exits, so a failed or aborted test leaves nothing in /tmp either.
/// </summary>
public static class TempPaths
{
    public const string NamePrefix = "orders-test-";

    private static readonly ConcurrentDictionary<string, byte> Undisposed = new(StringComparer.Ordinal);

    static TempPaths() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteUndisposed(_ => true);

    /// <summary>The run's temporary directory (TMPDIR, else /tmp), for tests that look at what was left there.</summary>
    public static string Root => System.IO.Path.GetTempPath();

    /// <summary>A path nothing exists at yet, for a file or directory the test (or a program it starts) makes there.</summary>
    public static TempPath Path(string purpose, string extension = "")
    {
        var path = NewName(purpose) + extension;
        Undisposed.TryAdd(path, 0);
        return new TempPath(path);
    }

    /// <summary>A new, empty directory.</summary>
    public static TempPath Directory(string purpose)
    {
        var directory = Path(purpose);
        System.IO.Directory.CreateDirectory(directory.FullName);
        return directory;
    }

    /// <summary>A directory that does not exist and that nothing makes: for what must fail to open there.</summary>
    public static string Missing(string purpose) => NewName(purpose);

    internal static void Delete(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        // A SQLite database comes with its journal, write-ahead log and shared-memory index.
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
        Undisposed.TryRemove(path, out _);
    }

    /// <summary>
    /// Deletes the paths made and not yet disposed that <paramref name="which"/> picks; returns how many.
    /// All of them only at exit: while tests run, undisposed paths include live clusters and databases.
    /// </summary>
    internal static int DeleteUndisposed(Func<string, bool> which)
    {
        var count = 0;
        foreach (var path in Undisposed.Keys.Where(which))
        {
            try
            {
                Delete(path);
                count++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort at exit: a file still held open (a server not yet stopped) is reported by CI's /tmp check.
            }
        }
        return count;
    }

    internal static bool IsUndisposed(string path) => Undisposed.ContainsKey(path);

    private static string NewName(string purpose) =>
        System.IO.Path.Combine(Root, $"{NamePrefix}{purpose}-{Guid.NewGuid():N}");
}

/// <summary>A temporary file or directory of <see cref="TempPaths"/>: deleted, with whatever is in it, on dispose.</summary>
public sealed class TempPath : IDisposable
{
    internal TempPath(string fullName) => FullName = fullName;

    public string FullName { get; }

    public override string ToString() => FullName;

    public void Dispose() => TempPaths.Delete(FullName);
}
