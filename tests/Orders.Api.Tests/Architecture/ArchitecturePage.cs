using System.Text.RegularExpressions;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Architecture;

/// <summary>The table of docs/architecture.md, "The rooms": each room named there with the rooms it may use.</summary>
internal static partial class ArchitecturePage
{
    public static IReadOnlyDictionary<string, string[]> MayUse()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryFiles.PathOf("docs", "architecture.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // | `Room/`, `Other/` | holds | may use |
            if (cells.Length != 5 || !cells[1].StartsWith('`'))
            {
                continue;
            }
            var mayUse = cells[3] switch
            {
                "nothing" => [],
                "everything" => ["*"],
                var list => list.Split(',', StringSplitOptions.TrimEntries).Select(Room).ToArray(),
            };
            foreach (Match room in RoomCell().Matches(cells[1]))
            {
                map[Room(room.Groups[1].Value)] = mayUse;
            }
        }
        return map;
    }

    // "Http/Requests" on the page is the namespace Orders.Api.Http.Requests.
    private static string Room(string written) => written.TrimEnd('/').Replace('/', '.');

    [GeneratedRegex(@"`([A-Za-z/]+)/`")]
    private static partial Regex RoomCell();
}
