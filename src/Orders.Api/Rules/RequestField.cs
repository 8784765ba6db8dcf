using System.Globalization;
using System.Text.RegularExpressions;

namespace Orders.Api.Rules;

/// <summary>The JSON kind a request field must have.</summary>
public enum FieldKind { Text, WholeNumber, Record, List }

/// <summary>
/// One field of a request, declared once: its JSON name and kind, whether it must be sent, its limits,
/// its characters and the words a caller reads when a value breaks them. The check of a body
/// (<see cref="RequestCheck"/>), the OpenAPI schema (OpenApi/RequestSchemaRules) and the documented
/// limits are all read from here, so a rule cannot be stated twice.
/// </summary>
/// <remarks>
/// Null is "not sent" for an optional field and an error for a required one. <see cref="Min"/> and
/// <see cref="Max"/> are lengths for text, values for a number and item counts for an array.
/// </remarks>
public sealed class RequestField
{
    private readonly Regex? _regex;

    private RequestField(string name, FieldKind kind, bool required, long min, long max)
    {
        Name = name;
        Kind = kind;
        Required = required;
        Min = min;
        Max = max;
    }

    private RequestField(RequestField field, string pattern, string message) : this(field.Name, field.Kind, field.Required, field.Min, field.Max)
    {
        Pattern = pattern;
        Message = message;
        // \z, not $: $ would also accept a trailing newline. The body itself is the document's pattern.
        _regex = new Regex($@"\A(?:{pattern})\z", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    /// <summary>
    /// This optional text member's value in a body already checked (<see cref="RequestCheck"/>): the string
    /// sent, or null when it was null or left out.
    /// </summary>
    public string? TextIn(System.Text.Json.JsonElement body) =>
        body.TryGetProperty(Name, out var sent) && sent.ValueKind == System.Text.Json.JsonValueKind.String ? sent.GetString() : null;

    /// <summary>The JSON property name, exactly (names are case-sensitive).</summary>
    public string Name { get; }

    public FieldKind Kind { get; }

    public bool Required { get; }

    public long Min { get; }

    public long Max { get; }

    /// <summary>
    /// A text field's pattern without anchors, in the syntax .NET and ECMA-262 (JSON Schema) read alike;
    /// null for free text, which only has to be well-formed.
    /// </summary>
    public string? Pattern { get; private init; }

    /// <summary>True when <see cref="Pattern"/> holds the length limits too, so one message covers both.</summary>
    public bool PatternHoldsLength { get; private init; }

    /// <summary>What a caller reads when the value breaks the rule.</summary>
    public string Message { get; private init; } = "";

    /// <summary>The JSON Schema pattern: anchored, ECMA-262.</summary>
    public string? SchemaPattern => Pattern is null ? null : $"^{Pattern}$";

    /// <summary>The members of an object, in declaration order.</summary>
    public IReadOnlyList<RequestField> Members { get; private init; } = [];

    /// <summary>The members of an object by name.</summary>
    public IReadOnlyDictionary<string, RequestField> MembersByName { get; private init; } = new Dictionary<string, RequestField>();

    /// <summary>The contract record an object is bound to (its OpenAPI component schema).</summary>
    public Type? Contract { get; private init; }

    /// <summary>The declaration of every item of an array.</summary>
    public RequestField? Items { get; private init; }

    /// <summary>What a caller reads when a text is too short or too long.</summary>
    public string LengthRule => LengthMessage(Min, Max);

    public bool Matches(string value) => _regex is null || _regex.IsMatch(value);

    /// <summary>Free text of <paramref name="min"/> to <paramref name="max"/> characters.</summary>
    public static RequestField Text(string name, int min, int max, bool required) =>
        new(name, FieldKind.Text, required, min, max) { Message = LengthMessage(min, max) };

    /// <summary>
    /// Text made only of the characters of <paramref name="characters"/> (a regex character class body),
    /// the first one from <paramref name="first"/> when given; the pattern holds the length limits.
    /// </summary>
    /// <remarks><paramref name="says"/> is the characters in words, after "must be N-M": "characters of A-Z a-z".</remarks>
    public static RequestField Characters(string name, int min, int max, bool required, string characters, string says, string? first = null)
    {
        var pattern = first is null ? $"[{characters}]{Count(min, max)}" : $"[{first}][{characters}]{Count(min - 1, max - 1)}";
        var length = min == max ? Number(min) : $"{Number(min)}-{Number(max)}";
        return new(new RequestField(name, FieldKind.Text, required, min, max), pattern, $"must be {length} {says}") { PatternHoldsLength = true };
    }

    /// <summary>Text of a grammar no character class describes (an email address), with its own length limits.</summary>
    public static RequestField Grammar(string name, int min, int max, bool required, string pattern, string message) =>
        new(new RequestField(name, FieldKind.Text, required, min, max), pattern, message);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="says"/> what it is ("a whole number").</summary>
    public static RequestField WholeNumber(string name, long min, long max, bool required, string says) =>
        new(name, FieldKind.WholeNumber, required, min, max) { Message = $"must be {says} from {Number(min)} to {Number(max)}" };

    public static RequestField Record(string name, Type contract, bool required, params RequestField[] members) =>
        new(name, FieldKind.Record, required, 0, 0)
        {
            Contract = contract,
            Members = members,
            MembersByName = members.ToDictionary(member => member.Name, StringComparer.Ordinal),
            Message = "must be a JSON object",
        };

    /// <summary>An array of <paramref name="min"/> to <paramref name="max"/> items; <paramref name="says"/> what they are called ("lines").</summary>
    public static RequestField List(string name, int min, int max, bool required, string says, RequestField items) =>
        new(name, FieldKind.List, required, min, max) { Items = items, Message = $"must hold {min} to {max} {says}" };

    private static string LengthMessage(long min, long max) => $"must be {Number(min)} to {Number(max)} characters long";

    private static string Count(int min, int max) => min == max ? $"{{{min}}}" : $"{{{min},{max}}}";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
