using System.Net;
using System.Text.Json;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;
using Orders.FulfilmentWorker;

namespace Orders.FaultTests.Harness;

/// <summary>
/// What the worker test holds its orders to, read from the database (never through the API's
/// connections) and from what each customer sees.
/// </summary>
public static class FulfilmentChecks
{
    /// <summary>The order.placed event of each of the test's orders, by reference.</summary>
    public static async Task<Dictionary<string, OrderEvent>> PlacedEventsAsync(IOrderDatabase database, FulfilmentOrders orders)
    {
        var placed = new Dictionary<string, OrderEvent>();
        foreach (var owner in orders.Owners)
        {
            foreach (var (reference, orderEvent) in await PlacedEventMessages.ReadAsync(database, owner, orders.Prefix))
            {
                placed[reference] = orderEvent;
            }
        }
        return placed;
    }

    /// <summary>Every order stored: a cancelled one without an order.fulfilled row, every other one fulfilled with exactly one.</summary>
    public static async Task StoredOrdersAsync(IOrderDatabase database, FulfilmentOrders orders, IReadOnlySet<string> cancelled)
    {
        var stored = new Dictionary<string, TransitionRows.StoredOrder>();
        foreach (var owner in orders.Owners)
        {
            foreach (var (reference, order) in await TransitionRows.ReadAsync(database, orders.Prefix, owner))
            {
                stored[reference] = order;
            }
        }
        Assert.Equal(orders.All.Select(o => o.Reference).Order(), stored.Keys.Order());
        Assert.All(stored, pair =>
        {
            var (expected, events) = cancelled.Contains(pair.Key) ? (Order.CancelledStatus, 0) : (Order.FulfilledStatus, 1);
            var fulfilledEvents = pair.Value.EventsOf(OrderEventTypes.Fulfilled).Count;
            Assert.True(pair.Value.Status == expected && fulfilledEvents == events,
                $"{pair.Key}: {pair.Value.Status} with {fulfilledEvents} {OrderEventTypes.Fulfilled} events; expected {expected} with {events}");
        });
    }

    /// <summary>What each customer's GET says: fulfilled with the tracking number the worker derived from the event id, or cancelled.</summary>
    public static async Task CustomersSeeAsync(FulfilmentOrders orders, Dictionary<string, OrderEvent> placed, IReadOnlySet<string> cancelled)
    {
        foreach (var order in orders.All)
        {
            using var answer = await orders.ClientOf(order.Owner).GetAsync($"/orders/{order.Reference}");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            if (cancelled.Contains(order.Reference))
            {
                Assert.Equal(Order.CancelledStatus, body.GetProperty("status").GetString());
                continue;
            }
            var shipment = Shipment.For(placed[order.Reference].EventId, WorkerProcess.Carrier);
            Assert.Equal((Order.FulfilledStatus, shipment.Carrier, shipment.TrackingNumber),
                (body.GetProperty("status").GetString(), body.GetProperty("carrier").GetString(), body.GetProperty("trackingNumber").GetString()));
        }
    }
}
