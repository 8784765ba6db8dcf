using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orders.Api.Tests.Readme;

/// <summary>
/// Compares a JSON body the README shows with the one the API sent: the same properties in the same
/// order, the same kinds and the same values. Two liberties an example may take: a text ending in
/// "…" shows only how the value starts, and a value that differs per request (an id, a time, a trace)
/// is held to its format instead of its value.
/// </summary>
internal static partial class JsonExample
{
    private const string Elision = "…";

    /// <summary>The properties whose value is new on every request, and the format each always has.</summary>
    private static readonly Dictionary<string, Regex> PerRequest = new(StringComparer.Ordinal)
    {
        ["orderId"] = Uuid(),
        ["createdAt"] = UtcTimestamp(),
        ["traceId"] = TraceParent(),
        ["etag"] = StrongETag(),
        ["cancelledAt"] = UtcTimestamp(),
        ["fulfilledAt"] = UtcTimestamp(),
    };

    public static List<string> Differences(string shown, string sent)
    {
        var differences = new List<string>();
        using var shownDocument = JsonDocument.Parse(shown);
        using var sentDocument = JsonDocument.Parse(sent);
        Compare(shownDocument.RootElement, sentDocument.RootElement, "$", differences);
        return differences;
    }

    private static void Compare(JsonElement shown, JsonElement sent, string path, List<string> differences)
    {
        if (shown.ValueKind != sent.ValueKind)
        {
            differences.Add($"{path}: the README shows {shown.ValueKind} {shown.GetRawText()}, the API sends {sent.ValueKind} {sent.GetRawText()}");
            return;
        }
        switch (shown.ValueKind)
        {
            case JsonValueKind.Object:
                var shownNames = shown.EnumerateObject().Select(property => property.Name).ToList();
                var sentNames = sent.EnumerateObject().Select(property => property.Name).ToList();
                if (!shownNames.SequenceEqual(sentNames))
                {
                    differences.Add($"{path}: the README shows the properties {string.Join(", ", shownNames)}; the API sends {string.Join(", ", sentNames)}");
                }
                foreach (var name in shownNames.Intersect(sentNames))
                {
                    var property = $"{path}.{name}";
                    // A per-request value that is null (an order not cancelled) is compared as null.
                    if (PerRequest.TryGetValue(name, out var format) && shown.GetProperty(name).ValueKind != JsonValueKind.Null)
                    {
                        CompareFormat(shown.GetProperty(name), sent.GetProperty(name), format, property, differences);
                    }
                    else
                    {
                        Compare(shown.GetProperty(name), sent.GetProperty(name), property, differences);
                    }
                }
                break;
            case JsonValueKind.Array:
                var shownItems = shown.EnumerateArray().ToList();
                var sentItems = sent.EnumerateArray().ToList();
                if (shownItems.Count != sentItems.Count)
                {
                    differences.Add($"{path}: the README shows {shownItems.Count} items, the API sends {sentItems.Count}");
                }
                for (var index = 0; index < Math.Min(shownItems.Count, sentItems.Count); index++)
                {
                    Compare(shownItems[index], sentItems[index], $"{path}[{index}]", differences);
                }
                break;
            case JsonValueKind.String:
                var text = shown.GetString()!;
                var elided = text.EndsWith(Elision, StringComparison.Ordinal);
                var start = text[..^(elided ? Elision.Length : 0)].TrimEnd();
                if (elided ? !sent.GetString()!.StartsWith(start, StringComparison.Ordinal) : text != sent.GetString())
                {
                    differences.Add($"{path}: the README shows {shown.GetRawText()}, the API sends {sent.GetRawText()}");
                }
                break;
            default:
                if (shown.GetRawText() != sent.GetRawText())
                {
                    differences.Add($"{path}: the README shows {shown.GetRawText()}, the API sends {sent.GetRawText()}");
                }
                break;
        }
    }

    private static void CompareFormat(JsonElement shown, JsonElement sent, Regex format, string path, List<string> differences)
    {
        var shownText = shown.ValueKind == JsonValueKind.String ? shown.GetString()! : "";
        var sentText = sent.ValueKind == JsonValueKind.String ? sent.GetString()! : "";
        if (!format.IsMatch(sentText))
        {
            differences.Add($"{path}: the API sends {sent.GetRawText()}, not of the format {format}");
        }
        if (!format.IsMatch(shownText) && !shownText.EndsWith(Elision, StringComparison.Ordinal))
        {
            differences.Add($"{path}: the README shows {shown.GetRawText()}, neither of the format {format} nor elided with {Elision}");
        }
    }

    [GeneratedRegex(@"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z")]
    private static partial Regex Uuid();

    // UTC with its Z; the fraction is written without trailing zeros, so its length varies.
    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z\z")]
    private static partial Regex UtcTimestamp();

    [GeneratedRegex(@"\A00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\z")]
    private static partial Regex TraceParent();

    /// <summary>A strong entity tag: quoted, no W/. Its make-up is the API's business (opaque to a reader).</summary>
    [GeneratedRegex(@"\A""[\x21\x23-\x7E]+""\z")]
    internal static partial Regex StrongETag();
}
