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
