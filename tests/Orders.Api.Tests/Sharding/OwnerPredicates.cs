using System.Text.RegularExpressions;

namespace Orders.Api.Tests.Sharding;

/// <summary>
/// Reads a statement's text for the one rule sharding by owner needs: every reference to orders,
/// order_lines or order_events is pinned to an owner, either filtered (<c>o.owner_id = @Owner</c>) or joined on it
/// (<c>x.owner_id = o.owner_id</c>), and every insert writes the owner_id column. A router can then
/// send the statement to the owner's shard.
/// </summary>
internal static partial class OwnerPredicates
{
    public static bool ReferencesOrderTables(string sql) => TableReference().IsMatch(sql);

    /// <summary>One line per table reference that is not pinned to an owner; empty when all are.</summary>
    public static IReadOnlyList<string> Problems(string sql)
    {
        var problems = new List<string>();
        foreach (Match reference in TableReference().Matches(sql))
        {
            var table = reference.Groups["table"].Value;
            if (reference.Groups["verb"].Value.Equals("INTO", StringComparison.OrdinalIgnoreCase))
            {
                var columns = ColumnList().Match(sql, reference.Index + reference.Length);
                if (!columns.Success || !columns.Groups[1].Value.Contains("owner_id", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"INSERT INTO {table} does not write owner_id");
                }
                continue;
            }
            var alias = reference.Groups["alias"].Success ? reference.Groups["alias"].Value : null;
            var column = alias is null ? @"(?<![\w.])owner_id" : $@"\b{Regex.Escape(alias)}\.owner_id";
            var pinned = new Regex($@"{column}\s*=|=\s*{column}\b", RegexOptions.IgnoreCase);
            if (!pinned.IsMatch(sql))
            {
                problems.Add($"{table} {alias} is neither filtered nor joined on owner_id");
            }
        }
        return problems;
    }

    // FROM/JOIN/INTO/UPDATE orders, order_lines or order_events (optionally dbo.), with its alias if it has one.
    [GeneratedRegex("""
        \b(?<verb>FROM|JOIN|INTO|UPDATE)\s+(?:dbo\.)?(?<table>orders|order_lines|order_events)\b
        (?:\s+(?:AS\s+)?(?!(?:WHERE|JOIN|ON|CROSS|INNER|LEFT|ORDER|LIMIT|GROUP|SET|VALUES|SELECT)\b)(?<alias>\w+))?
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex TableReference();

    [GeneratedRegex(@"\G\s*\(([^)]*)\)")]
    private static partial Regex ColumnList();
}
