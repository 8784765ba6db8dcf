using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// The two identities kept apart (OWASP API1 and API5, broken object and function level authorization):
/// a customer's token may not fulfil, not even its own order; a fulfilment service's token may do nothing
/// else, not even read the order of an owner whose subject it carries. Only the <c>scope</c> claim,
/// listing the configured scope whole, makes a service; the same text anywhere else grants nothing, and a
/// token the API would refuse anyway stays a 401 with the scope. Each refusal leaves the order as it was.
/// </summary>
public abstract class ServiceAuthContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private const string OtherOwner = "owner-grace";

    [Fact]
    public async Task ACustomersToken_IsForbiddenOnTheFulfilRoute_ForItsOwnOrder_AnothersAndNobodys_AlikeAndWithoutAWrite()
    {
        var factory = StartFactory();
        var ada = factory.CreateClient();
        var grace = factory.CreateClientWithToken(TestTokens.Mint(OtherOwner));
        var adas = await PlaceAsync(ada, Owner);
        var graces = await PlaceAsync(grace, OtherOwner);

        var answers = new List<HttpResponseMessage>
        {
            await ada.FulfilOrderAsync(Owner, adas.Reference),
            await ada.FulfilOrderAsync(OtherOwner, graces.Reference),
            await grace.FulfilOrderAsync(Owner, adas.Reference, TransitionRequests.Shipment("DHL", "JD1")),
            await ada.FulfilOrderAsync(Owner, OrderRequests.NewReference()),
        };

        // The same 403 for each: it says nothing of whether the order exists or whose it is.
        var bodies = new List<string>();
        foreach (var answer in answers)
        {
            bodies.Add(await AssertForbiddenAsync(answer));
        }
        Assert.Single(bodies.Distinct());
        await adas.AssertUntouchedAsync(Database, ada);
        await graces.AssertUntouchedAsync(Database, grace);
    }

    [Theory]
    [MemberData(nameof(ServiceAuthCases.CustomerRoutes), MemberType = typeof(ServiceAuthCases))]
    public async Task AServiceToken_IsForbiddenOnEveryCustomerRoute_EvenWithTheOwnersSubject_AndWritesNothing(string method, string route)
    {
        var factory = StartFactory();
        var ada = factory.CreateClient();
        var order = await PlaceAsync(ada, Owner);
        var before = await Database.CountAllRowsAsync();
        // A service of its own, and services whose subject is the owner's (with the scope as a string, in a list and in an array).
        string[] tokens =
        [
            TestTokens.MintService(), TestTokens.MintService(subject: Owner),
            TestTokens.MintService("orders:read orders:fulfil", subject: Owner), TestTokens.MintService(ServiceAuthCases.ReadAndFulfil, subject: Owner),
        ];

        foreach (var token in tokens)
        {
            var service = factory.CreateClientWithToken(token);
            using var request = ServiceAuthCases.CustomerRequest(method, route, order.Reference, order.ETag);

            var body = await AssertForbiddenAsync(await service.SendAsync(request, Ct));

            // Nothing of the order shows through.
            Assert.DoesNotContain(order.OrderId, body, StringComparison.Ordinal);
            Assert.DoesNotContain(order.Reference, body, StringComparison.Ordinal);
        }
        Assert.Equal(before, await Database.CountAllRowsAsync());
        await order.AssertUntouchedAsync(Database, ada);
    }

    [Fact]
    public async Task TheService_FulfilsAnyOwnersOrder_ThroughItsOwnRouteOnly()
    {
        var factory = StartFactory();
        var ada = factory.CreateClient();
        var grace = factory.CreateClientWithToken(TestTokens.Mint(OtherOwner));
        var service = factory.CreateClientWithToken(TestTokens.MintService());
        var adas = await PlaceAsync(ada, Owner);
        var graces = await PlaceAsync(grace, OtherOwner);

        var fulfilled = await service.FulfilOrderAsync(OtherOwner, graces.Reference, TransitionRequests.Shipment("DHL", "JD014600006281"));
        // The owner in the path picks the order: Ada's reference under Grace is no order at all.
        var wrongOwner = await service.FulfilOrderAsync(OtherOwner, adas.Reference);

        Assert.Equal(HttpStatusCode.OK, fulfilled.StatusCode);
        Assert.Equal("fulfilled", (string?)(await fulfilled.ReadJsonAsync())["status"]);
        Assert.Equal(HttpStatusCode.NotFound, wrongOwner.StatusCode);
        Assert.Equal("fulfilled", (string?)(await (await grace.GetAsync($"/orders/{graces.Reference}", Ct)).ReadJsonAsync())["status"]);
        await adas.AssertUntouchedAsync(Database, ada);
    }

    [Theory]
    [MemberData(nameof(ServiceAuthCases.SpoofedScopes), MemberType = typeof(ServiceAuthCases))]
    public async Task TheScopeAnywhereButTheScopeClaim_OrNotListedWhole_GrantsNothing(string name)
    {
        var (ada, order, spoofer) = await OrderAndCallerAsync(ServiceAuthCases.Spoofed(name));

        var answer = await spoofer.FulfilOrderAsync(Owner, order.Reference);
        var asCustomer = await spoofer.GetAsync("/orders?limit=1", Ct);

        await AssertForbiddenAsync(answer);
        await order.AssertUntouchedAsync(Database, ada);
        // A valid token, and a customer's: its subject's (empty) list is answered.
        Assert.Equal(HttpStatusCode.OK, asCustomer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ServiceAuthCases.RefusedTokens), MemberType = typeof(ServiceAuthCases))]
    public async Task ATokenWithTheScope_ThatTheApiWouldRefuseAnyway_Is401(string kind, string saysWhat)
    {
        var (ada, order, service) = await OrderAndCallerAsync(ServiceAuthCases.Refused(kind));

        var answer = await service.FulfilOrderAsync(Owner, order.Reference);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains(answer.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        var problem = await answer.ReadJsonAsync();
        Assert.Equal("UNAUTHORIZED", (string?)problem["code"]);
        Assert.Contains(saysWhat, (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
        await order.AssertUntouchedAsync(Database, ada);
    }

    [Fact]
    public async Task TheConfiguredScopeName_IsTheOneHonoured_AndTheDefaultNameThenGrantsNothing()
    {
        var factory = StartFactory(new Dictionary<string, string?> { ["Authentication:FulfilmentScope"] = "warehouse:ship" });
        var ada = factory.CreateClient();
        var first = await PlaceAsync(ada, Owner);
        var second = await PlaceAsync(ada, Owner);
        var defaultNamed = factory.CreateClientWithToken(TestTokens.MintService());
        var configured = factory.CreateClientWithToken(TestTokens.MintService("orders:read warehouse:ship"));

        var refused = await defaultNamed.FulfilOrderAsync(Owner, first.Reference);
        var accepted = await configured.FulfilOrderAsync(Owner, second.Reference);
        // The configured scope is the service's: it may not read as a customer.
        var read = await factory.CreateClientWithToken(TestTokens.MintService("warehouse:ship", subject: Owner)).GetAsync($"/orders/{second.Reference}", Ct);

        await AssertForbiddenAsync(refused);
        await first.AssertUntouchedAsync(Database, ada);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("fulfilled", (string?)(await accepted.ReadJsonAsync())["status"]);
        await AssertForbiddenAsync(read);
    }

    [Theory]
    [MemberData(nameof(ServiceAuthCases.ListedScopes), MemberType = typeof(ServiceAuthCases))]
    public async Task TheScope_AsOneOfASpaceSeparatedList_OrOfAnArray_IsAccepted(string name)
    {
        var (_, order, service) = await OrderAndCallerAsync(ServiceAuthCases.Listed(name));

        var answer = await service.FulfilOrderAsync(Owner, order.Reference);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("fulfilled", (string?)(await answer.ReadJsonAsync())["status"]);
    }

    /// <summary>The app, Ada's client and an order of hers, and a client with <paramref name="token"/>.</summary>
    private async Task<(HttpClient Ada, PlacedOrder Order, HttpClient Caller)> OrderAndCallerAsync(string token)
    {
        var factory = StartFactory();
        var ada = factory.CreateClient();
        return (ada, await PlaceAsync(ada, Owner), factory.CreateClientWithToken(token));
    }

    private async Task<PlacedOrder> PlaceAsync(HttpClient owner, string ownerName)
    {
        var reference = OrderRequests.NewReference();
        var created = await owner.PostOrderAsync(OrderRequests.Valid(reference));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var events = await Database.EventsOfAsync(ownerName, reference);
        return new PlacedOrder(ownerName, reference, (string)(await created.ReadJsonAsync())["orderId"]!, created.Headers.ETag!.ToString(), events.Count);
    }

    /// <summary>Asserts the 403 problem and returns its body without the trace id.</summary>
    private static async Task<string> AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("FORBIDDEN", (string?)problem["code"]);
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    /// <summary>An order as placed: its tag and how many events it had then.</summary>
    private sealed record PlacedOrder(string Owner, string Reference, string OrderId, string ETag, int Events)
    {
        /// <summary>Still placed, at the tag it was placed with, and no event written since.</summary>
        public async Task AssertUntouchedAsync(TDatabase database, HttpClient owner)
        {
            var read = await owner.GetAsync($"/orders/{Reference}", Ct);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("placed", (string?)(await read.ReadJsonAsync())["status"]);
            Assert.Equal(ETag, read.Headers.ETag!.ToString());
            Assert.Equal(Events, (await database.EventsOfAsync(Owner, Reference)).Count);
        }
    }
}

/// <summary>Theory data of <see cref="ServiceAuthContract{TDatabase}"/>: each case by name, its token built from it.</summary>
public static class ServiceAuthCases
{
    private const string Scope = TestTokens.FulfilmentScope;

    /// <summary>Two scopes as an array: the shape dotnet user-jwts create --scope writes for several.</summary>
    internal static readonly string[] ReadAndFulfil = ["orders:read", Scope];

    /// <summary>Every customer route: method, and path with {ref} for the order's reference.</summary>
    public static TheoryData<string, string> CustomerRoutes() => new()
    {
        { "POST", "/orders" },
        { "GET", "/orders/{ref}" },
        { "GET", "/orders" },
        { "POST", "/orders/{ref}/cancellation" },
        { "PATCH", "/orders/{ref}" },
    };

    /// <summary>A well-formed request to a customer route: one that a customer's token would have succeed.</summary>
    public static HttpRequestMessage CustomerRequest(string method, string route, string reference, string etag)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{ref}", reference, StringComparison.Ordinal));
        switch (method, route)
        {
            case ("POST", "/orders"):
                request.Content = new StringContent(OrderRequests.Valid(OrderRequests.NewReference()).ToJsonString(), Encoding.UTF8, "application/json");
                break;
            case ("POST", _):
                request.Content = new StringContent("""{"reason":"not mine"}""", Encoding.UTF8, "application/json");
                break;
            case ("PATCH", _):
                request.Content = new StringContent(TransitionRequests.NewCity("Leeds").ToJsonString(), Encoding.UTF8, TransitionRequests.MergePatch);
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                break;
        }
        return request;
    }

    private static readonly Dictionary<string, Func<string>> Spoofs = new()
    {
        ["scp string"] = () => With("scp", Scope),
        ["scp array"] = () => With("scp", new[] { Scope }),
        ["roles string"] = () => With("roles", Scope),
        ["roles array"] = () => With("roles", new[] { Scope }),
        ["role"] = () => With("role", Scope),
        ["permissions"] = () => With("permissions", new[] { Scope }),
        ["sub"] = () => TestTokens.Mint(Scope),
        ["aud, besides the API's"] = () => TestTokens.Mint(TestTokens.ServiceSubject, audience: null,
            claims: new Dictionary<string, object> { ["aud"] = new[] { TestTokens.Audience, Scope } }),
        ["Scope (claim name's case)"] = () => With("Scope", Scope),
        ["SCOPE"] = () => With("SCOPE", Scope),
        ["the long scope claim type"] = () => With("http://schemas.microsoft.com/identity/claims/scope", Scope),
        ["act.scope (a delegation's)"] = () => With("act", Json($$"""{"sub":"x","scope":"{{Scope}}"}""")),
        ["prefix: orders:fulfilment"] = () => TestTokens.MintService("orders:fulfilment"),
        ["prefix: orders:fulfil2"] = () => TestTokens.MintService("orders:fulfil2"),
        ["suffix: xorders:fulfil"] = () => TestTokens.MintService("xorders:fulfil"),
        ["part: orders:"] = () => TestTokens.MintService("orders:"),
        ["part: orders"] = () => TestTokens.MintService("orders"),
        ["part: fulfil"] = () => TestTokens.MintService("fulfil"),
        ["in a list's word: a,orders:fulfil"] = () => TestTokens.MintService("orders:read,orders:fulfil"),
        ["tab-separated"] = () => TestTokens.MintService("orders:read\torders:fulfil"),
        ["no-break space"] = () => TestTokens.MintService("orders:read\u00A0orders:fulfil"),
        ["case: Orders:Fulfil"] = () => TestTokens.MintService("Orders:Fulfil"),
        ["case: ORDERS:FULFIL"] = () => TestTokens.MintService("ORDERS:FULFIL"),
        ["escaped: orders%3Afulfil"] = () => TestTokens.MintService("orders%3Afulfil"),
        ["wildcard *"] = () => TestTokens.MintService("*"),
        ["empty"] = () => TestTokens.MintService(""),
        ["array of a prefix"] = () => TestTokens.MintService(new[] { "orders:read", "orders:fulfilment" }),
        ["object keyed by the scope"] = () => TestTokens.MintService(Json($$"""{"{{Scope}}":true}""")),
        ["object holding the scope"] = () => TestTokens.MintService(Json($$"""{"scope":"{{Scope}}"}""")),
        ["number"] = () => TestTokens.MintService(1),
        ["true"] = () => TestTokens.MintService(true),
        ["nested array"] = () => TestTokens.MintService(Json($$"""[["{{Scope}}"]]""")),
        ["array of an object"] = () => TestTokens.MintService(Json($$"""[{"value":"{{Scope}}"}]""")),
        ["in the header"] = () => InTheHeader(),
    };

    public static TheoryData<string> SpoofedScopes() => [.. Spoofs.Keys];

    public static string Spoofed(string name) => Spoofs[name]();

    private static readonly Dictionary<string, Func<string>> Lists = new()
    {
        ["alone"] = () => TestTokens.MintService(),
        ["first of a space-separated list"] = () => TestTokens.MintService($"{Scope} orders:read"),
        ["middle of a space-separated list"] = () => TestTokens.MintService($"orders:read {Scope} profile"),
        ["last of a space-separated list"] = () => TestTokens.MintService($"orders:read {Scope}"),
        ["one of an array (dotnet user-jwts --scope, several)"] = () => TestTokens.MintService(ReadAndFulfil),
        ["in a list in an array"] = () => TestTokens.MintService(new[] { "profile", $"orders:read {Scope}" }),
        ["without a subject"] = () => TestTokens.MintService(subject: null),
    };

    public static TheoryData<string> ListedScopes() => [.. Lists.Keys];

    public static string Listed(string name) => Lists[name]();

    /// <summary>A kind of token refused whatever it holds, and words the 401's detail must use for it.</summary>
    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "another audience", "audience (aud)" },
        { "another issuer", "issuer (iss)" },
        { "expired", "has expired" },
        { "unsigned (alg none)", "signature" },
        { "wrongly signed", "signature does not verify" },
    };

    public static string Refused(string kind) => kind switch
    {
        "another audience" => TestTokens.MintService(audience: "someone-else"),
        "another issuer" => TestTokens.MintService(issuer: "someone-else"),
        "expired" => TestTokens.MintService(expires: DateTime.UtcNow.AddHours(-1)),
        "unsigned (alg none)" => Unsigned(),
        "wrongly signed" => TestTokens.Mint(TestTokens.ServiceSubject, signingKey: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            claims: new Dictionary<string, object> { ["scope"] = Scope }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string With(string claim, object value) =>
        TestTokens.Mint(TestTokens.ServiceSubject, claims: new Dictionary<string, object> { [claim] = value });

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>A valid token with the scope as a header parameter: the header is no claim.</summary>
    private static string InTheHeader()
    {
        var parts = TestTokens.Mint(TestTokens.ServiceSubject).Split('.');
        var header = JsonNode.Parse(Base64Url.Decode(parts[0]))!.AsObject();
        header["scope"] = Scope;
        // Re-signed, as the header is signed too: only where the scope sits is wrong.
        return TestTokens.Sign(Base64Url.Encode(header.ToJsonString()), parts[1]);
    }

    /// <summary>The service's token as an attacker forges it: alg none, no signature.</summary>
    private static string Unsigned()
    {
        var payload = TestTokens.MintService().Split('.')[1];
        return $"{Base64Url.Encode("""{"alg":"none","typ":"JWT"}""")}.{payload}.";
    }

    private static class Base64Url
    {
        public static string Encode(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

        public static string Decode(string text) => Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text));
    }
}
