using System.Globalization;

namespace Orders.Bench;

/// <summary>
/// One scenario on one path: throughput and latency percentiles, printed as the tab-separated
/// RESULT line that bench/run-bench.sh collects (wrk's Lua prints the same line for the API).
/// </summary>
public sealed record Measurement(long Operations, long Errors, TimeSpan Duration, double P50Ms, double P99Ms)
{
    /// <summary>This process's CPU during the run: the client side of the raw path (Npgsql, Dapper, the loop).</summary>
    public TimeSpan ClientCpu { get; init; }

    public double OpsPerSecond => Operations / Duration.TotalSeconds;

    /// <summary>Percentiles by nearest rank over every recorded latency.</summary>
    public static Measurement From(List<double> latenciesMs, long errors, TimeSpan duration)
    {
        latenciesMs.Sort();
        double Rank(double p) => latenciesMs.Count == 0 ? 0 : latenciesMs[Math.Min(latenciesMs.Count - 1, (int)Math.Ceiling(p * latenciesMs.Count) - 1)];
        return new Measurement(latenciesMs.Count, errors, duration, Rank(0.50), Rank(0.99));
    }

    public string ToResultLine() => string.Create(CultureInfo.InvariantCulture,
        $"RESULT\t{OpsPerSecond:F1}\t{P50Ms:F3}\t{P99Ms:F3}\t{Operations}\terrors={Errors} client={ClientCpu.TotalMilliseconds / Math.Max(1, Operations):F3}");
}
