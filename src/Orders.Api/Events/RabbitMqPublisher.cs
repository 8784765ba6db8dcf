using System.Diagnostics;
using Orders.Api.Storage;
using RabbitMQ.Client;

namespace Orders.Api.Events;

/// <summary>
/// One connection and one confirm-tracking channel to the broker, opened on demand and thrown away
/// after any failure (the relay reconnects with backoff; the client's own recovery stays off so a
/// half-recovered channel never swallows a confirm).
/// </summary>
internal sealed class RabbitMqPublisher(EventsOptions options) : IAsyncDisposable
{
    private IConnection? _connection;
    private IChannel? _channel;

    public bool IsConnected => _connection is { IsOpen: true } && _channel is { IsOpen: true };

    /// <summary>Connects and declares the exchange, unless already connected.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (IsConnected)
        {
            return;
        }
        await ResetAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Broker!),
            ClientProvidedName = "Orders.Api order-event relay",
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        // Tracking on: each BasicPublishAsync completes when the broker confirms that message (a nack
        // or a lost channel throws), so "confirmed" is known per event.
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await _channel.ExchangeDeclareAsync(OrderEventMessage.Exchange, ExchangeType.Topic, durable: true, autoDelete: false,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Publishes the batch (all in flight at once, persistent, not mandatory: an exchange with no
    /// queue bound drops messages, which consumers prevent by binding their durable queue first) and
    /// waits, bounded by the publish timeout, for each confirm.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken)
    {
        var channel = _channel ?? throw new InvalidOperationException("Not connected.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.PublishTimeoutSeconds));
        var publishes = events.Select(orderEvent => PublishOneAsync(channel, orderEvent, timeout.Token)).ToList();
        try
        {
            await Task.WhenAll(publishes);
        }
        catch (Exception)
        {
            // Looked at per message below: the confirmed ones are still marked, the rest wait.
        }
        var confirmed = events.Where((_, index) => publishes[index].IsCompletedSuccessfully).ToList();
        var failure = publishes.FirstOrDefault(publish => !publish.IsCompletedSuccessfully)?.Exception?.GetBaseException()
                      ?? (confirmed.Count < events.Count ? new TimeoutException("The broker did not confirm in time.") : null);
        return new PublishOutcome(confirmed, failure);
    }

    // Completes when the broker confirms the message; its publish span lasts until then.
    private static async Task PublishOneAsync(IChannel channel, OrderEvent orderEvent, CancellationToken ct)
    {
        var (span, toPublish) = PublishTracing.Start(orderEvent);
        using (span)
        {
            try
            {
                await channel.BasicPublishAsync(OrderEventMessage.Exchange, toPublish.Type, mandatory: false,
                    OrderEventMessage.Properties(toPublish), OrderEventMessage.Body(toPublish), ct);
            }
            catch (Exception ex)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                throw;
            }
        }
    }

    /// <summary>Drops the connection, so the next round starts a fresh one.</summary>
    public async Task ResetAsync()
    {
        var channel = _channel;
        var connection = _connection;
        _channel = null;
        _connection = null;
        await DisposeQuietlyAsync(channel);
        await DisposeQuietlyAsync(connection);
    }

    public ValueTask DisposeAsync() => new(ResetAsync());

    private static async Task DisposeQuietlyAsync(IAsyncDisposable? disposable)
    {
        try
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
        catch (Exception)
        {
            // A connection to a broker that went away fails to close politely; it is gone either way.
        }
    }
}
