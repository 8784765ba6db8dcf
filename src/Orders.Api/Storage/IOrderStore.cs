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
    /// Which order the owner's client reference names and its version, or null: one row read by the
    /// unique key, no lines, so a conditional GET whose tag still matches costs less than the order.
    /// </summary>
    Task<OrderVersion?> FindVersionAsync(string owner, string clientReference, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the owner's placed order in one short transaction: a conditional update on (owner,
    /// reference, status placed, and the version when <see cref="OrderCancellation.IfMatch"/> is set),
    /// the order.cancelled outbox row, and the read of the order as it then stands. A concurrent
    /// cancel or change of the same order waits on the row lock and is then refused, so exactly one wins.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The database could not be reached, after retries.</exception>
    Task<TransitionResult> CancelAsync(OrderCancellation cancellation, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a merge patch to the owner's placed order, under the same rules as <see cref="CancelAsync"/>,
    /// with an order.changed outbox row. Refused, with nothing written, when the patch only completes an
    /// address the order does not have (<see cref="OrderPatch.NeedsStoredAddress"/>).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The database could not be reached, after retries.</exception>
    Task<TransitionResult> ChangeAsync(OrderChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the owner's placed order fulfilled, under the same rules as <see cref="CancelAsync"/>, with an
    /// order.fulfilled outbox row: a cancel and a fulfilment of one order race on its row lock, and
    /// exactly one of them applies.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The database could not be reached, after retries.</exception>
    Task<TransitionResult> FulfilAsync(OrderFulfilment fulfilment, CancellationToken cancellationToken);

    /// <summary>
    /// The owner's orders, newest first (created_at, then order id, both descending), strictly after
    /// <paramref name="after"/> in that order when it is given.
    /// </summary>
    Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken);
}

/// <summary>One state of one order: what its ETag is made of.</summary>
public sealed record OrderVersion(Guid OrderId, long Version);

/// <summary>A place in the newest-first order: the keyset that pagination continues from.</summary>
public sealed record OrderPosition(DateTime CreatedAt, Guid OrderId);
