using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Contracts;
using Orders.Api.Events;
using Orders.Api.Hosting;
using Orders.Api.Model;
using Orders.Api.Observability;
using Orders.Api.Storage;

namespace Orders.Bench;

/// <summary>
/// The floor: what the same request path costs with our application code taken out. Kestrel and
/// ASP.NET Core routing answer the same URLs with the same statuses and response bodies, and call the
/// API's own store (the one <c>Storage:Provider</c> names, built by the API's own registration), but
/// there is no authentication, authorization, rate limiting, body rules, validation, problem details,
/// CORS, Swagger or outcome filter. Only the benchmark runs this; it is not part of the product.
/// </summary>
/// <remarks>
/// run-bench.sh starts it with the API's runtimeconfig.json (GC, thread pool, tiering) and the API's
/// storage settings, so <c>API − floor</c> is the CPU our own code adds per request.
/// </remarks>
public static class Floor
{
    public static async Task RunAsync(string url)
    {
        var (app, store, factory) = Build();

        // The body's reference is all it reads: every benchmark body is BenchOrder's order otherwise.
        app.MapPost("/orders", async (FloorBody body, CancellationToken ct) =>
            await store.CreateAsync(factory.Create(BenchOrder.Owner, BenchOrder.Draft(body.ClientReference)), ct) switch
            {
                CreateOrderResult.Created created => Results.Json(OrderResponse.From(created.Order), statusCode: StatusCodes.Status201Created),
                CreateOrderResult.Duplicate duplicate => Results.Json(OrderResponse.From(duplicate.Existing), statusCode: StatusCodes.Status409Conflict),
                var other => throw new InvalidOperationException($"Unknown create result {other.GetType().Name}."),
            });
        app.MapGet("/orders/{clientReference}", async (string clientReference, HttpContext context, CancellationToken ct) =>
        {
            // The API's conditional GET, as bench/wrk/not-modified.lua sends it: the version alone, then a 304.
            var condition = context.Request.Headers.IfNoneMatch.ToString();
            if (condition.Length > 0 && await store.FindVersionAsync(BenchOrder.Owner, clientReference, ct) is { } current)
            {
                var eTag = OrderETag.Of(current.OrderId, current.Version);
                if (condition == "*" || condition == eTag)
                {
                    context.Response.Headers.ETag = eTag;
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }
            }
            return await store.FindAsync(BenchOrder.Owner, clientReference, ct) is { } order
                ? Results.Json(OrderResponse.From(order))
                : Results.NotFound();
        });
        FloorTransitions.Map(app, store);
        await app.RunAsync(url);
    }

    /// <summary>The floor's application, and the replay server's (<see cref="Replay"/>): the API's store, nothing else.</summary>
    internal static (WebApplication App, IOrderStore Store, OrderFactory Factory) Build()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddOrderStorage();
        // The stores write an order's event row with it when Events:Broker is set, and the relay then
        // publishes them: the same work as in the API, so API − floor stays our request code alone.
        builder.AddOrderEvents();
        builder.Services.AddSingleton<OrdersMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderFactory>();
        var app = builder.Build();
        return (app, app.Services.GetRequiredService<IOrderStore>(), app.Services.GetRequiredService<OrderFactory>());
    }

    internal sealed record FloorBody(string ClientReference);
}
