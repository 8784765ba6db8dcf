using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Bench;

/// <summary>
/// What the database can do without the API: the store's own statements with the store's own
/// parameters (<see cref="IRawPath"/>), with no HTTP, JSON, validation or retry wrapper around them.
/// </summary>
public sealed class RawWorkload(IRawPath path, string runId, int seededOrders)
{
    private readonly OrderFactory _factory = new(TimeProvider.System);
    private int _created;
    private int _transitioned;

    /// <summary>A new order: the store's create batch, one transaction in one round trip.</summary>
    public async Task CreateAsync(int _)
    {
        // Counted here, not per loop: the warm-up and the measured run must not share references.
        var order = _factory.Create(BenchOrder.Owner, BenchOrder.Draft($"raw-{runId}-{Interlocked.Increment(ref _created)}"));
        Expect(await path.CreateAsync(order) is CreateOrderResult.Created, "a new reference was not inserted");
    }

    /// <summary>A duplicate, as the store handles it: the same batch finds the key taken and reads the stored order.</summary>
    public async Task DuplicateAsync(int _)
    {
        var order = _factory.Create(BenchOrder.Owner, BenchOrder.Draft(BenchOrder.SeedReference(Random.Shared.Next(), seededOrders)));
        Expect(await path.CreateAsync(order) is CreateOrderResult.Duplicate, "a seeded reference was not answered as a duplicate");
    }

    /// <summary>A lookup by reference: header and lines, as GET /orders/{clientReference} does it.</summary>
    public async Task LookupAsync(int _)
    {
        var order = await path.FindAsync(BenchOrder.Owner, BenchOrder.SeedReference(Random.Shared.Next(), seededOrders));
        Expect(order is not null, "a seeded order was not found");
    }

    /// <summary>A conditional lookup's store work when the tag matches (the 304): the version alone.</summary>
    public async Task NotModifiedAsync(int _)
    {
        var version = await path.FindVersionAsync(BenchOrder.Owner, BenchOrder.SeedReference(Random.Shared.Next(), seededOrders));
        Expect(version is not null, "a seeded order's version was not found");
    }

    /// <summary>A cancel of the next fresh target (BenchTargets), with a reason and no If-Match, as bench/wrk/cancel.lua sends it.</summary>
    public async Task CancelAsync(int _)
    {
        var number = Interlocked.Increment(ref _transitioned);
        var now = StoredTime.Now(TimeProvider.System);
        var result = await path.CancelAsync(new OrderCancellation(
            BenchOrder.Owner, BenchTargets.Reference(number), BenchTargets.Reason, now, null, Guid.CreateVersion7(now)));
        Expect(result is TransitionResult.Applied, "a fresh target was not cancelled (too few targets for the run?)");
    }

    /// <summary>A change of the next fresh target under its own ETag's version, as bench/wrk/change.lua sends it.</summary>
    public async Task ChangeAsync(int _)
    {
        var number = Interlocked.Increment(ref _transitioned);
        var now = StoredTime.Now(TimeProvider.System);
        var result = await path.ChangeAsync(new OrderChange(
            BenchOrder.Owner, BenchTargets.Reference(number), BenchTargets.Patch, now, BenchTargets.FreshVersion(number), Guid.CreateVersion7(now)));
        Expect(result is TransitionResult.Applied, "a fresh target was not changed (too few targets for the run?)");
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }
}
