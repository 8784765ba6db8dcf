using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A migrator whose attempts fail with the given exceptions, in order, and then either succeed or
/// (with <paramref name="migrateAfterwards"/>) hand over to the real one.
/// </summary>
public sealed class ScriptedMigrator(IEnumerable<Exception> failures, IDatabaseMigrator? migrateAfterwards = null) : IDatabaseMigrator
{
    private readonly Queue<Exception> _failures = new(failures);
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public void Migrate()
    {
        Interlocked.Increment(ref _attempts);
        lock (_failures)
        {
            if (_failures.TryDequeue(out var failure))
            {
                throw failure;
            }
        }
        migrateAfterwards?.Migrate();
    }

    public bool IsUpToDate() => _failures.Count == 0 && (migrateAfterwards?.IsUpToDate() ?? true);
}
