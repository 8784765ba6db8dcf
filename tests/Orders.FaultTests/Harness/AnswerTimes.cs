namespace Orders.FaultTests.Harness;

/// <summary>How long the clients waited for their answers: the figures a fault test reports and bounds.</summary>
public sealed record AnswerTimes(int Count, TimeSpan Median, TimeSpan P99, TimeSpan Max)
{
    public static AnswerTimes Of(IEnumerable<Outcome> outcomes)
    {
        var sorted = outcomes.Select(o => o.Elapsed).Order().ToList();
        // Nearest rank: the smallest time that at least q of the answers did not exceed.
        TimeSpan At(double q) => sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return new AnswerTimes(sorted.Count, At(0.5), At(0.99), sorted.Count == 0 ? TimeSpan.Zero : sorted[^1]);
    }

    public override string ToString() =>
        $"{Count} answers in p50 {Median.TotalSeconds:F2} s, p99 {P99.TotalSeconds:F2} s, max {Max.TotalSeconds:F2} s";
}
