using System.Diagnostics;
using Orders.Api.Model;
using Orders.Api.Observability;

namespace Orders.Api.Storage;

/// <summary>Times every store call (retries included) into orders.store.duration.</summary>
internal sealed class InstrumentedOrderStore(IOrderStore inner, OrdersMetrics metrics) : IOrderStore
{
    public Task<CreateOrderResult> CreateAsync(Order order, CancellationToken cancellationToken) =>
        Timed("create", () => inner.CreateAsync(order, cancellationToken));

    public Task<Order?> FindAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        Timed("find", () => inner.FindAsync(owner, clientReference, cancellationToken));

    public Task<OrderVersion?> FindVersionAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        Timed("find_version", () => inner.FindVersionAsync(owner, clientReference, cancellationToken));

    public Task<TransitionResult> CancelAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
        Timed("cancel", () => inner.CancelAsync(cancellation, cancellationToken));

    public Task<TransitionResult> ChangeAsync(OrderChange change, CancellationToken cancellationToken) =>
        Timed("change", () => inner.ChangeAsync(change, cancellationToken));

    public Task<TransitionResult> FulfilAsync(OrderFulfilment fulfilment, CancellationToken cancellationToken) =>
        Timed("fulfil", () => inner.FulfilAsync(fulfilment, cancellationToken));

    public Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken) =>
        Timed("list", () => inner.ListAsync(owner, after, limit, cancellationToken));

    private async Task<T> Timed<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await call();
            outcome = result switch
            {
                CreateOrderResult.Duplicate => "duplicate",
                TransitionResult.Refused => "refused",
                TransitionResult.NotFound => "not_found",
                _ => "ok",
            };
            return result;
        }
        catch (StoreUnavailableException)
        {
            outcome = "unavailable";
            throw;
        }
        finally
        {
            metrics.StoreCall(operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
