using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;
using Orders.Api.Tests.Mapping;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// A store writes every member of an order to its column and reads each back from the same one: the
/// columns, the row record and the insert's values are mapped by hand per store, and a value bound to
/// the wrong column (or none) compiles and passes every test that leaves that member empty.
/// </summary>
public abstract class StoredOrderContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private static readonly HashSet<string> NothingKeptBack = new(StringComparer.Ordinal);

    [Fact]
    public async Task AnOrderWithEveryMemberSet_IsReadBackWithEveryValueInItsPlace()
    {
        // Placed, then cancelled by the store (a create writes no cancel): every member has been written.
        var factory = StartFactory();
        var placed = MappedOrders.EveryMemberSetAsPlaced() with { Owner = Owner, ClientReference = OrderRequests.NewReference(), OrderId = Guid.CreateVersion7() };
        var order = MappedOrders.EveryMemberSetCancelled() with { Owner = Owner, ClientReference = placed.ClientReference, OrderId = placed.OrderId, Version = placed.Version + 1 };

        await StoreOf(factory).CreateAsync(placed, Ct);
        await StoreOf(factory).CancelAsync(
            new OrderCancellation(Owner, order.ClientReference, order.CancellationReason, order.CancelledAt!.Value, IfMatch: null, Guid.CreateVersion7()), Ct);
        var found = await StoreOf(factory).FindAsync(Owner, order.ClientReference, Ct);
        var listed = (await StoreOf(factory).ListAsync(Owner, null, 100, Ct)).Single(other => other.OrderId == order.OrderId);

        AssertSame(order, found!);
        AssertSame(order, listed);
    }

    [Fact]
    public async Task AFulfilledOrderWithEveryMemberSet_IsReadBackWithEveryValueInItsPlace()
    {
        var factory = StartFactory();
        var placed = MappedOrders.EveryMemberSetAsPlaced() with { Owner = Owner, ClientReference = OrderRequests.NewReference(), OrderId = Guid.CreateVersion7() };
        var order = MappedOrders.EveryMemberSetFulfilled() with { Owner = Owner, ClientReference = placed.ClientReference, OrderId = placed.OrderId, Version = placed.Version + 1 };

        await StoreOf(factory).CreateAsync(placed, Ct);
        await StoreOf(factory).FulfilAsync(
            new OrderFulfilment(Owner, order.ClientReference, order.Carrier, order.TrackingNumber, order.FulfilledAt!.Value, IfMatch: null, Guid.CreateVersion7()), Ct);
        var found = await StoreOf(factory).FindAsync(Owner, order.ClientReference, Ct);
        var listed = (await StoreOf(factory).ListAsync(Owner, null, 100, Ct)).Single(other => other.OrderId == order.OrderId);

        AssertSame(order, found!);
        AssertSame(order, listed);
    }

    [Fact]
    public async Task AnOrderWithNothingOptional_IsReadBackWithItsNulls()
    {
        var factory = StartFactory();
        var order = MappedOrders.NothingOptionalSet() with { Owner = Owner, ClientReference = OrderRequests.NewReference(), OrderId = Guid.CreateVersion7() };

        await StoreOf(factory).CreateAsync(order, Ct);

        AssertSame(order, (await StoreOf(factory).FindAsync(Owner, order.ClientReference, Ct))!);
    }

    private static void AssertSame(Order written, Order read)
    {
        var differences = MemberComparison.Differences(written, read, NothingKeptBack);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, ["", .. differences]));
    }
}
