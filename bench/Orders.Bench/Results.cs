using System.Globalization;

namespace Orders.Bench;

/// <summary>
/// bench/run-bench.sh's results.tsv: one row per scenario, scale and path (api or raw), as
/// "scale scenario path ops/s p50-ms p99-ms operations notes".
/// </summary>
public sealed record ResultRow(string Scale, string Scenario, string Path, double OpsPerSecond, double P50Ms, double P99Ms, string Notes)
{
    public static IReadOnlyList<ResultRow> Read(string file) => File.ReadLines(file)
        .Select(line => line.Split('\t'))
        .Where(cells => cells.Length >= 7)
        .Select(cells => new ResultRow(cells[0], cells[1], cells[2], Number(cells[3]), Number(cells[4]), Number(cells[5]),
            cells.Length > 7 ? cells[7] : ""))
        .ToList();

    /// <summary>A "key=number" note (server=, db=, client=: CPU ms per operation), if present.</summary>
    public double? Note(string key) => Notes.Split(' ')
        .Where(note => note.StartsWith(key + "=", StringComparison.Ordinal))
        .Select(note => double.TryParse(note[(key.Length + 1)..], CultureInfo.InvariantCulture, out var value) ? value : (double?)null)
        .FirstOrDefault();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>A scenario at one scale with its paths side by side: the API, the raw SQL, and the floor (Floor.cs).</summary>
public sealed record Comparison(string Scale, string Scenario, ResultRow? Api, ResultRow? Raw, ResultRow? Floor = null)
{
    public double? Ratio => Api is not null && Raw is { OpsPerSecond: > 0 } ? Api.OpsPerSecond / Raw.OpsPerSecond : null;

    /// <summary>CPU ms per request that our own code adds: the API process's minus the floor process's.</summary>
    public double? OwnCpuMs => Api?.Note("server") is { } api && Floor?.Note("server") is { } floor ? api - floor : null;

    public static IReadOnlyList<Comparison> Of(IEnumerable<ResultRow> rows) => rows
        .GroupBy(row => (row.Scale, row.Scenario))
        .Select(g => new Comparison(g.Key.Scale, g.Key.Scenario,
            g.FirstOrDefault(r => r.Path == "api"), g.FirstOrDefault(r => r.Path == "raw"), g.FirstOrDefault(r => r.Path == "floor")))
        .ToList();
}
