using System.Text.Json;
using Json.Schema;
using Orders.Api.Rules;
using Orders.Api.Tests.Events;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.OpenApi;

/// <summary>
/// A free-text field's maxLength in openapi.yaml, read by a JSON Schema validator as a client's would
/// read it, and the API's check give the same verdict on text outside the Basic Multilingual Plane:
/// both count Unicode code points, so text a client validated with the document is never refused.
/// </summary>
public sealed class FreeTextLengthSchemaTests
{
    private const string Astral = "😀";

    [Theory]
    [MemberData(nameof(DeclaredFields.FreeTextLimits), MemberType = typeof(DeclaredFields))]
    public void DocumentAndApi_AgreeOnAstralText_AtTheLimitAndPastIt(string path, int limit)
    {
        var schema = DocumentedSchemaOf(path);
        var field = DeclaredFields.FreeText().Single(pair => pair.Path == path).Field;

        foreach (var characters in new[] { limit, limit + 1 })
        {
            var text = string.Concat(Enumerable.Repeat(Astral, characters));
            var documentAccepts = schema.Evaluate(JsonSerializer.SerializeToElement(text)).IsValid;
            var apiAccepts = ApiAccepts(field, text);

            Assert.True(documentAccepts == (characters <= limit), $"openapi.yaml's {path} {(documentAccepts ? "accepts" : "refuses")} {characters} astral characters");
            Assert.True(apiAccepts == documentAccepts, $"the API {(apiAccepts ? "accepts" : "refuses")} {characters} astral characters in {path}, openapi.yaml does not");
        }
    }

    /// <summary>The property's schema in openapi.yaml, read as JSON Schema (without OpenAPI 3.0's own "nullable").</summary>
    private static JsonSchema DocumentedSchemaOf(string path)
    {
        var schemas = AsyncApiDocument.ReadYaml(File.ReadAllText(RepositoryFiles.PathOf("openapi.yaml")))["components"]!["schemas"]!;
        var prefix = path[..(path.LastIndexOf('.') + 1)];
        var schemaName = RequestSchemaPaths.InBody.Single(pair => pair.Value == prefix).Key;
        var property = schemas[schemaName]!["properties"]![path[prefix.Length..]]!.AsObject();
        property.Remove("nullable");
        return JsonSchema.FromText(property.ToJsonString());
    }

    private static bool ApiAccepts(RequestField field, string text)
    {
        var record = RequestField.Record("probe", typeof(object), required: true, field);
        using var body = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { [field.Name] = text }));
        var errors = new FieldErrors();
        RequestCheck.Check(body.RootElement, record, errors);
        return errors.Count == 0;
    }
}
