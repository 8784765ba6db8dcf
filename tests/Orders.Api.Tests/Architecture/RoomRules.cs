namespace Orders.Api.Tests.Architecture;

/// <summary>What is wrong with a set of room uses: a use the map forbids, or two rooms that reach each other.</summary>
internal static class RoomRules
{
    /// <summary>Each use that <see cref="Rooms.MayUse"/> does not allow, as a line to read.</summary>
    public static IReadOnlyList<string> Forbidden(IEnumerable<RoomUse> uses) =>
        [.. uses.Where(use => !Rooms.Allows(use.From, use.To))
            .OrderBy(use => use.From, StringComparer.Ordinal).ThenBy(use => use.To, StringComparer.Ordinal)
            .Select(use => $"{use.From} -> {use.To} is not on the map ({use.Example})")];

    /// <summary>Every pair of rooms that reach each other, directly or through others (a cycle), whatever the map says.</summary>
    public static IReadOnlyList<string> Cycles(IEnumerable<RoomUse> uses)
    {
        var edges = uses.GroupBy(use => use.From, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(use => use.To).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var cycles = new List<string>();
        foreach (var from in edges.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var to in Reachable(edges, from).Where(to => string.CompareOrdinal(from, to) < 0).Order(StringComparer.Ordinal))
            {
                if (Reachable(edges, to).Contains(from))
                {
                    cycles.Add($"{from} and {to} reach each other");
                }
            }
        }
        return cycles;
    }

    private static HashSet<string> Reachable(Dictionary<string, HashSet<string>> edges, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Queue<string>([start]);
        while (next.TryDequeue(out var room))
        {
            foreach (var to in edges.GetValueOrDefault(room) ?? [])
            {
                if (seen.Add(to)) next.Enqueue(to);
            }
        }
        return seen;
    }
}
