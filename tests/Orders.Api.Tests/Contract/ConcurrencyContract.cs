using System.Net;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// The property the design rests on: the database's unique key decides, and a duplicate is answered
/// only once the first order is committed.
/// </summary>
public abstract class ConcurrencyContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private static readonly TimeSpan StillWaitingAfter = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task FiftyConcurrentPosts_OfOneReference_MakeExactlyOneOrder_And49ConflictsNamingIt()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => client.PostOrderAsync(OrderRequests.Valid(reference)), Ct)));

        var answers = string.Join(", ", responses.GroupBy(r => r.StatusCode).Select(g => $"{g.Count()} x {(int)g.Key}"));
        var created = Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        var orderId = (string?)(await created.ReadJsonAsync())["orderId"];
        var conflicts = responses.Where(response => response.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.True(conflicts.Count == 49, $"answers: {answers}; {string.Join(" | ", await Task.WhenAll(responses.Where(r => (int)r.StatusCode >= 500).Take(2).Select(r => r.Content.ReadAsStringAsync(Ct))))}");
        foreach (var conflict in conflicts)
        {
            var problem = await conflict.ReadJsonAsync();
            Assert.Equal(orderId, (string?)problem["orderId"]);
            Assert.True((bool?)problem["sameRequest"]);
        }
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
    }

    [Fact]
    public async Task Post_WhileAnotherTransactionHoldsTheReference_WaitsAndGets409OnlyAfterItCommits()
    {
        var client = StartApi();
        await client.GetAsync("/orders?limit=1", Ct); // first request migrates nothing new, but warms the app
        var reference = OrderRequests.NewReference();
        await using var connection = Database.OpenConnection();
        await using var transaction = await Database.BeginWriteTransactionAsync(connection);
        var heldOrderId = await Database.InsertOrderHeaderAsync(connection, transaction, Owner, reference);

        // Given another transaction has inserted (owner, reference) and not committed,
        // when the POST arrives, then it is still unanswered a while later: it waits on the key.
        var post = client.PostOrderAsync(OrderRequests.Valid(reference));
        var first = await Task.WhenAny(post, Task.Delay(StillWaitingAfter, Ct));
        Assert.NotSame(post, first);

        // When the holder commits, the POST learns of the committed order: 409 naming it.
        await transaction.CommitAsync(Ct);
        var response = await post;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(heldOrderId.ToString(), (string?)problem["orderId"]);
        Assert.Equal((1, 0), await Database.CountRowsAsync(Owner, reference));
    }

    [Fact]
    public async Task Post_WhileAnotherTransactionHoldsTheReference_Gets201WhenThatTransactionRollsBack()
    {
        var client = StartApi();
        await client.GetAsync("/orders?limit=1", Ct);
        var reference = OrderRequests.NewReference();
        await using var connection = Database.OpenConnection();
        await using var transaction = await Database.BeginWriteTransactionAsync(connection);
        await Database.InsertOrderHeaderAsync(connection, transaction, Owner, reference);

        var post = client.PostOrderAsync(OrderRequests.Valid(reference));
        var first = await Task.WhenAny(post, Task.Delay(StillWaitingAfter, Ct));
        Assert.NotSame(post, first);

        // When the holder rolls back, the key was never taken: this POST creates the order.
        await transaction.RollbackAsync(Ct);
        var response = await post;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
    }
}
