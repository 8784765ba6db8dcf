using System.Collections.Frozen;
using System.Reflection;

namespace Orders.Api.Storage;

/// <summary>
/// Names a database span after the constant that holds its statement (<c>InsertOrderHeader</c>,
/// <c>FindOrder</c>, <c>ClaimPending</c>): low-cardinality, readable, and by construction free of
/// parameter values. The statements are the const strings of the classes marked <see cref="SqlStatementsAttribute"/>,
/// so a new statement is named the moment it is written.
/// </summary>
internal static class StatementNames
{
    private static readonly FrozenDictionary<string, string> ByText =
        typeof(StatementNames).Assembly.GetTypes()
        .Where(type => type.IsDefined(typeof(SqlStatementsAttribute), inherit: false))
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
        .Select(field => (Text: (string)field.GetRawConstantValue()!, field.Name))
        .DistinctBy(statement => statement.Text)
        .ToFrozenDictionary(statement => statement.Text, statement => statement.Name, StringComparer.Ordinal);

    private static readonly System.Buffers.SearchValues<char> KeywordEnd = System.Buffers.SearchValues.Create(" \t\r\n;(");

    /// <summary>Every name a span can get from a statement of ours.</summary>
    public static IReadOnlySet<string> All { get; } = ByText.Values.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The statement's name; for SQL that is not ours (the migrations, a health probe) its first
    /// keyword only, never the text, which could hold literals.
    /// </summary>
    public static string Of(string? sql)
    {
        if (sql is null)
        {
            return "SQL";
        }
        if (ByText.TryGetValue(sql, out var name))
        {
            return name;
        }
        var text = sql.AsSpan().TrimStart();
        var end = text.IndexOfAny(KeywordEnd);
        var keyword = (end < 0 ? text : text[..end]).ToString().ToUpperInvariant();
        return keyword.Length is > 0 and <= 16 && keyword.All(char.IsAsciiLetter) ? keyword : "SQL";
    }

    /// <summary>A batch: its statements' names in order, as one round trip sends them.</summary>
    public static string OfBatch(IEnumerable<string?> statements) => string.Join(' ', statements.Select(Of));
}
