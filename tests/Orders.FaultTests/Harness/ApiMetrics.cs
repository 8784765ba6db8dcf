using System.Globalization;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The API process's own counts, read from GET /metrics (Prometheus text) as an operator's dashboard
/// reads them: what the API recorded, not what the clients saw.
/// </summary>
public sealed class ApiMetrics(string text)
{
    public static async Task<ApiMetrics> ReadAsync(HttpClient client, CancellationToken ct) =>
        new(await client.GetStringAsync("/metrics", ct));

    /// <summary>
    /// The sum of every sample of <paramref name="name"/> whose labels include each of
    /// <paramref name="labels"/> (such as <c>reason="store_unavailable"</c>); 0 when there is none,
    /// as a counter that never counted is not exported.
    /// </summary>
    public double Sum(string name, params string[] labels) =>
        text.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' ')
            .Where(line => labels.All(label => LabelsOf(line).Contains(label, StringComparison.Ordinal)))
            .Sum(ValueOf);

    /// <summary>Requests the API answered (or recorded for a client that left) with <paramref name="status"/>.</summary>
    public double Requests(int status) =>
        Sum("http_server_request_duration_seconds_count", $"http_response_status_code=\"{status.ToString(CultureInfo.InvariantCulture)}\"");

    private static string LabelsOf(string line) =>
        line.Contains('{', StringComparison.Ordinal) ? line[line.IndexOf('{', StringComparison.Ordinal)..(line.LastIndexOf('}') + 1)] : "";

    // "name{labels} value [timestamp]" or "name value [timestamp]": the value is the first field after the name and labels.
    private static double ValueOf(string line)
    {
        var afterName = line.Contains('{', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(afterName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }
}
