using System.Collections.Concurrent;
using System.Diagnostics;
using Orders.Api.Events;
using Orders.Api.Storage;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Orders.Api.Tests.Events;

/// <summary>
/// The consumer of the tests, as the contract tells consumers to be: a durable queue of its own
/// bound to the orders exchange before anything is published, manual acks, and deduplication by
/// message-id. It keeps every delivery (redeliveries and duplicates too) and only those of one owner,
/// so tests sharing the broker do not see each other's events. The client reconnects by itself
/// after a broker restart.
/// </summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEvent> _deliveries = new();
    private readonly string _owner;
    private readonly string _queue = $"orders-test-{Guid.NewGuid():N}";
    private IConnection? _connection;
    private IChannel? _channel;

    private EventCollector(string owner) => _owner = owner;

    /// <summary>Every delivery of the owner's events, in arrival order.</summary>
    public IReadOnlyList<ReceivedEvent> Deliveries => [.. _deliveries];

    /// <summary>The first delivery of each message-id: what a deduplicating consumer acts on.</summary>
    public IReadOnlyList<ReceivedEvent> Distinct => Deliveries.DistinctBy(delivery => delivery.MessageId).ToList();

    /// <summary>Deliveries beyond the first of their message-id.</summary>
    public int Redeliveries => Deliveries.Count - Distinct.Count;

    /// <summary>Starts collecting the owner's events of <paramref name="bindingKey"/> (a topic pattern: <c>order.#</c> is every type).</summary>
    public static async Task<EventCollector> StartAsync(string brokerUri, string owner, string bindingKey = OrderEventTypes.Placed)
    {
        var collector = new EventCollector(owner);
        var factory = new ConnectionFactory
        {
            Uri = new Uri(brokerUri),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromMilliseconds(500),
        };
        collector._connection = await factory.CreateConnectionAsync();
        var channel = collector._channel = await collector._connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(OrderEventMessage.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(collector._queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(collector._queue, OrderEventMessage.Exchange, bindingKey);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var received = ReceivedEvent.From(delivery.Exchange, delivery.RoutingKey, delivery.Redelivered, delivery.BasicProperties, delivery.Body);
            if (received.Owner == collector._owner)
            {
                collector._deliveries.Enqueue(received);
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(collector._queue, autoAck: false, consumer);
        return collector;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> distinct events arrived; returns whether they did.</summary>
    public async Task<bool> WaitForDistinctAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Distinct.Count >= count)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return Distinct.Count >= count;
    }

    /// <summary>Waits a little longer for anything still in flight (a duplicate would arrive now).</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(1));

    public async ValueTask DisposeAsync()
    {
        if (_channel is { IsOpen: true })
        {
            await _channel.QueueDeleteAsync(_queue);
        }
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
