using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orders.FulfilmentWorker;

/// <summary>The composition root: options checked at start, the API client, the processed-ids file, the consumer.</summary>
public static class FulfilmentWorkerRegistration
{
    public static IHostApplicationBuilder AddFulfilmentWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FulfilmentOptions>()
            .BindConfiguration(FulfilmentOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient<FulfilmentApi>((services, http) =>
        {
            var baseUrl = services.GetRequiredService<IOptions<FulfilmentOptions>>().Value.ApiBaseUrl!.ToString();
            // A trailing slash, so the route is resolved under a base path (https://host/orders-api/) too.
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            // Each attempt has its own timeout (AttemptTimeoutSeconds); this one would cut across retries.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.Services.AddSingleton(services =>
            new ProcessedEvents(services.GetRequiredService<IOptions<FulfilmentOptions>>().Value.DedupeDatabase));
        builder.Services.AddSingleton<PlacedEventProcessor>();
        builder.Services.AddHostedService<PlacedEventConsumer>();
        return builder;
    }
}
