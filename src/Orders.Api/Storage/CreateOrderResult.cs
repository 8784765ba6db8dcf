using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>What a create attempt ended in. A duplicate is an answer, not an error.</summary>
public abstract record CreateOrderResult
{
    private CreateOrderResult() { }

    /// <summary>This request inserted the order.</summary>
    public sealed record Created(Order Order) : CreateOrderResult;

    /// <summary>The owner had already used the reference; <paramref name="Existing"/> is the committed order.</summary>
    public sealed record Duplicate(Order Existing) : CreateOrderResult;

    /// <summary>
    /// The answer when the insert met the unique key. If the order found is the one being inserted
    /// (same id), an earlier attempt of this very unit of work committed before its connection broke
    /// and was retried: this request created it.
    /// </summary>
    public static CreateOrderResult ForConflict(Order attempted, Order existing) =>
        existing.OrderId == attempted.OrderId ? new Created(existing) : new Duplicate(existing);

    /// <summary>
    /// The create of SQLite: try the insert; when the unique key refuses it, read the committed order
    /// in a new statement (which sees the commit the insert waited for) and answer with it.
    /// PostgreSQL and SQL Server do the same in a single batch, read included (CreateBatchAnswer).
    /// </summary>
    public static async Task<CreateOrderResult> InsertOrReadExistingAsync(
        Order order, Func<Task<bool>> tryInsert, Func<Task<Order?>> findExisting)
    {
        if (await tryInsert())
        {
            return new Created(order);
        }
        var existing = await findExisting()
            ?? throw new InvalidOperationException("The unique key reported a duplicate that cannot be read back.");
        return ForConflict(order, existing);
    }
}
