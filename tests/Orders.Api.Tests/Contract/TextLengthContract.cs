using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;
using Orders.Api.Tests.OpenApi;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// "200 characters" is 200 Unicode code points on every store, as openapi.yaml's maxLength means it
/// (JSON Schema counts code points): a free-text field at its limit in characters outside the Basic
/// Multilingual Plane (two UTF-16 code units and four UTF-8 bytes each) is accepted, stored and read
/// back unchanged, and one character more is refused before anything is stored.
/// </summary>
public abstract class TextLengthContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    /// <summary>U+1F600: one code point, a surrogate pair in UTF-16.</summary>
    private const string Astral = "😀";

    [Theory]
    [MemberData(nameof(DeclaredFields.FreeTextLimits), MemberType = typeof(DeclaredFields))]
    public async Task Post_FreeTextAtItsLimitInAstralCharacters_Is201_AndReadBackUnchanged(string path, int limit)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var body = OrderRequests.Valid(reference);
        var text = string.Concat(Enumerable.Repeat(Astral, limit));
        OrderMutations.Set(body, path, text);

        var created = await client.PostOrderAsync(body);
        var stored = await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync();

        Assert.True(created.StatusCode == HttpStatusCode.Created,
            $"{path} of {limit} astral characters ({text.Length} UTF-16 code units): got {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal(text, (string?)ValueAt(stored, path));
    }

    [Theory]
    [MemberData(nameof(DeclaredFields.FreeTextLimits), MemberType = typeof(DeclaredFields))]
    public async Task Post_FreeTextOneAstralCharacterPastItsLimit_Is400NamingIt_AndStoresNothing(string path, int limit)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var body = OrderRequests.Valid(reference);
        OrderMutations.Set(body, path, string.Concat(Enumerable.Repeat(Astral, limit + 1)));

        var response = await client.PostOrderAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("VALIDATION_FAILED", (string?)problem["code"]);
        Assert.Equal(DeclaredFields.FreeText().Single(pair => pair.Path == path).Field.LengthRule, (string?)problem["errors"]![path]![0]);
        Assert.Equal((0, 0), await Database.CountRowsAsync(Owner, reference));
    }

    private static JsonNode? ValueAt(JsonNode order, string path) =>
        path.Split('.').Aggregate((JsonNode?)order, (node, name) => node?[name]);
}
