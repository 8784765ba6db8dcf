using System.Net;
using Orders.Api.Observability;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Tracing;

/// <summary>
/// One POST's trace as a collector receives it (OTLP/HTTP, protobuf, from the app's own exporter): a
/// server span continuing the frontend's traceparent, the validation and the create below it, and
/// each database round trip of the create below that, named by its statement; no customer data in
/// any of them; the create's outcome; the problem body's traceId naming the same trace.
/// </summary>
public abstract class TracingContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private static readonly TimeSpan Export = TimeSpan.FromSeconds(20);

    /// <summary>The database spans of a create that inserts, in order, as this provider's store runs them.</summary>
    protected abstract IReadOnlyList<string> CreateStatements { get; }

    [Fact]
    public async Task Post_ExportsTheRequestsSpans_UnderTheFrontendsTrace_WithEachStatementOfTheCreate()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var client = StartApi(receiver.ExportSettings()!);
        var frontend = FrontendTrace.New();
        var body = OrderRequests.Valid(OrderRequests.NewReference());

        // When the checkout posts an order with its traceparent
        Assert.Equal(HttpStatusCode.Created, (await frontend.PostOrderAsync(client, body)).StatusCode);

        // Then the collector gets the request's spans in the frontend's trace, properly nested
        var trace = await receiver.WaitForTraceAsync(frontend.TraceId, FrontendTrace.HasCreate, Export);
        var server = Assert.Single(trace, span => span.Kind == SpanKind.Server);
        Assert.Equal(frontend.SpanId, server.ParentSpanId);
        Assert.StartsWith("POST /orders", server.Name, StringComparison.Ordinal);
        var validate = Assert.Single(trace, span => span.Name == OrdersTracing.ValidateSpan);
        Assert.Equal(server.SpanId, validate.ParentSpanId);
        Assert.Equal("valid", validate.Attribute(OrdersTracing.ValidationAttribute));
        var create = Assert.Single(trace, span => span.Name == OrdersTracing.CreateSpan);
        Assert.Equal(server.SpanId, create.ParentSpanId);
        Assert.Equal(OrdersTracing.Outcomes.Created, create.Attribute(OrdersTracing.OutcomeAttribute));
        // Npgsql also reports opening a physical connection ("CONNECT <database>") when its pool has none idle.
        var statements = trace.Where(span => span.ParentSpanId == create.SpanId && !span.Name.StartsWith("CONNECT ", StringComparison.Ordinal)).ToList();
        Assert.Equal(CreateStatements, statements.Select(span => span.Name));
        Assert.All(statements, span => Assert.Equal(SpanKind.Client, span.Kind));
        Assert.All(statements, span => Assert.False(string.IsNullOrEmpty(span.Attribute("db.query.text")), $"{span.Name} has no db.query.text"));
        Assert.Equal(TracingRegistration.DefaultServiceName, server.Resource["service.name"]);
        FrontendTrace.AssertNoCustomerData(trace, body);
    }

    [Fact]
    public async Task CancelAndChange_ExportTheirSpans_WithTheirOutcome_AndTheirStatementsBelow_WithoutCustomerData()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var client = StartApi(receiver.ExportSettings()!);
        var body = OrderRequests.Valid(OrderRequests.NewReference());
        var reference = (string)body["clientReference"]!;
        var tag = (await client.PostOrderAsync(body)).Headers.ETag!.ToString();
        var (change, staleChange, cancel, repeat) = (FrontendTrace.New(), FrontendTrace.New(), FrontendTrace.New(), FrontendTrace.New());

        // When the storefront changes the order, repeats the change, cancels it and cancels again
        foreach (var (frontend, request) in new[]
                 {
                     (change, Patch(reference, tag)), (staleChange, Patch(reference, tag)),
                     (cancel, new HttpRequestMessage(HttpMethod.Post, $"/orders/{reference}/cancellation")),
                     (repeat, new HttpRequestMessage(HttpMethod.Post, $"/orders/{reference}/cancellation")),
                 })
        {
            await frontend.SendAsync(client, request);
        }

        // Then each has its span under the server span, with its outcome and its store's statements below it
        await AssertTransitionSpansAsync(receiver, body,
            (change, OrdersTracing.ChangeSpan, OrdersTracing.TransitionOutcomes.Changed),
            (staleChange, OrdersTracing.ChangeSpan, OrdersTracing.TransitionOutcomes.StaleApplied),
            (cancel, OrdersTracing.CancelSpan, OrdersTracing.TransitionOutcomes.Cancelled),
            (repeat, OrdersTracing.CancelSpan, OrdersTracing.TransitionOutcomes.AlreadyCancelled));
    }

    [Fact]
    public async Task Fulfil_ExportsItsSpan_WithItsOutcome_AndItsStatementsBelow_AsDoesTheRefusedCancelOfAShippedOrder()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var factory = StartFactory(receiver.ExportSettings()!);
        var (client, service) = (factory.CreateClient(), factory.CreateClientWithToken(TestTokens.MintService()));
        var (shippedBody, withdrawnBody) = (OrderRequests.Valid(OrderRequests.NewReference()), OrderRequests.Valid(OrderRequests.NewReference()));
        var (shipped, withdrawn) = ((string)shippedBody["clientReference"]!, (string)withdrawnBody["clientReference"]!);
        Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(shippedBody)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(withdrawnBody)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.CancelOrderAsync(withdrawn)).StatusCode);
        var (fulfil, repeat, ofCancelled, lateCancel) = (FrontendTrace.New(), FrontendTrace.New(), FrontendTrace.New(), FrontendTrace.New());

        // When the service fulfils the order, fulfils it again and fulfils the cancelled one, and the customer cancels the shipped one
        foreach (var (frontend, caller, request) in new[]
                 {
                     (fulfil, service, Fulfil(shipped)), (repeat, service, Fulfil(shipped)), (ofCancelled, service, Fulfil(withdrawn)),
                     (lateCancel, client, new HttpRequestMessage(HttpMethod.Post, $"/orders/{shipped}/cancellation")),
                 })
        {
            await frontend.SendAsync(caller, request);
        }

        // Then each has its span under the server span, with its outcome and its store's statements below it
        await AssertTransitionSpansAsync(receiver, shippedBody,
            (fulfil, OrdersTracing.FulfilSpan, OrdersTracing.TransitionOutcomes.Fulfilled),
            (repeat, OrdersTracing.FulfilSpan, OrdersTracing.TransitionOutcomes.AlreadyFulfilled),
            (ofCancelled, OrdersTracing.FulfilSpan, OrdersTracing.TransitionOutcomes.OrderCancelled),
            (lateCancel, OrdersTracing.CancelSpan, OrdersTracing.TransitionOutcomes.NotCancellable));
        // and the owner the fulfilment's path names (a subject: personal data) is in none of its spans
        foreach (var frontend in new[] { fulfil, repeat, ofCancelled })
        {
            var trace = await receiver.WaitForTraceAsync(frontend.TraceId, FrontendTrace.HasTransition(OrdersTracing.FulfilSpan), Export);
            var leaked = trace.SelectMany(span => span.AllValues).FirstOrDefault(value => value.Contains(TestTokens.DefaultOwner, StringComparison.Ordinal));
            Assert.True(leaked is null, $"a fulfilment's span holds the owner: {leaked}");
        }
    }

    /// <summary>Each request's transition span under its server span, with its outcome, its statements below it, and no customer data in the trace.</summary>
    private static async Task AssertTransitionSpansAsync(
        OtlpReceiver receiver, System.Text.Json.Nodes.JsonObject body, params (FrontendTrace Frontend, string Span, string Outcome)[] expected)
    {
        foreach (var (frontend, span, outcome) in expected)
        {
            var trace = await receiver.WaitForTraceAsync(frontend.TraceId, FrontendTrace.HasTransition(span), Export);
            var server = Assert.Single(trace, s => s.Kind == SpanKind.Server);
            var transition = Assert.Single(trace, s => s.Name == span);
            Assert.Equal(server.SpanId, transition.ParentSpanId);
            Assert.Equal(outcome, transition.Attribute(OrdersTracing.TransitionOutcomeAttribute));
            Assert.Contains(trace, s => s.ParentSpanId == transition.SpanId && s.Kind == SpanKind.Client);
            FrontendTrace.AssertNoCustomerData(trace, body);
        }
    }

    private static HttpRequestMessage Fulfil(string reference) => new(HttpMethod.Post, ServiceRequests.FulfilmentPath(TestTokens.DefaultOwner, reference))
    {
        Content = System.Net.Http.Json.JsonContent.Create(TransitionRequests.Shipment("DHL", "JD014600006281")),
    };

    private static HttpRequestMessage Patch(string reference, string tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/orders/{reference}")
        {
            Content = new StringContent("""{"customer": {"phone": null}}""", System.Text.Encoding.UTF8, TransitionRequests.MergePatch),
        };
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        return request;
    }

    [Fact]
    public async Task Duplicates_CarryTheirOutcome_AndThe409sTraceIdIsTheTraces()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var client = StartApi(receiver.ExportSettings()!);
        var reference = OrderRequests.NewReference();
        var first = OrderRequests.Valid(reference);
        var changed = OrderRequests.Valid(reference);
        changed["currency"] = "USD";
        var (original, retry, reuse) = (FrontendTrace.New(), FrontendTrace.New(), FrontendTrace.New());

        // When an order is placed, retried unchanged, and its reference reused for another order
        Assert.Equal(HttpStatusCode.Created, (await original.PostOrderAsync(client, first)).StatusCode);
        var retried = await retry.PostOrderAsync(client, first.DeepClone());
        var reused = await reuse.PostOrderAsync(client, changed);

        // Then each create span says which, and each 409's traceId names its own trace and server span
        foreach (var (frontend, response, outcome) in new[]
                 {
                     (retry, retried, OrdersTracing.Outcomes.DuplicateSame),
                     (reuse, reused, OrdersTracing.Outcomes.DuplicateDifferent),
                 })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var trace = await receiver.WaitForTraceAsync(frontend.TraceId, FrontendTrace.HasCreate, Export);
            var create = Assert.Single(trace, span => span.Name == OrdersTracing.CreateSpan);
            Assert.Equal(outcome, create.Attribute(OrdersTracing.OutcomeAttribute));
            var server = Assert.Single(trace, span => span.Kind == SpanKind.Server);
            Assert.Equal($"00-{frontend.TraceId}-{server.SpanId}-01", (string?)(await response.ReadJsonAsync())["traceId"]);
            FrontendTrace.AssertNoCustomerData(trace, first);
        }
    }

    [Fact]
    public async Task InvalidOrder_ValidationSpanSaysInvalid_AndNoCreateSpan()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var client = StartApi(receiver.ExportSettings()!);
        var frontend = FrontendTrace.New();
        var body = OrderRequests.Valid(OrderRequests.NewReference());
        body.Remove("currency");

        Assert.Equal(HttpStatusCode.BadRequest, (await frontend.PostOrderAsync(client, body)).StatusCode);

        var trace = await receiver.WaitForTraceAsync(frontend.TraceId,
            spans => spans.Any(span => span.Kind == SpanKind.Server) && spans.Any(span => span.Name == OrdersTracing.ValidateSpan), Export);
        Assert.Equal("invalid", Assert.Single(trace, span => span.Name == OrdersTracing.ValidateSpan).Attribute(OrdersTracing.ValidationAttribute));
        Assert.DoesNotContain(trace, span => span.Name == OrdersTracing.CreateSpan);
        FrontendTrace.AssertNoCustomerData(trace, body);
    }
}
