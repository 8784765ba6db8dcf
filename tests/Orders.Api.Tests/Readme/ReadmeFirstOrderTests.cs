using System.Text.Json;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Readme;

/// <summary>
/// The README's first order, as a newcomer meets it: near the top, and exactly what the API answers.
/// The curl block runs as written (bash and curl, only the port changed) against the API as a
/// process, in Development as `dotnet run` starts it, and its output is held to the answers shown.
/// $TOKEN is one of the test run's own tokens: the key `dotnet user-jwts create` makes, and how soon
/// the API uses it, is DevelopmentSigningKeyTests' business.
/// </summary>
public sealed class ReadmeFirstOrderTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    /// <summary>The issue's bound: from "what it is" to the 201 and the 409 in at most this many lines.</summary>
    private const int FirstOrderWithinLines = 80;

    /// <summary>Where the README's commands send their requests (`dotnet run`'s address).</summary>
    private const string ReadmeApiAddress = "http://localhost:5080";

    private const string ReferenceAssignment = "REF=";

    private static readonly TimeSpan CurlTimeout = TimeSpan.FromSeconds(30);

    // The curl run's and the API's home: no user's ~/.curlrc or user secrets take part.
    private readonly TempPath _home = TempPaths.Directory("readme-home");

    [Fact]
    public void TheTwoCommandsTheTokenTheCurlThe201AndThe409_ComeInThatOrder_WithinTheFirst80Lines()
    {
        var steps = ReadmeFirstOrder.Of(ReadmeText.Load()).Steps.ToList();
        var where = string.Join(", ", steps.Select(step => $"{step.Step}: lines {step.Block.OpeningLine}–{step.Block.ClosingLine}"));

        Assert.True(steps.Zip(steps.Skip(1)).All(pair => pair.First.Block.ClosingLine < pair.Second.Block.OpeningLine),
            $"README.md's first order is out of reading order: {where}");
        Assert.True(steps[^1].Block.ClosingLine <= FirstOrderWithinLines,
            $"README.md's first order must end by line {FirstOrderWithinLines}: {where}");
    }

    [Fact]
    public async Task TheCurlCommand_GetsThe201_AndRunAgain_The409_TheReadmeShows()
    {
        // Given the API as `dotnet run` starts it, and the README's commands with $TOKEN set
        var firstOrder = ReadmeFirstOrder.Of(ReadmeText.Load());
        Assert.Contains($"{ReadmeApiAddress}/orders", firstOrder.Curl.Text, StringComparison.Ordinal);
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(TestTokens.Environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["HOME"] = _home.FullName,
            ["ConnectionStrings__Orders"] = database.ConnectionString,
        });
        var shell = new Dictionary<string, string> { ["HOME"] = _home.FullName, ["TOKEN"] = TestTokens.Mint() };
        var script = firstOrder.Curl.Text.Replace(ReadmeApiAddress, api.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);

        // When the block runs, and then its curl command again with the same $REF
        var created = await RunAsync(script, shell);
        var reference = JsonDocument.Parse(created.Body).RootElement.GetProperty("clientReference").GetString()!;
        Assert.Contains(script.Split('\n'), line => line.StartsWith(ReferenceAssignment, StringComparison.Ordinal));
        var again = string.Join('\n', script.Split('\n').Where(line => !line.StartsWith(ReferenceAssignment, StringComparison.Ordinal)));
        var duplicate = await RunAsync(again, new Dictionary<string, string>(shell) { ["REF"] = reference });

        // Then each answer is the one shown: status line, the headers shown, the body
        AssertShown(firstOrder.Created, created, reference);
        AssertShown(firstOrder.Duplicate, duplicate, reference);
    }

    /// <summary>
    /// The example's reference (the one its Location names) stands for the run's own; everything else
    /// the example shows must be what the API sent.
    /// </summary>
    private static void AssertShown(FencedBlock example, HttpAnswer sent, string reference)
    {
        var exampleReference = HttpAnswer.Parse(example.Text).Header("Location")?.Split('/')[^1];
        Assert.False(string.IsNullOrEmpty(exampleReference), $"README.md line {example.OpeningLine}: the example shows no Location naming its reference");
        var shown = HttpAnswer.Parse(example.Text.Replace(exampleReference, reference, StringComparison.Ordinal));
        Assert.NotNull(shown.Header("Content-Type"));

        var differences = sent.HeadDifferencesFrom(shown).Concat(JsonExample.Differences(shown.Body, sent.Body)).ToList();

        Assert.True(differences.Count == 0,
            $"README.md's answer at line {example.OpeningLine} is not what the API sends:\n  {string.Join("\n  ", differences)}\n" +
            $"The API sent:\n{sent.StatusLine}\n{string.Join('\n', sent.Headers.Select(header => $"{header.Key}: {header.Value}"))}\n\n{sent.Body}");
    }

    private static async Task<HttpAnswer> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var (exitCode, answer, progress) = await ProcessRunner.RunToExitAsync("bash", ["-c", script], CurlTimeout, environment);
        Assert.True(exitCode == 0, $"the README's curl block exited {exitCode}: {progress}");
        return HttpAnswer.Parse(answer);
    }

    public void Dispose() => _home.Dispose();
}
