using Dapper;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The ground truth: what the database holds, read with plain SQL that PostgreSQL and T-SQL both
/// accept (through the fixture's own connection, never the API's), compared with what every client
/// was told. Each broken promise becomes one line of the failure message.
/// </summary>
public static class LedgerCheck
{
    public sealed record StoredOrder(Guid OrderId, string ClientReference, long Total, long LineCount, long LineSum);

    /// <summary>The orders of <paramref name="owner"/> (by default the one every ApiProcess.Client request is made for).</summary>
    public static async Task<IReadOnlyList<StoredOrder>> ReadStoredAsync(IOrderDatabase database, string owner = TestTokens.DefaultOwner)
    {
        await using var connection = database.OpenConnection();
        // The id as text: SQLite stores it so, and a uuid or uniqueidentifier casts to the same form.
        var rows = await connection.QueryAsync<(string OrderId, string ClientReference, long Total, long LineCount, long LineSum)>(
            """
            SELECT CAST(o.order_id AS varchar(36)) AS OrderId, o.client_reference AS ClientReference, o.total AS Total,
                   CAST(count(l.order_id) AS bigint) AS LineCount, CAST(coalesce(sum(l.line_total), 0) AS bigint) AS LineSum
            FROM orders o LEFT JOIN order_lines l ON l.owner_id = o.owner_id AND l.order_id = o.order_id
            WHERE o.owner_id = @Owner
            GROUP BY o.order_id, o.client_reference, o.total
            """, new { Owner = owner });
        return rows.Select(row => new StoredOrder(Guid.Parse(row.OrderId), row.ClientReference, row.Total, row.LineCount, row.LineSum)).ToList();
    }

    /// <summary>
    /// Every order whole and known to the client, at most one per reference, every 201 stored, every
    /// 409 naming the stored order, no 5xx but 503, no hang. With <paramref name="everyReferenceStored"/>
    /// (after the retries), also exactly one order for each reference the client ever sent. The ledger
    /// is <paramref name="owner"/>'s.
    /// </summary>
    public static async Task<IReadOnlyList<StoredOrder>> AssertConsistentAsync(
        Ledger ledger, IOrderDatabase database, bool everyReferenceStored, string owner = TestTokens.DefaultOwner)
    {
        // Only this ledger's part of the database: the orders whose reference starts like one it sent
        // (another test of the class may have stored orders of its own under another prefix).
        var prefixes = ledger.Bodies.Keys.Select(PrefixOf).ToHashSet(StringComparer.Ordinal);
        var stored = (await ReadStoredAsync(database, owner)).Where(o => prefixes.Contains(PrefixOf(o.ClientReference))).ToList();
        var problems = new List<string>();
        var byReference = stored.GroupBy(o => o.ClientReference).ToDictionary(g => g.Key, g => g.ToList());

        problems.AddRange(byReference.Where(g => g.Value.Count > 1).Select(g => $"{g.Key}: {g.Value.Count} orders"));
        foreach (var order in stored)
        {
            if (!ledger.Bodies.TryGetValue(order.ClientReference, out var body))
            {
                problems.Add($"{order.ClientReference}: stored but never sent");
            }
            else if (order.LineCount != body.Lines || order.LineSum != body.Total || order.Total != body.Total)
            {
                problems.Add($"{order.ClientReference}: partial order, {order.LineCount}/{body.Lines} lines, total {order.Total}, lines sum {order.LineSum}, sent {body.Total}");
            }
        }
        foreach (var outcome in ledger.Outcomes)
        {
            var order = byReference.GetValueOrDefault(outcome.Reference)?.FirstOrDefault();
            switch (outcome.Answer)
            {
                case Answer.Created or Answer.Duplicate when order is null:
                    problems.Add($"{outcome.Reference}: told {outcome.Status} but nothing is stored");
                    break;
                case Answer.Created or Answer.Duplicate when order.OrderId != outcome.OrderId:
                    problems.Add($"{outcome.Reference}: told order {outcome.OrderId}, stored {order.OrderId}");
                    break;
                case Answer.Duplicate when outcome.SameRequest != true || outcome.Code != "DUPLICATE_IDEMPOTENCY_KEY":
                    problems.Add($"{outcome.Reference}: 409 {outcome.Code} sameRequest={outcome.SameRequest}");
                    break;
                case Answer.Unavailable when outcome.Code != "STORE_UNAVAILABLE" || !outcome.HasRetryAfter:
                    problems.Add($"{outcome.Reference}: 503 {outcome.Code} without STORE_UNAVAILABLE and Retry-After");
                    break;
                case Answer.ServerError or Answer.OtherStatus or Answer.TimedOut:
                    problems.Add($"{outcome.Reference}: {outcome.Answer} {outcome.Status} after {outcome.Elapsed.TotalMilliseconds:F0} ms");
                    break;
            }
        }
        if (everyReferenceStored)
        {
            problems.AddRange(ledger.Bodies.Keys.Where(r => !byReference.ContainsKey(r)).Select(r => $"{r}: sent, retried, never stored"));
            problems.AddRange(ledger.Unsettled().Select(b => $"{b.Reference}: still unsettled after its retries"));
        }
        Assert.True(problems.Count == 0,
            $"{problems.Count} broken promises to {owner}:\n{string.Join('\n', problems.Take(30))}\n{ledger.Summary("ledger")}");
        return stored;
    }

    /// <summary>
    /// Each owner's ledger against the database; then, as the client contract says, every unsettled
    /// request sent again (same body) through <paramref name="clientOf"/> the owner's client, and every
    /// ledger checked again, now with exactly one order for each reference ever sent.
    /// </summary>
    public static async Task AssertOwnersHoldAsync(
        IReadOnlyDictionary<string, Ledger> ledgers, IOrderDatabase database, Func<string, HttpClient> clientOf)
    {
        foreach (var (owner, ledger) in ledgers)
        {
            await AssertConsistentAsync(ledger, database, everyReferenceStored: false, owner);
        }
        await Task.WhenAll(ledgers.Select(pair => pair.Value.RetryUnsettledAsync(clientOf(pair.Key))));
        foreach (var (owner, ledger) in ledgers)
        {
            await AssertConsistentAsync(ledger, database, everyReferenceStored: true, owner);
        }
    }

    private static string PrefixOf(string reference) => reference[..Math.Max(0, reference.IndexOf('-', StringComparison.Ordinal))];
}
