using System.Globalization;
using Google.Protobuf;

namespace Orders.Api.Tests.Tracing;

/// <summary>
/// Reads an OTLP ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1) from its protobuf
/// bytes, field by field as the .proto numbers them: OpenTelemetry.Proto, the generated classes, is
/// not in our package source, and the handful of fields a test looks at are few.
/// </summary>
public static class OtlpTraceDecoder
{
    public static List<ReceivedSpan> Decode(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Messages(request, 1))
        {
            var resource = Messages(resourceSpans, 1).SelectMany(r => Messages(r, 1)).Select(KeyValue).ToDictionary();
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = Messages(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? "";
                spans.AddRange(Messages(scopeSpans, 2).Select(span => Span(span, scope, resource)));
            }
        }
        return spans;
    }

    private static ReceivedSpan Span(byte[] span, string scope, Dictionary<string, string> resource) => new(
        Hex(Field(span, 1)),
        Hex(Field(span, 2)),
        Hex(Field(span, 4)),
        Text(span, 5) ?? "",
        (SpanKind)Varint(span, 6),
        scope,
        Messages(span, 9).Select(KeyValue).ToDictionary(),
        Messages(span, 11).SelectMany(e => Messages(e, 3)).Select(kv => KeyValue(kv).Value).ToList(),
        Messages(span, 13).Select(link => (Hex(Field(link, 1)), Hex(Field(link, 2)))).ToList(),
        resource);

    // KeyValue { key = 1; AnyValue value = 2 }; AnyValue's oneof as text (nested values joined).
    private static KeyValuePair<string, string> KeyValue(byte[] keyValue) =>
        new(Text(keyValue, 1) ?? "", Messages(keyValue, 2).Select(AnyValue).FirstOrDefault() ?? "");

    private static string AnyValue(byte[] value)
    {
        var input = new CodedInputStream(value);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: return input.ReadString();
                case 2: return input.ReadBool() ? "true" : "false";
                case 3: return input.ReadInt64().ToString(CultureInfo.InvariantCulture);
                case 4: return input.ReadDouble().ToString(CultureInfo.InvariantCulture);
                case 5: return string.Join(",", Messages(input.ReadBytes().ToByteArray(), 1).Select(AnyValue));
                case 6: return string.Join(",", Messages(input.ReadBytes().ToByteArray(), 1).Select(kv => $"{KeyValue(kv).Key}={KeyValue(kv).Value}"));
                case 7: return Convert.ToHexStringLower(input.ReadBytes().ToByteArray());
                default: input.SkipLastField(); break;
            }
        }
        return "";
    }

    /// <summary>Every occurrence of a length-delimited field (a repeated message), as its bytes.</summary>
    private static List<byte[]> Messages(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }
        return found;
    }

    private static byte[] Field(byte[] message, int field) => Messages(message, field).LastOrDefault() ?? [];

    private static string? Text(byte[] message, int field) =>
        Messages(message, field).Select(bytes => System.Text.Encoding.UTF8.GetString(bytes)).LastOrDefault();

    private static int Varint(byte[] message, int field)
    {
        var input = new CodedInputStream(message);
        var value = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                value = input.ReadInt32();
            }
            else
            {
                input.SkipLastField();
            }
        }
        return value;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
