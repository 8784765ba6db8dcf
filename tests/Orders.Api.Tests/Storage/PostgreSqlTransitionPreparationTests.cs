using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// A cancel with If-Match and one without, and a change that sets or removes members, are each the same
/// prepared statement: every parameter is typed from its kind (TransitionParameters), never inferred
/// from a value that may be null, so Npgsql's automatic preparation keeps one statement per transition.
/// </summary>
public sealed class PostgreSqlTransitionPreparationTests(PostgreSqlDatabase database) : ContractTestBase<PostgreSqlDatabase>(database)
{
    // Past Npgsql's automatic preparation (a statement is prepared on its fifth use), with both shapes of each.
    private const int Runs = 8;

    [Fact]
    public async Task CancelAndChange_WithAndWithoutIfMatch_AndWithNullValues_AreEachOnePreparedStatement()
    {
        // Given one connection of the app's own data source (automatic preparation on),
        var orders = StartFactory().Services.GetRequiredService<OrderFactory>();
        await using var dataSource = PostgreSqlDataSource.Create(Database.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync(Ct);

        // when it changes and cancels orders, half of them with If-Match and half without, the
        // changes setting values and removing them (nulls),
        for (var i = 0; i < Runs; i++)
        {
            var order = orders.Create(Owner, new OrderDraft(
                OrderRequests.NewReference(), "EUR", new Customer("ada@example.com", "Ada", null), null, [new OrderLineDraft("SKU-1", 1, 100)]));
            Assert.IsType<CreateOrderResult.Created>(await PostgreSqlOrderInsert.CreateAsync(connection, order, Ct));
            var withIfMatch = i % 2 == 0;
            var patch = new OrderPatch(new(true, withIfMatch ? null : "Augusta"), new(true, withIfMatch ? "+44 20 7946 0000" : null),
                false, default, default, default, default, default);
            var change = new OrderChange(Owner, order.ClientReference, patch, DateTime.UtcNow,
                withIfMatch ? new OrderVersion(order.OrderId, 1) : null, Guid.CreateVersion7());
            var cancellation = new OrderCancellation(Owner, order.ClientReference, withIfMatch ? "why" : null, DateTime.UtcNow,
                withIfMatch ? new OrderVersion(order.OrderId, 2) : null, Guid.CreateVersion7());
            Assert.IsType<TransitionResult.Applied>(await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.ChangeOrder,
                TransitionParameters.Of(change), Owner, order.ClientReference, change.ChangeId, null, Ct));
            Assert.IsType<TransitionResult.Applied>(await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.CancelOrder,
                TransitionParameters.Of(cancellation), Owner, order.ClientReference, cancellation.ChangeId, null, Ct));
        }

        // then the connection holds one prepared statement per transition, every parameter typed.
        var prepared = (await connection.QueryAsync<(string Statement, string Types)>(
            "SELECT statement, parameter_types::text FROM pg_prepared_statements WHERE statement LIKE 'UPDATE orders SET%'")).ToList();
        Assert.Equal(2, prepared.Count);
        Assert.Single(prepared, p => p.Statement.Contains("status = 'cancelled'", StringComparison.Ordinal));
        Assert.Single(prepared, p => p.Statement.Contains("customer_name = CASE", StringComparison.Ordinal));
        Assert.All(prepared, p => Assert.DoesNotContain("unknown", p.Types, StringComparison.Ordinal));
    }
}
