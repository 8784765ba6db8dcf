using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>
/// The one seam between the API and a database. Implementations must let the database decide
/// duplicates atomically through the unique constraint on (owner, client_reference): no read before
/// the insert, no application lock, no stored responses.
/// </summary>
public interface IOrderStore
{
    /// <summary>
    /// Inserts the order (header and lines, all or nothing) or, when the owner already used its
    /// client reference, returns the stored order. A concurrent insert of the same key blocks until
    /// the other transaction ends, so <see cref="CreateOrderResult.Duplicate"/> always names a
    /// committed order.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The database could not be reached, after retries.</exception>
    Task<CreateOrderResult> CreateAsync(Order order, CancellationToken cancellationToken);

    /// <summary>The owner's order with that client reference, or null.</summary>
    Task<Order?> FindAsync(string owner, string clientReference, CancellationToken cancellationToken);

    /// <summary>
    /// The owner's orders, newest first (created_at, then order id, both descending), strictly after
    /// <paramref name="after"/> in that order when it is given.
    /// </summary>
    Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken);
}

/// <summary>A place in the newest-first order: the keyset that pagination continues from.</summary>
public sealed record OrderPosition(DateTime CreatedAt, Guid OrderId);
