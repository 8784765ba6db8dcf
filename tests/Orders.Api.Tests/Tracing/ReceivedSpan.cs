namespace Orders.Api.Tests.Tracing;

/// <summary>One span as a collector receives it over OTLP (ids in lower-case hex).</summary>
public sealed record ReceivedSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    SpanKind Kind,
    string Scope,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> EventAttributeValues,
    IReadOnlyList<(string TraceId, string SpanId)> Links,
    IReadOnlyDictionary<string, string> Resource)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    /// <summary>Every value the span would hand a tracing backend: attributes, event attributes, its resource.</summary>
    public IEnumerable<string> AllValues => Attributes.Values.Concat(EventAttributeValues).Concat(Resource.Values).Append(Name);
}

/// <summary>OTLP's Span.SpanKind numbers.</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
