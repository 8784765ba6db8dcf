using System.Net;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Every rule of the request contract: a 400 naming the field, nothing stored, and the reference
/// still free for the corrected request.
/// </summary>
public abstract class ValidationContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Theory]
    [MemberData(nameof(ValidationCases.InvalidFields), MemberType = typeof(ValidationCases))]
    public async Task Post_InvalidField_Returns400NamingIt_StoresNothing_AndTheReferenceStaysFree(
        string caseName, string path, string? value, string expectedField)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var body = OrderRequests.Valid(reference);
        const string Placeholder = "__VALUE__";
        if (value == "REMOVE") OrderMutations.Remove(body, path);
        else OrderMutations.Set(body, path, Placeholder);
        // Spliced in as raw JSON text, so values no serializer would write (a lone surrogate escape) reach the API.
        var json = body.ToJsonString().Replace($"\"{Placeholder}\"", value, StringComparison.Ordinal);

        var response = await client.PostRawAsync(json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{caseName}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("VALIDATION_FAILED", (string?)problem["code"]);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(expectedField), $"{caseName}: errors {errors.ToJsonString()} do not name {expectedField}");
        Assert.Equal((0, 0), await Database.CountRowsAsync(Owner, reference));

        var corrected = await client.PostOrderAsync(OrderRequests.Valid(reference));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownFieldWrongValuesAndBrokenRules_Get400NamingEveryOne_WithWhatIsWrongWithEach()
    {
        // Given the body a new user sent: a misspelt field, and three values that break rules,
        var client = StartApi();
        const string Body = """
            {"clientReference":"x1","currency":"eur","customer":{"email":"nope","nmae":"x"},
             "lines":[{"sku":"S","quantity":-1,"unitPrice":1}]}
            """;

        // when it is posted once,
        var response = await client.PostRawAsync(Body);

        // then one 400 names all four, each with what is wrong with the value sent.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["currency"] = ["must be 3 upper-case letters: an ISO 4217 code such as EUR"],
                ["customer.email"] = ["must be an email address such as ada@example.com"],
                ["customer.nmae"] = ["is not a known field (names are case-sensitive)"],
                ["lines[0].quantity"] = ["must be a whole number from 1 to 1000"],
            },
            errors.ToDictionary(pair => pair.Key, pair => pair.Value!.AsArray().Select(message => (string)message!).ToArray()));
    }

    [Fact]
    public async Task Post_WrongTypesAndBrokenRules_AreAnsweredTogether_AndOnlyAnAbsentFieldIsRequired()
    {
        var client = StartApi();
        var body = OrderRequests.Valid(OrderRequests.NewReference());
        OrderMutations.Set(body, "currency", 978);
        OrderMutations.Set(body, "customer.name", "");
        OrderMutations.Remove(body, "shippingAddress.city");
        OrderMutations.Set(body, "shippingAddress.line2", null);
        OrderMutations.Set(body, "lines[0].quantity", "2");
        OrderMutations.Set(body, "lines[0].unitPrice", 0);
        OrderMutations.Set(body, "lines[1].quantity", 0);
        OrderMutations.Set(body, "lines[1].sku", null);
        OrderMutations.Set(body, "extra", true);

        var errors = (await (await client.PostOrderAsync(body)).ReadJsonAsync())["errors"]!.AsObject();

        Assert.Equal(
            ["currency", "customer.name", "extra", "lines[0].quantity", "lines[1].quantity", "lines[1].sku", "shippingAddress.city"],
            errors.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Equal("is required", (string?)errors["shippingAddress.city"]![0]);
        Assert.Equal("must not be null", (string?)errors["lines[1].sku"]![0]);
        Assert.All(errors.Where(pair => pair.Key != "shippingAddress.city"),
            pair => Assert.DoesNotContain("required", (string)pair.Value![0]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ThousandsOfUnknownFields_NamesFiftyOfThem_NotAllOfThem()
    {
        var client = StartApi();
        var body = OrderRequests.Valid(OrderRequests.NewReference());
        for (var i = 0; i < 2000; i++) body[$"x{i}"] = 1;

        var errors = (await (await client.PostOrderAsync(body)).ReadJsonAsync())["errors"]!.AsObject();

        Assert.Equal(50, errors.Count);
    }

    [Theory]
    [MemberData(nameof(ValidationCases.UnreadableBodies), MemberType = typeof(ValidationCases))]
    public async Task Post_UnreadableBody_ReturnsProblemWithItsCode_AndStoresNothing(
        string caseName, string body, string contentType, int status, string code)
    {
        var client = StartApi();
        var before = await Database.CountAllRowsAsync();

        var response = await client.PostRawAsync(body, contentType);

        Assert.True((int)response.StatusCode == status, $"{caseName}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)(await response.ReadJsonAsync())["code"]);
        Assert.Equal(before, await Database.CountAllRowsAsync());
    }

    [Fact]
    public async Task Post_WithoutContentType_Returns415()
    {
        var client = StartApi();
        using var content = new ByteArrayContent("{}"u8.ToArray());

        var response = await client.PostAsync("/orders", content, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (string?)(await response.ReadJsonAsync())["code"]);
    }
}
