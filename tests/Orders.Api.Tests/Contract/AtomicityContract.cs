using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>A failed attempt leaves nothing behind, so the retry simply succeeds.</summary>
public abstract class AtomicityContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task Create_WhenALineViolatesACheckConstraint_LeavesNoHeaderAndNoLines_AndTheRetrySucceeds()
    {
        var factory = StartFactory();
        var client = factory.CreateClient();
        var reference = OrderRequests.NewReference();
        var order = BrokenOrder(factory, reference);

        // The header is valid and goes in first; the second line breaks ck_order_lines_quantity.
        await Assert.ThrowsAnyAsync<Exception>(() => StoreOf(factory).CreateAsync(order, Ct));

        Assert.Equal((0, 0), await Database.CountRowsAsync(Owner, reference));
        var retry = await client.PostOrderAsync(OrderRequests.Valid(reference));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
    }

    [Fact]
    public async Task Post_WhoseTransactionFails_Returns500WithoutInternals_AndTheRetryGets201()
    {
        // A decorator that corrupts the first attempt's last line, so the database itself rejects it mid-insert.
        var client = StartApi(services: services => services.Decorate<IOrderStore>(inner => new FailFirstCreateStore(inner)));
        var reference = OrderRequests.NewReference();

        var failed = await client.PostOrderAsync(OrderRequests.Valid(reference));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var body = await failed.Content.ReadAsStringAsync(Ct);
        Assert.Equal("INTERNAL_ERROR", (string?)(await failed.ReadJsonAsync())["code"]);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("order_lines", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((0, 0), await Database.CountRowsAsync(Owner, reference));

        var retry = await client.PostOrderAsync(OrderRequests.Valid(reference));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
    }

    [Fact]
    public async Task Create_RetriedAfterItsOwnCommit_ReportsCreated_NotADuplicate()
    {
        // A unit of work that committed but lost its connection before the answer is run again by
        // the transient retry with the very same order (same id): that request did create it.
        var factory = StartFactory();
        var order = factory.Services.GetRequiredService<OrderFactory>().Create(Owner, new OrderDraft(
            OrderRequests.NewReference(), "EUR", new Customer("ada@example.com", null, null), null, [new OrderLineDraft("SKU-1", 1, 100)]));
        var other = factory.Services.GetRequiredService<OrderFactory>().Create(Owner, new OrderDraft(
            order.ClientReference, "EUR", new Customer("ada@example.com", null, null), null, [new OrderLineDraft("SKU-1", 1, 100)]));

        var first = await StoreOf(factory).CreateAsync(order, Ct);
        var rerun = await StoreOf(factory).CreateAsync(order, Ct);
        var anotherRequest = await StoreOf(factory).CreateAsync(other, Ct);

        Assert.IsType<CreateOrderResult.Created>(first);
        Assert.Equal(order.OrderId, Assert.IsType<CreateOrderResult.Created>(rerun).Order.OrderId);
        Assert.Equal(order.OrderId, Assert.IsType<CreateOrderResult.Duplicate>(anotherRequest).Existing.OrderId);
    }

    private static Order BrokenOrder(OrdersApiFactory factory, string reference) =>
        LineCheckViolation.Corrupt(LineCheckViolation.TwoLineOrder(factory.Services.GetRequiredService<OrderFactory>(), Owner, reference));

    /// <summary>Test-only: the first create sends a line the schema's check constraint refuses.</summary>
    private sealed class FailFirstCreateStore(IOrderStore inner) : IOrderStore
    {
        private int _creates;

        public Task<CreateOrderResult> CreateAsync(Order order, CancellationToken cancellationToken) =>
            inner.CreateAsync(Interlocked.Increment(ref _creates) == 1 ? LineCheckViolation.Corrupt(order) : order, cancellationToken);

        public Task<Order?> FindAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
            inner.FindAsync(owner, clientReference, cancellationToken);

        public Task<OrderVersion?> FindVersionAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
            inner.FindVersionAsync(owner, clientReference, cancellationToken);

        public Task<TransitionResult> CancelAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
            inner.CancelAsync(cancellation, cancellationToken);

        public Task<TransitionResult> ChangeAsync(OrderChange change, CancellationToken cancellationToken) =>
            inner.ChangeAsync(change, cancellationToken);

        public Task<TransitionResult> FulfilAsync(OrderFulfilment fulfilment, CancellationToken cancellationToken) =>
            inner.FulfilAsync(fulfilment, cancellationToken);

        public Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken) =>
            inner.ListAsync(owner, after, limit, cancellationToken);
    }
}
