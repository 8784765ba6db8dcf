using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The API's settings for events written but never published: Events:Broker names a loopback port
/// nothing listens on, so every transition writes its outbox row in its own transaction (as with a
/// broker) and the relay, failing to connect, leaves the rows where the checks count them (only
/// published rows are ever deleted). A fault test of the outbox needs no RabbitMQ this way.
/// </summary>
public static class OutboxWithoutBroker
{
    public static IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Events__Broker"] = $"amqp://guest:guest@127.0.0.1:{PortAllocator.UnusedLoopbackPort()}/",
    };
}
