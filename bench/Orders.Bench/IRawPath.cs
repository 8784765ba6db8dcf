using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Bench;

/// <summary>
/// One store's own statements with no API around them: the create batch, the lookup, the conditional
/// lookup's version read and the cancel and change batches that the store sends, each on a connection
/// of its own from the store's kind of pool, as one request does.
/// </summary>
public interface IRawPath : IAsyncDisposable
{
    Task<CreateOrderResult> CreateAsync(Order order);

    Task<Order?> FindAsync(string owner, string clientReference);

    /// <summary>What a GET with If-None-Match reads first: the version alone (a 304 needs nothing more).</summary>
    Task<OrderVersion?> FindVersionAsync(string owner, string clientReference);

    Task<TransitionResult> CancelAsync(OrderCancellation cancellation);

    Task<TransitionResult> ChangeAsync(OrderChange change);
}
