using System.Globalization;
using System.Text;

namespace Orders.Bench;

/// <summary>
/// Several runs of bench/run-bench.sh side by side (BENCH_RUNS): every figure as
/// "median (min–max)", so a reader sees how far one run can be trusted.
/// </summary>
public static class Summary
{
    private static readonly (string Heading, Func<Comparison, double?> Value, string Format)[] Figures =
    [
        ("API CPU ms/op", c => c.Api?.Note("server"), "F3"),
        ("floor CPU ms/op", c => c.Floor?.Note("server"), "F3"),
        ("API − floor ms/op", c => c.OwnCpuMs, "F3"),
        ("PostgreSQL ms/op (API path)", c => c.Api?.Note("db"), "F3"),
        ("API ops/s", c => c.Api?.OpsPerSecond, "F0"),
        ("floor ops/s", c => c.Floor?.OpsPerSecond, "F0"),
        ("raw ops/s", c => c.Raw?.OpsPerSecond, "F0"),
        ("API ÷ raw", c => c.Ratio, "F2"),
    ];

    /// <param name="runDirectories">Each holds results.tsv, and storm.txt / rss.txt when the run wrote them.</param>
    public static string Of(IReadOnlyList<string> runDirectories)
    {
        var runs = runDirectories.Select(dir => Comparison.Of(ResultRow.Read(Path.Combine(dir, "results.tsv")))).ToList();
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{runs.Count} runs; each cell is median (min–max), and max ÷ min of the API's CPU per op.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"| orders stored | scenario | {string.Join(" | ", Figures.Select(f => f.Heading))} | API CPU max ÷ min |")
            .AppendLine(CultureInfo.InvariantCulture, $"|---:|---|{string.Concat(Figures.Select(_ => "---:|"))}---:|");
        foreach (var (scale, scenario) in runs.SelectMany(run => run).Select(c => (c.Scale, c.Scenario)).Distinct())
        {
            var same = runs.Select(run => run.FirstOrDefault(c => c.Scale == scale && c.Scenario == scenario)).OfType<Comparison>().ToList();
            var cells = Figures.Select(f => Cell(same.Select(f.Value).OfType<double>().ToList(), f.Format));
            var apiCpu = same.Select(c => c.Api?.Note("server")).OfType<double>().Where(v => v > 0).ToList();
            var spread = apiCpu.Count > 0 ? (apiCpu.Max() / apiCpu.Min()).ToString("F2", CultureInfo.InvariantCulture) : "–";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {scale} | {scenario} | {string.Join(" | ", cells)} | {spread} |");
        }
        text.AppendLine();
        // The 304 against the 200 of the same run (issue 34: a conditional GET must cost less), per run, then spread.
        foreach (var scale in runs.SelectMany(run => run).Select(c => c.Scale).Distinct())
        {
            var pairs = runs.Select(run => (Lookup: run.FirstOrDefault(c => c.Scale == scale && c.Scenario == "lookup"),
                NotModified: run.FirstOrDefault(c => c.Scale == scale && c.Scenario == "not-modified")))
                .Where(pair => pair.Lookup?.Api is not null && pair.NotModified?.Api is not null)
                .ToList();
            if (pairs.Count > 0)
            {
                var cpu = pairs.Select(p => p.NotModified!.Api!.Note("server") / p.Lookup!.Api!.Note("server")).OfType<double>().ToList();
                var db = pairs.Select(p => p.NotModified!.Api!.Note("db") / p.Lookup!.Api!.Note("db")).OfType<double>().ToList();
                var ops = pairs.Select(p => p.NotModified!.Api!.OpsPerSecond / p.Lookup!.Api!.OpsPerSecond).ToList();
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{scale}, the API's 304 ÷ its 200: CPU per op {Cell(cpu, "F2")}, PostgreSQL per op {Cell(db, "F2")}, ops/s {Cell(ops, "F2")}");
            }
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Duplicate storm, ms until the last answer: {Cell(Numbers(runDirectories, "storm.txt"), "F0")}")
            .AppendLine(CultureInfo.InvariantCulture, $"API peak RSS, MiB: {Cell(Numbers(runDirectories, "rss.txt"), "F0")}");
        return text.ToString();
    }

    private static string Cell(List<double> values, string format)
    {
        if (values.Count == 0)
        {
            return "–";
        }
        values.Sort();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"{median.ToString(format, CultureInfo.InvariantCulture)} ({values[0].ToString(format, CultureInfo.InvariantCulture)}–{values[^1].ToString(format, CultureInfo.InvariantCulture)})");
    }

    // One number per file (run-bench.sh writes the storm's milliseconds and the peak RSS in MiB).
    private static List<double> Numbers(IEnumerable<string> directories, string file) => directories
        .Select(dir => Path.Combine(dir, file))
        .Where(File.Exists)
        .Select(path => double.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out var value) ? value : (double?)null)
        .OfType<double>()
        .ToList();
}
