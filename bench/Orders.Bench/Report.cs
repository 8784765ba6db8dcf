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

    private static string Ops(ResultRow? row) => row?.OpsPerSecond.ToString("F0", CultureInfo.InvariantCulture) ?? "–";

    private static string Ms(double? ms) => ms?.ToString("F2", CultureInfo.InvariantCulture) ?? "–";
}
