using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.OpenApi;

/// <summary>
/// The request limits the document states (lengths, ranges, item counts) are the validator's: a value
/// at each limit is accepted and one past it is refused, naming the field. Keeps the hand-written
/// schema rules and the validator from drifting apart.
/// </summary>
public sealed class RequestSchemaLimitsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task EveryDocumentedLimit_IsAcceptedAtTheLimit_AndRefusedPastIt()
    {
        await using var factory = OrdersApiFactory.For(database);
        var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var schemas = JsonNode.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative), ct))!["components"]!["schemas"]!;

        var checkedLimits = 0;
        foreach (var (schemaName, prefix) in RequestSchemaPaths.InBody)
        {
            foreach (var (property, rules) in schemas[schemaName]!["properties"]!.AsObject())
            {
                foreach (var (value, valid) in Boundaries(property, rules!))
                {
                    var reference = OrderRequests.NewReference();
                    var body = OrderRequests.Valid(reference);
                    OrderMutations.Set(body, prefix + property, value);

                    var response = await client.PostOrderAsync(body);

                    var field = prefix + property;
                    var expected = valid ? HttpStatusCode.Created : HttpStatusCode.BadRequest;
                    Assert.True(response.StatusCode == expected, $"{field} = {value?.ToJsonString()[..Math.Min(40, value.ToJsonString().Length)]}: expected {expected}, got {response.StatusCode}");
                    if (!valid)
                    {
                        Assert.True((await response.ReadJsonAsync())["errors"]!.AsObject().ContainsKey(field), $"the 400 must name {field}");
                    }
                    checkedLimits++;
                }
            }
        }
        Assert.True(checkedLimits >= 30, $"only {checkedLimits} limits found: did the schema names change?");
    }

    /// <summary>Values at and just past each stated limit, with whether the API must accept them.</summary>
    private static IEnumerable<(JsonNode? Value, bool Valid)> Boundaries(string property, JsonNode rules)
    {
        if (rules["minLength"] is { } minLength && rules["maxLength"] is { } maxLength)
        {
            var text = TextOfLength(property);
            yield return (text((int)minLength), true);
            yield return (text((int)maxLength), true);
            yield return (text((int)maxLength + 1), false);
            if ((int)minLength > 1) yield return (text((int)minLength - 1), false);
        }
        if (rules["minimum"] is { } minimum && rules["maximum"] is { } maximum)
        {
            yield return ((long)minimum, true);
            yield return ((long)maximum, true);
            yield return ((long)minimum - 1, false);
            yield return ((long)maximum + 1, false);
        }
        if (rules["maxItems"] is { } maxItems)
        {
            yield return (Lines((int)maxItems), true);
            yield return (Lines((int)maxItems + 1), false);
            yield return (Lines(0), false);
        }
    }

    // Text that matches the field's pattern, so only its length is under test.
    private static Func<int, JsonNode?> TextOfLength(string property) => property switch
    {
        "email" => length => length < 3 ? new string('a', length) : new string('a', length - 2) + "@b",
        "currency" or "country" => length => new string('E', length),
        "phone" => length => new string('1', length),
        _ => length => new string('a', length),
    };

    private static JsonArray Lines(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (JsonNode)new JsonObject { ["sku"] = "S", ["quantity"] = 1, ["unitPrice"] = 1 })];
}
