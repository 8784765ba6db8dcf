using Microsoft.Extensions.Options;
using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>Order events: the rows the stores write (through <see cref="IOrderEventFactory"/>) and the relay that publishes them from the outbox (Storage registers the configured database's).</summary>
internal static class EventsRegistration
{
    public static IHostApplicationBuilder AddOrderEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.SectionName)
            .Validate(options => !options.Enabled || IsAmqpUri(options.Broker!), "Events:Broker must be an amqp:// or amqps:// URI.")
            .Validate(options => options.BatchSize is >= 1 and <= 1000, "Events:BatchSize must be 1 to 1000.")
            .Validate(options => options.PollIntervalMilliseconds is >= 10 and <= 60_000, "Events:PollIntervalMilliseconds must be 10 to 60000.")
            .Validate(options => options.MaxBackoffSeconds is >= 1 and <= 3600, "Events:MaxBackoffSeconds must be 1 to 3600.")
            .Validate(options => options.PublishTimeoutSeconds is >= 1 and <= 600, "Events:PublishTimeoutSeconds must be 1 to 600.")
            .Validate(options => options.RetentionHours is >= 1 and <= 24 * 365, "Events:RetentionHours must be 1 to 8760.")
            .Validate(options => options.StallAfterSeconds is >= 1 and <= 86_400, "Events:StallAfterSeconds must be 1 to 86400.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<EventsOptions>>().Value);
        builder.Services.AddSingleton<OrderEventFactory>();
        builder.Services.AddSingleton<IOrderEventFactory>(sp => sp.GetRequiredService<OrderEventFactory>());
        builder.Services.AddSingleton<EventMetrics>();
        // Always registered, and idle unless Events:Broker is set: whatever configures the app last
        // (a test host, the command line) decides, as for the store.
        builder.Services.AddHostedService<OrderEventRelay>();
        return builder;
    }

    private static bool IsAmqpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps";
}
