using System.Text.Json;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Hundreds of generated attacker-shaped requests (see <see cref="HostileRequests"/>): each is refused
/// with a 4xx problem+json that leaks nothing, and none stores anything.
/// </summary>
public abstract class HostileInputContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    // What a response must never show: internals of .NET, the drivers, the SQL or the configuration.
    private static readonly string[] Leaks =
    [
        "Exception", "   at ", "StackTrace", "Npgsql", "Sqlite", "SqlClient", "System.", "Microsoft.", "SELECT ", "INSERT ",
        "order_lines", "Data Source", "Host=", "Password", "/work/", "Orders.Api.",
    ];

    [Fact]
    public async Task EveryHostileRequest_IsRefusedWith4xxProblem_LeaksNothing_AndStoresNothing()
    {
        // Rate limiting would answer 429 early and hide what the handlers do with each case.
        var client = StartApi(new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        var cases = HostileRequests.All();
        Assert.True(cases.Select(request => request.Name).Distinct().Count() >= 500, $"only {cases.Count} cases");
        var before = await Database.CountAllRowsAsync();
        var failures = new List<string>();

        foreach (var hostile in cases)
        {
            using var message = hostile.ToMessage();
            using var response = await client.SendAsync(message, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (Describe(response, body) is { } problem)
            {
                failures.Add($"{hostile.Name}: {problem}");
            }
            var after = await Database.CountAllRowsAsync();
            if (after != before)
            {
                failures.Add($"{hostile.Name}: stored something");
                before = after;
            }
        }

        TestContext.Current.SendDiagnosticMessage($"hostile-input suite on {Database.Name}: {cases.Count} cases run, {failures.Count} failed");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} hostile requests misbehaved:\n{string.Join('\n', failures.Take(40))}");
    }

    [Fact]
    public async Task EveryHostileFulfilment_IsRefusedWith4xxProblem_LeaksNothing_AndLeavesTheOrderPlaced()
    {
        var client = StartApi(new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        var reference = OrderRequests.NewReference();
        var placedTag = await client.PlaceAsync(reference);
        var events = (await Database.EventsOfAsync(Owner, reference)).Count;
        var cases = HostileFulfilments.All(Owner, reference);
        Assert.True(cases.Select(request => request.Name).Distinct().Count() == cases.Count, "case names repeat");
        var failures = new List<string>();

        foreach (var hostile in cases)
        {
            using var message = hostile.ToMessage();
            using var response = await client.SendAsync(message, Ct);
            if (Describe(response, await response.Content.ReadAsStringAsync(Ct)) is { } problem)
            {
                failures.Add($"{hostile.Name}: {problem}");
            }
            var read = await client.GetAsync($"/orders/{reference}", Ct);
            if (read.Headers.ETag?.ToString() != placedTag)
            {
                failures.Add($"{hostile.Name}: changed the order");
                break;
            }
        }

        TestContext.Current.SendDiagnosticMessage($"hostile fulfilments on {Database.Name}: {cases.Count} cases run, {failures.Count} failed");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} hostile fulfilments misbehaved:\n{string.Join('\n', failures.Take(40))}");
        Assert.Equal(events, (await Database.EventsOfAsync(Owner, reference)).Count);
    }

    /// <returns>What is wrong with the answer, or null when it is a clean 4xx problem.</returns>
    private static string? Describe(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
        {
            return $"status {status}";
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"content type {response.Content.Headers.ContentType} (status {status})";
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("code", out _))
            {
                return "problem without code";
            }
        }
        catch (JsonException)
        {
            return "body is not JSON";
        }
        var leak = Leaks.FirstOrDefault(text => body.Contains(text, StringComparison.Ordinal));
        return leak is null ? null : $"leaks '{leak}'";
    }
}
