using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Contract;

/// <summary>Edits a request body at a path such as "lines[0].quantity" or "customer.email".</summary>
public static class OrderMutations
{
    public static void Set(JsonObject body, string path, JsonNode? value) => Apply(body, path, (parent, key) => parent[key] = value);

    public static void Remove(JsonObject body, string path) => Apply(body, path, (parent, key) => parent.Remove(key));

    private static void Apply(JsonObject body, string path, Action<JsonObject, string> edit)
    {
        var segments = path.Split('.');
        JsonNode current = body;
        foreach (var segment in segments[..^1])
        {
            current = Step(current, segment);
        }
        var last = segments[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            // "lines[0]" as the last segment: replace or remove the array element.
            var array = current[last[..bracket]]!.AsArray();
            var index = int.Parse(last[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            var holder = new JsonObject { ["x"] = array[index]?.DeepClone() };
            edit(holder, "x");
            if (holder.ContainsKey("x")) array[index] = holder["x"]?.DeepClone();
            else array.RemoveAt(index);
            return;
        }
        edit(current.AsObject(), last);
    }

    private static JsonNode Step(JsonNode node, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return node[segment]!;
        }
        var index = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return node[segment[..bracket]]![index]!;
    }
}
