using System.Globalization;
using System.Text;

namespace Orders.Bench;

/// <summary>The markdown table for docs/benchmarks.md, from results.tsv.</summary>
public static class Report
{
    public static string Table(IReadOnlyList<Comparison> comparisons)
    {
        var table = new StringBuilder()
            .AppendLine("| orders stored | scenario | API ops/s | API p50 ms | API p99 ms | raw ops/s | raw p50 ms | raw p99 ms | API ÷ raw |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in comparisons)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Scale} | {c.Scenario} | {Ops(c.Api)} | {Ms(c.Api?.P50Ms)} | {Ms(c.Api?.P99Ms)} | {Ops(c.Raw)} | {Ms(c.Raw?.P50Ms)} | {Ms(c.Raw?.P99Ms)} | {c.Ratio?.ToString("F2", CultureInfo.InvariantCulture) ?? "–"} |");
        }
        return table.ToString();
    }

    /// <summary>CPU per operation by process, and the throughput this machine's cores could carry at that cost.</summary>
    public static string CpuTable(IEnumerable<ResultRow> rows)
    {
        var table = new StringBuilder()
            .AppendLine("| orders stored | scenario | path | API process | PostgreSQL | load generator | total CPU ms/op | ops/s the cores could carry |")
            .AppendLine("|---:|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var parts = new[] { row.Note("server"), row.Note("db"), row.Note("client") };
            var total = parts.Sum(part => part ?? 0);
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scale} | {row.Scenario} | {row.Path} | {Ms(parts[0])} | {Ms(parts[1])} | {Ms(parts[2])} | {Ms(total)} | {(total > 0 ? (Environment.ProcessorCount * 1000 / total).ToString("F0", CultureInfo.InvariantCulture) : "–")} |");
        }
        return table.ToString();
    }

    /// <summary>What our own code costs: the API process's CPU per request against the floor's, same scenario and run.</summary>
    public static string OwnCodeTable(IReadOnlyList<Comparison> comparisons)
    {
        var table = new StringBuilder()
            .AppendLine("| orders stored | scenario | API ms/op | floor ms/op | API − floor ms/op | API ops/s | floor ops/s |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var c in comparisons.Where(c => c.Floor is not null))
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Scale} | {c.Scenario} | {Ms(c.Api?.Note("server"))} | {Ms(c.Floor?.Note("server"))} | {Ms(c.OwnCpuMs)} | {Ops(c.Api)} | {Ops(c.Floor)} |");
        }
        return table.ToString();
    }

    /// <summary>
    /// The conditional GET against the plain one, per path: a 304 must cost less than a 200 (issue 34).
    /// Both scenarios read random seeded orders in the same run; the ratios are 304 ÷ 200.
    /// </summary>
    public static string ConditionalTable(IReadOnlyList<ResultRow> rows)
    {
        var pairs = rows.Where(row => row.Scenario == "not-modified")
            .Select(notModified => (NotModified: notModified, Lookup: rows.FirstOrDefault(row =>
                row.Scenario == "lookup" && row.Scale == notModified.Scale && row.Path == notModified.Path)))
            .Where(pair => pair.Lookup is not null)
            .ToList();
        if (pairs.Count == 0)
        {
            return "";
        }
        var table = new StringBuilder()
            .AppendLine("| orders stored | path | server ms/op 200 → 304 | PostgreSQL ms/op 200 → 304 | ops/s 200 → 304 | server CPU 304 ÷ 200 | ops/s 304 ÷ 200 |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var (notModified, lookup) in pairs)
        {
            var server = (lookup!.Note("server"), notModified.Note("server"));
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {notModified.Scale} | {notModified.Path} | {Ms(server.Item1)} → {Ms(server.Item2)} | {Ms(lookup.Note("db"))} → {Ms(notModified.Note("db"))} | {Ops(lookup)} → {Ops(notModified)} | {RatioOf(server.Item2, server.Item1)} | {RatioOf(notModified.OpsPerSecond, lookup.OpsPerSecond)} |");
        }
        return table.ToString();
    }

    private static string RatioOf(double? a, double? b) =>
        a is { } x && b is > 0 ? (x / b.Value).ToString("F2", CultureInfo.InvariantCulture) : "–";

    /// <summary>Throughput at the largest table size ÷ at the smallest, per scenario and path.</summary>
    public static string ScaleTable(IReadOnlyList<ResultRow> rows)
    {
        var scales = rows.Select(row => row.Scale).Distinct().ToList();
        if (scales.Count < 2)
        {
            return "";
        }
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"| scenario | path | ops/s at {scales[0]} | ops/s at {scales[^1]} | {scales[^1]} ÷ {scales[0]} |")
            .AppendLine("|---|---|---:|---:|---:|");
        foreach (var pair in rows.Where(row => row.Scale == scales[0]))
        {
            var large = rows.FirstOrDefault(row => row.Scale == scales[^1] && row.Scenario == pair.Scenario && row.Path == pair.Path);
            if (large is not null && pair.OpsPerSecond > 0)
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {pair.Scenario} | {pair.Path} | {Ops(pair)} | {Ops(large)} | {large.OpsPerSecond / pair.OpsPerSecond:F2} |");
            }
        }
        return table.ToString();
    }

    private static string Ops(ResultRow? row) => row?.OpsPerSecond.ToString("F0", CultureInfo.InvariantCulture) ?? "–";

    private static string Ms(double? ms) => ms?.ToString("F2", CultureInfo.InvariantCulture) ?? "–";
}
