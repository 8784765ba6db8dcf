using System.Text.Json;

namespace Orders.Api.Orders;

/// <summary>
/// Checks a parsed body against the shape of <see cref="CreateOrderRequest"/> before it is bound:
/// every property known (a misspelt field is a client bug worth surfacing) and of the right JSON kind.
/// After this, binding cannot fail, and each mistake is reported under its own JSON path.
/// </summary>
internal static class OrderJsonShape
{
    private enum Kind { String, Integer32, Integer64, Object, Array }

    private sealed record Field(Kind Kind, IReadOnlyDictionary<string, Field>? Members = null, Field? Items = null);

    private static readonly Dictionary<string, Field> Customer = new(StringComparer.Ordinal)
    {
        ["email"] = new(Kind.String),
        ["name"] = new(Kind.String),
    };

    private static readonly Dictionary<string, Field> Address = new(StringComparer.Ordinal)
    {
        ["line1"] = new(Kind.String),
        ["line2"] = new(Kind.String),
        ["city"] = new(Kind.String),
        ["postalCode"] = new(Kind.String),
        ["country"] = new(Kind.String),
    };

    private static readonly Dictionary<string, Field> Line = new(StringComparer.Ordinal)
    {
        ["sku"] = new(Kind.String),
        ["quantity"] = new(Kind.Integer32),
        ["unitPrice"] = new(Kind.Integer64),
    };

    private static readonly Field Root = new(Kind.Object, new Dictionary<string, Field>(StringComparer.Ordinal)
    {
        ["clientReference"] = new(Kind.String),
        ["currency"] = new(Kind.String),
        ["customer"] = new(Kind.Object, Customer),
        ["shippingAddress"] = new(Kind.Object, Address),
        ["lines"] = new(Kind.Array, Items: new Field(Kind.Object, Line)),
    });

    public static Dictionary<string, string[]> Check(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Visit(root, Root, "$", errors);
        return errors;
    }

    /// <summary>A serializer path ("$.lines[0].quantity") as the field name errors use ("lines[0].quantity").</summary>
    public static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    public const string WrongType = "has a value of the wrong type";

    // A body of thousands of bad lines gets a useful answer, not a 64 KiB echo of itself.
    private const int MaxErrors = 50;

    private static void Visit(JsonElement element, Field field, string path, Dictionary<string, string[]> errors)
    {
        // null is a valid kind for every field here; the validator decides what is required.
        if ((element.ValueKind == JsonValueKind.Null && path != "$") || errors.Count >= MaxErrors)
        {
            return;
        }
        switch (field.Kind)
        {
            case Kind.String when element.ValueKind != JsonValueKind.String:
                errors[Name(path)] = ["must be a string"];
                break;
            case Kind.String when !IsReadableText(element):
                errors[Name(path)] = ["must be valid Unicode text (no lone surrogate escapes)"];
                break;
            case Kind.Integer32 when element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out _):
                errors[Name(path)] = ["must be a whole number within range (no fraction, no exponent)"];
                break;
            case Kind.Integer64 when element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out _):
                errors[Name(path)] = ["must be a whole number of minor units within range (no fraction, no exponent)"];
                break;
            case Kind.Object when element.ValueKind != JsonValueKind.Object:
                errors[Name(path)] = ["must be a JSON object"];
                break;
            case Kind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = $"{path}.{property.Name}";
                    if (field.Members!.TryGetValue(property.Name, out var member))
                    {
                        Visit(property.Value, member, childPath, errors);
                    }
                    else
                    {
                        errors[Name(childPath)] = ["is not a known field (names are case-sensitive)"];
                    }
                }
                break;
            case Kind.Array when element.ValueKind != JsonValueKind.Array:
                errors[Name(path)] = ["must be a JSON array"];
                break;
            case Kind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, field.Items!, $"{path}[{index++}]", errors);
                }
                break;
        }
    }

    private static string Name(string path) => FieldOf(path);

    // "\ud800" is well-formed JSON but no string: reading it throws, storing it would corrupt it.
    private static bool IsReadableText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
