using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Model;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// customer.phone, optional: stored and shown as sent in the 201, the lookup and the listing, null
/// when not sent, and refused by the database's own CHECK when a caller other than the API sends one
/// that breaks the rule.
/// </summary>
public abstract class CustomerPhoneContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Theory]
    [InlineData("+49 (30) 1234-5678")]
    [InlineData("030 1234567")]
    [InlineData("112")]
    [InlineData("+1234567890123456789012345678901")]
    public async Task Post_WithAPhone_StoresIt_AndEveryReadShowsItAsSent(string phone)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var body = OrderRequests.Valid(reference);
        OrderMutations.Set(body, "customer.phone", phone);

        var created = await client.PostOrderAsync(body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(phone, (string?)(await created.ReadJsonAsync())["customer"]!["phone"]);
        var lookup = JsonNode.Parse(await client.GetStringAsync($"/orders/{reference}", Ct))!;
        Assert.Equal(phone, (string?)lookup["customer"]!["phone"]);
        var listed = JsonNode.Parse(await client.GetStringAsync("/orders?limit=100", Ct))!["orders"]!.AsArray();
        Assert.Equal(phone, (string?)listed.Single(order => (string?)order!["clientReference"] == reference)!["customer"]!["phone"]);
    }

    [Fact]
    public async Task Post_WithoutAPhone_ShowsNull()
    {
        var client = StartApi();
        var body = OrderRequests.Valid(OrderRequests.NewReference());
        OrderMutations.Remove(body, "customer.phone");

        var created = await (await client.PostOrderAsync(body)).ReadJsonAsync();

        Assert.True(created["customer"]!.AsObject().ContainsKey("phone"));
        Assert.Null(created["customer"]!["phone"]);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("+49 30 12x4")]
    [InlineData("(030) 1234")]
    [InlineData("+123456789012345678901234567890123")]
    public async Task Store_RefusesAPhoneTheRuleForbids_ByTheDatabasesCheck(string phone)
    {
        // Given an order straight to the store, past the API's check,
        var factory = StartFactory();
        var reference = OrderRequests.NewReference();
        var order = factory.Services.GetRequiredService<OrderFactory>().Create(Owner, new OrderDraft(
            reference, "EUR", new Customer("ada@example.com", null, phone), null, [new OrderLineDraft("SKU-1", 1, 100)]));

        // when it is created, then the database refuses it and nothing is stored.
        await Assert.ThrowsAnyAsync<DbException>(() => StoreOf(factory).CreateAsync(order, Ct));
        Assert.Equal((0, 0), await Database.CountRowsAsync(Owner, reference));
    }
}

public sealed class SqliteCustomerPhoneContract(SqliteDatabase database) : CustomerPhoneContract<SqliteDatabase>(database);

public sealed class PostgreSqlCustomerPhoneContract(PostgreSqlDatabase database) : CustomerPhoneContract<PostgreSqlDatabase>(database);

public sealed class SqlServerCustomerPhoneContract(SqlServerDatabase database) : CustomerPhoneContract<SqlServerDatabase>(database);

public sealed class CitusCustomerPhoneContract(CitusDatabase database) : CustomerPhoneContract<CitusDatabase>(database);
