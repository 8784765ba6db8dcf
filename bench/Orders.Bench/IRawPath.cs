using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Bench;

/// <summary>
/// One store's own statements with no API around them: the create batch and the lookup that the
/// store sends, each on a connection of its own from the store's kind of pool, as one request does.
/// </summary>
public interface IRawPath : IAsyncDisposable
{
    Task<CreateOrderResult> CreateAsync(Order order);

    Task<Order?> FindAsync(string owner, string clientReference);
}
