namespace Orders.Api.Observability;

/// <summary>The <c>Metrics</c> configuration section.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve Prometheus metrics at <see cref="Path"/>.</summary>
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";
}
