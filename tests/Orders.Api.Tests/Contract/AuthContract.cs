using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Authenticated callers and owner-scoped references: no token, no orders; and no owner ever sees,
/// blocks or learns of another owner's order (OWASP API1, broken object level authorization).
/// </summary>
public abstract class AuthContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private const string OtherOwner = "owner-grace";

    [Theory]
    [MemberData(nameof(AuthCases.Requests), MemberType = typeof(AuthCases))]
    public async Task WithoutAToken_EveryOrderEndpoint_Returns401ProblemWithWwwAuthenticate(string method, string path)
    {
        var client = StartFactory().CreateClientWithToken(null);
        var before = await Database.CountAllRowsAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent(OrderRequests.Valid(OrderRequests.NewReference()).ToJsonString(), System.Text.Encoding.UTF8, "application/json") : null,
        }, Ct);

        var detail = await AssertUnauthorizedAsync(response);
        Assert.Contains("No bearer token was sent", detail, StringComparison.Ordinal);
        Assert.Equal(before, await Database.CountAllRowsAsync());
    }

    [Theory]
    [MemberData(nameof(AuthCases.BadTokens), MemberType = typeof(AuthCases))]
    public async Task WithABadToken_Returns401WhoseDetailSaysWhatIsWrong_WithoutTheServersSettings(string kind, string saysWhat)
    {
        var token = kind switch
        {
            "expired" => TestTokens.Mint(expires: DateTime.UtcNow.AddHours(-1)),
            "wrongly signed" => TestTokens.Mint(signingKey: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            "tampered" => Tampered(TestTokens.Mint()),
            "wrong audience" => TestTokens.Mint(audience: "someone-else"),
            "wrong issuer" => TestTokens.Mint(issuer: "someone-else"),
            "garbage" => "not.a.jwt",
            _ => "",
        };
        var client = StartFactory().CreateClientWithToken(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = System.Net.Http.Json.JsonContent.Create(OrderRequests.Valid(OrderRequests.NewReference())) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");

        var response = await client.SendAsync(request, Ct);

        var detail = await AssertUnauthorizedAsync(response);
        Assert.Contains(saysWhat, detail, StringComparison.OrdinalIgnoreCase);
        // The same words in the header, where a token was sent (RFC 6750 gives a request without one no error).
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Equal(kind != "empty", challenge.Contains($"error_description=\"{detail}\"", StringComparison.Ordinal));
        // Nothing of the server's configuration, and none of the framework's misleading texts.
        foreach (var secret in new[] { TestTokens.Issuer, TestTokens.Audience, "(null)", "IDX", "key was not found" })
        {
            Assert.DoesNotContain(secret, detail + challenge, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("control\u0001character")]
    [InlineData("owner-ada ")]
    [InlineData(256)]
    public async Task ATokenWhoseSubjectCannotBeAnOwner_IsForbidden(object? subject)
    {
        var sub = subject is int length ? new string('s', length) : (string?)subject;
        var client = StartFactory().CreateClientWithToken(TestTokens.Mint(subject: sub));

        var response = await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("FORBIDDEN", (string?)(await response.ReadJsonAsync())["code"]);
    }

    [Fact]
    public async Task TheOwnersSubjectWithATrailingSpace_ReachesNothingOfTheOwners()
    {
        var factory = StartFactory();
        var ada = factory.CreateClient();
        var reference = OrderRequests.NewReference();
        var tag = await ada.PlaceAsync(reference);
        var padded = factory.CreateClientWithToken(TestTokens.Mint($"{Owner} "));

        var answers = new[]
        {
            await padded.GetAsync($"/orders/{reference}", Ct),
            await padded.GetAsync("/orders", Ct),
            await padded.CancelOrderAsync(reference),
            await padded.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), tag),
        };

        // SQL Server's = ignores trailing spaces, so there this subject would be the owner: it may own nothing anywhere.
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.Equal("FORBIDDEN", (string?)(await answer.ReadJsonAsync())["code"]);
        }
        var read = await ada.GetAsync($"/orders/{reference}", Ct);
        Assert.Equal(tag, read.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task HealthEndpoints_StayAnonymous()
    {
        var client = StartFactory().CreateClientWithToken(null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheSameReference_UsedByTwoOwners_MakesTwoIndependentOrders()
    {
        var factory = StartFactory();
        var ada = factory.CreateClient();
        var grace = factory.CreateClientWithToken(TestTokens.Mint(OtherOwner));
        var reference = OrderRequests.NewReference();

        var adaFirst = await ada.PostOrderAsync(OrderRequests.Valid(reference));
        var graceFirst = await grace.PostOrderAsync(OrderRequests.Valid(reference));
        var graceRetry = await grace.PostOrderAsync(OrderRequests.Valid(reference));

        Assert.Equal(HttpStatusCode.Created, adaFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Created, graceFirst.StatusCode);
        var adaOrderId = (string?)(await adaFirst.ReadJsonAsync())["orderId"];
        var graceOrderId = (string?)(await graceFirst.ReadJsonAsync())["orderId"];
        Assert.NotEqual(adaOrderId, graceOrderId);
        // Grace's 409 names her own order, never Ada's.
        Assert.Equal(HttpStatusCode.Conflict, graceRetry.StatusCode);
        var problem = await graceRetry.Content.ReadAsStringAsync(Ct);
        Assert.Contains(graceOrderId!, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(adaOrderId!, problem, StringComparison.Ordinal);
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
        Assert.Equal((1, 2), await Database.CountRowsAsync(OtherOwner, reference));
    }

    [Fact]
    public async Task GetOfAnotherOwnersReference_IsExactlyTheSame404AsANeverUsedReference()
    {
        var factory = StartFactory();
        var ada = factory.CreateClient();
        var grace = factory.CreateClientWithToken(TestTokens.Mint(OtherOwner));
        var adasReference = OrderRequests.NewReference();
        var neverUsed = OrderRequests.NewReference();
        await ada.PostOrderAsync(OrderRequests.Valid(adasReference));

        var someoneElses = await grace.GetAsync($"/orders/{adasReference}", Ct);
        var nobodys = await grace.GetAsync($"/orders/{neverUsed}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        Assert.Equal(nobodys.StatusCode, someoneElses.StatusCode);
        Assert.Equal(nobodys.Content.Headers.ContentType, someoneElses.Content.Headers.ContentType);
        Assert.Equal(
            Comparable(await nobodys.ReadJsonAsync(), neverUsed),
            Comparable(await someoneElses.ReadJsonAsync(), adasReference));
    }

    [Fact]
    public async Task Listing_ShowsOnlyTheCallersOrders()
    {
        var factory = StartFactory();
        var grace = factory.CreateClientWithToken(TestTokens.Mint($"{OtherOwner}-{Guid.NewGuid():N}"));
        var gracesReferences = new[] { OrderRequests.NewReference(), OrderRequests.NewReference() };
        await factory.CreateClient().PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));
        foreach (var reference in gracesReferences)
        {
            await grace.PostOrderAsync(OrderRequests.Valid(reference));
        }

        var page = await (await grace.GetAsync("/orders?limit=100", Ct)).ReadJsonAsync();

        var listed = page["orders"]!.AsArray().Select(order => (string)order!["clientReference"]!).ToList();
        Assert.Equal(gracesReferences.Reverse(), listed);
    }

    /// <summary>Asserts the 401 problem and returns its detail.</summary>
    private static async Task<string> AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("UNAUTHORIZED", (string?)problem["code"]);
        return (string)problem["detail"]!;
    }

    /// <summary>The token with one character of its signature changed.</summary>
    private static string Tampered(string token)
    {
        var signatureStart = token.LastIndexOf('.') + 1;
        var replacement = token[signatureStart] == 'A' ? 'B' : 'A';
        return string.Concat(token.AsSpan(0, signatureStart), replacement.ToString(), token.AsSpan(signatureStart + 1));
    }

    /// <summary>The body with what legitimately differs between two requests taken out: the trace id and the reference asked for.</summary>
    private static string Comparable(JsonObject problem, string reference)
    {
        problem.Remove("traceId");
        return problem.ToJsonString().Replace(reference, "{reference}", StringComparison.Ordinal);
    }
}

/// <summary>Theory data of <see cref="AuthContract{TDatabase}"/>.</summary>
public static class AuthCases
{
    public static TheoryData<string, string> Requests() => new()
    {
        { "POST", "/orders" },
        { "GET", "/orders/some-reference" },
        { "GET", "/orders" },
        { "POST", "/orders/some-reference/cancellation" },
        { "PATCH", "/orders/some-reference" },
        { "POST", "/owners/owner-ada/orders/some-reference/fulfilment" },
    };

    /// <summary>A kind of bad token, and words the 401's detail must use for it.</summary>
    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", "has expired" },
        { "wrongly signed", "signature does not verify" },
        { "tampered", "signature does not verify" },
        { "wrong audience", "audience (aud)" },
        { "wrong issuer", "issuer (iss)" },
        { "garbage", "not a well-formed JWT" },
        { "empty", "No bearer token was sent" },
    };
}
