namespace Orders.Api.Events;

/// <summary>Host and TCP port of the broker an AMQP URI names (the scheme's port when it gives none).</summary>
internal sealed record BrokerAddress(string Host, int Port)
{
    private const int AmqpPort = 5672;
    private const int AmqpsPort = 5671;

    public static BrokerAddress Of(string brokerUri)
    {
        var uri = new Uri(brokerUri);
        var port = uri.Port > 0 ? uri.Port : uri.Scheme == "amqps" ? AmqpsPort : AmqpPort;
        // DnsSafeHost: an IPv6 literal without its brackets, as a socket wants it.
        return new BrokerAddress(uri.DnsSafeHost, port);
    }

    /// <summary>For the log: host and port only, never the URI's credentials.</summary>
    public override string ToString() => $"{Host}:{Port}";
}
