using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Orders.FulfilmentWorker;

/// <summary>
/// The worker's loop: connect, bind its durable queue to order.placed, consume with manual acks and a
/// bounded prefetch, and when the connection drops (a broker restart) connect again after a short,
/// growing wait. RabbitMQ.Client's own recovery stays off: an ack is only ever sent on the channel
/// the message came on, and whatever was in flight when a channel died comes back from the broker,
/// where the processed-ids file answers it.
/// </summary>
public sealed class PlacedEventConsumer(
    IOptions<FulfilmentOptions> options,
    ProcessedEvents processed,
    PlacedEventProcessor processor,
    IHostApplicationLifetime lifetime,
    ILogger<PlacedEventConsumer> log) : BackgroundService
{
    public const string Exchange = "orders";
    public const string RoutingKey = "order.placed";

    private readonly FulfilmentOptions _options = options.Value;

    // Held while a delivery is in hand. A dropped connection waits for it before connecting again, so
    // the broker's redelivery of that message is never handled while the first copy still is.
    private readonly SemaphoreSlim _handling = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await processed.CreateAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilClosedAsync(() => failures = 0, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                WorkerLog.BrokerFailed(log, _options.Broker!.Authority, ex.Message);
            }
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            var delay = ReconnectDelay(++failures);
            WorkerLog.Reconnecting(log, delay.TotalMilliseconds, failures);
            await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default); // a stop ends the wait, not with an exception
        }
    }

    /// <summary>Consumes until the connection or channel closes; <paramref name="connected"/> runs once consuming.</summary>
    private async Task ConsumeUntilClosedAsync(Action connected, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = _options.Broker!,
            ClientProvidedName = "Orders.FulfilmentWorker",
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, reason) => Closed(closed, reason);
        channel.ChannelShutdownAsync += (_, reason) => Closed(closed, reason);

        // Bind first (docs/operations.md, "What a consumer must do"): the exchange drops what no queue is bound for.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(_options.Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.QueueBindAsync(_options.Queue, Exchange, RoutingKey, cancellationToken: ct);
        await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: _options.Prefetch, global: false, ct);

        // One delivery at a time (the client's default dispatch): a copy of an event in the prefetch
        // window is handled after its original is recorded, so it is always found there.
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => SettleAsync(channel, delivery, ct);
        await channel.BasicConsumeAsync(_options.Queue, autoAck: false, consumer, ct);
        connected();
        WorkerLog.Consuming(log, _options.Queue, Exchange, RoutingKey, _options.Prefetch);

        var reason = await closed.Task.WaitAsync(ct);
        WorkerLog.ConnectionClosed(log, reason);
        await _handling.WaitAsync(ct);
        _handling.Release();
    }

    private async Task SettleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        await _handling.WaitAsync(CancellationToken.None);
        try
        {
            if (!channel.IsOpen)
            {
                return; // no ack could reach the broker; it delivers the message again on the next connection
            }
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Stopping (an operator, or a Stop settlement): what was prefetched goes back untouched.
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                return;
            }
            var placed = PlacedEvent.From(delivery.BasicProperties, delivery.Body);
            var settlement = await processor.HandleAsync(placed, delivery.BasicProperties.MessageId, delivery.Redelivered, ct);
            switch (settlement)
            {
                case Settlement.Ack:
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
                    break;
                case Settlement.Reject:
                    await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, ct);
                    break;
                case Settlement.Requeue:
                    await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, ct);
                    break;
                case Settlement.Stop:
                    await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, ct);
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping mid-delivery: unacked, it goes back to the queue when the channel closes.
        }
        catch (Exception ex)
        {
            // Not acked, so not lost: the channel is closing (the broker redelivers the message to the
            // next connection) or the processed-ids file failed (the message is handled again, and the
            // API answers the repeat with 409 ORDER_ALREADY_FULFILLED).
            WorkerLog.LeftUnacked(log, delivery.BasicProperties.MessageId, ex.Message);
            if (channel.IsOpen)
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
            }
        }
        finally
        {
            _handling.Release();
        }
    }

    private static Task Closed(TaskCompletionSource<string> closed, ShutdownEventArgs reason)
    {
        closed.TrySetResult($"{reason.ReplyCode} {reason.ReplyText}");
        return Task.CompletedTask;
    }

    public override void Dispose()
    {
        _handling.Dispose();
        base.Dispose();
    }

    // 0.25 s, doubling to the configured cap: a restarted broker is found again within the cap.
    private TimeSpan ReconnectDelay(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(_options.MaxBackoffMilliseconds, 250 * Math.Pow(2, Math.Min(failures - 1, 16))));
}
