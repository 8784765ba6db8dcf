namespace Orders.Api.Model;

/// <summary>The times an order records (placed, cancelled, changed), as every store keeps them.</summary>
public static class StoredTime
{
    /// <summary>
    /// Now, in UTC, truncated to microseconds: the coarsest precision of our stores (PostgreSQL
    /// timestamptz), so the answer that wrote a time and every later read carry the very same value.
    /// </summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
