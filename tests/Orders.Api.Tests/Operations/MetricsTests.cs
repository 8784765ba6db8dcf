using System.Net;
using System.Text.RegularExpressions;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>Prometheus scrape of the API's own counters.</summary>
[Collection(RunAlone.Name)]
public sealed partial class MetricsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private const string Owner = TestTokens.DefaultOwner;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_AfterA201AndA409_CountBoth()
    {
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString);
        var client = factory.CreateClient();
        var reference = OrderRequests.NewReference();

        Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        var changed = OrderRequests.Valid(reference);
        changed["currency"] = "USD";
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostOrderAsync(changed)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostRawAsync("{}")).StatusCode);
        var metrics = await client.GetStringAsync("/metrics", Ct);

        Assert.Equal(1, Value(metrics, "orders_created_total"));
        Assert.Equal(1, Value(metrics, "orders_duplicates_total", "same_request=\"true\""));
        Assert.Equal(1, Value(metrics, "orders_duplicates_total", "same_request=\"false\""));
        Assert.Equal(1, Value(metrics, "orders_rejections_total", "reason=\"validation\""));
        Assert.Equal(1, Value(metrics, "orders_store_duration_seconds_count", "operation=\"create\",outcome=\"ok\""));
        Assert.Equal(2, Value(metrics, "orders_store_duration_seconds_count", "operation=\"create\",outcome=\"duplicate\""));
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_CountEveryCancelAndChange_ByOutcome_AndNoAnswerAboutTheOrdersStateAsARejection()
    {
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString);
        var client = factory.CreateClient();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        Assert.Equal(HttpStatusCode.OK, (await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), tag)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), tag)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("York"), tag)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.CancelOrderAsync(reference, ifMatch: tag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.CancelOrderAsync(reference)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.CancelOrderAsync(reference)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("York"), "*")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.CancelOrderAsync(OrderRequests.NewReference())).StatusCode);
        var metrics = await client.GetStringAsync("/metrics", Ct);

        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"changed\",transition=\"change\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"precondition-failed-already-applied\",transition=\"change\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"precondition-failed\",transition=\"change\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"precondition-failed\",transition=\"cancel\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"cancelled\",transition=\"cancel\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"already-cancelled\",transition=\"cancel\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"not-changeable\",transition=\"change\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"not-found\",transition=\"cancel\""));
        // 409 and 412 say what state the order is in: outcomes, not rejections. The 404 is one, as for a lookup.
        Assert.Equal(1, Value(metrics, "orders_rejections_total", "reason=\"validation\""));
        Assert.Equal(1, Value(metrics, "orders_store_duration_seconds_count", "operation=\"cancel\",outcome=\"ok\""));
        Assert.Equal(1, Value(metrics, "orders_store_duration_seconds_count", "operation=\"cancel\",outcome=\"not_found\""));
    }

    [Fact]
    public async Task Metrics_CountEveryFulfilment_ByOutcome_TheRefusedCancelOfAShippedOrder_AndACustomersFulfilAsAnAuthRejection()
    {
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString);
        var client = factory.CreateClient();
        var service = factory.CreateClientWithToken(TestTokens.MintService());
        var (shipped, withdrawn) = (OrderRequests.NewReference(), OrderRequests.NewReference());
        var placedTag = await client.PlaceAsync(shipped);
        await client.PlaceAsync(withdrawn);
        Assert.Equal(HttpStatusCode.OK, (await client.ChangeOrderAsync(shipped, TransitionRequests.NewCity("Leeds"), placedTag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.CancelOrderAsync(withdrawn)).StatusCode);

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await service.FulfilOrderAsync(Owner, shipped, ifMatch: placedTag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.FulfilOrderAsync(Owner, shipped)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await service.FulfilOrderAsync(Owner, shipped)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await service.FulfilOrderAsync(Owner, withdrawn)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.FulfilOrderAsync(Owner, OrderRequests.NewReference())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.CancelOrderAsync(shipped)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.FulfilOrderAsync(Owner, shipped)).StatusCode);
        var metrics = await client.GetStringAsync("/metrics", Ct);

        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"precondition-failed\",transition=\"fulfil\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"fulfilled\",transition=\"fulfil\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"already-fulfilled\",transition=\"fulfil\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"order-cancelled\",transition=\"fulfil\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"not-found\",transition=\"fulfil\""));
        Assert.Equal(1, Value(metrics, "orders_transitions_total", "outcome=\"not-cancellable\",transition=\"cancel\""));
        // The 409s and the 412 are outcomes, the 404 a rejection as for a lookup; the customer's fulfil is refused by its token.
        Assert.Equal(1, Value(metrics, "orders_rejections_total", "reason=\"validation\""));
        Assert.Equal(1, Value(metrics, "orders_rejections_total", "reason=\"auth\""));
        Assert.Equal(1, Value(metrics, "orders_store_duration_seconds_count", "operation=\"fulfil\",outcome=\"ok\""));
        Assert.Equal(3, Value(metrics, "orders_store_duration_seconds_count", "operation=\"fulfil\",outcome=\"refused\""));
        Assert.Equal(1, Value(metrics, "orders_store_duration_seconds_count", "operation=\"fulfil\",outcome=\"not_found\""));
    }

    [Fact]
    public async Task Metrics_CanBeTurnedOff()
    {
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString,
            new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });

        var response = await factory.CreateClient().GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The sample of <paramref name="name"/> whose labels include <paramref name="label"/>.</summary>
    internal static double Value(string exposition, string name, string label = "")
    {
        var sample = exposition.Split('\n').FirstOrDefault(line =>
            line.StartsWith(name, StringComparison.Ordinal) && (line.Length > name.Length && line[name.Length] is ' ' or '{')
            && line.Contains(label, StringComparison.Ordinal));
        Assert.True(sample is not null, $"no sample {name} {label} in:\n{exposition}");
        return double.Parse(SampleValue().Match(sample).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\}?\s([0-9.eE+-]+)(\s\d+)?$")]
    private static partial Regex SampleValue();
}
