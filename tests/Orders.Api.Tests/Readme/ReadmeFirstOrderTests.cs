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
    // Static: xUnit makes a new instance for every test, and the database outlives them (see PlaceAsync).
    private static long _lastPlacedSecond;

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
        await using var api = await StartApiAsync(firstOrder);
        var script = ForTheTestApi(firstOrder.Curl, api);

        // When the block runs, and then its curl command again with the same $REF
        var (created, reference) = await PlaceAsync(script);
        var again = string.Join('\n', script.Split('\n').Where(line => !line.StartsWith(ReferenceAssignment, StringComparison.Ordinal)));
        var duplicate = await RunAsync(again, Shell(reference));

        // Then each answer is the one shown: status line, the headers shown, the body
        AssertShown(firstOrder.Created, created, reference);
        AssertShown(firstOrder.Duplicate, duplicate, reference);
    }

    [Fact]
    public async Task TheChangeAndTheCancel_GetThe200s_AndTheCancelAgain_The409_TheReadmeShows()
    {
        // Given the README's first order placed by its own curl block
        var readme = ReadmeText.Load();
        var firstOrder = ReadmeFirstOrder.Of(readme);
        var transitions = ReadmeTransitions.Of(readme, firstOrder);
        await using var api = await StartApiAsync(firstOrder);
        var (_, reference) = await PlaceAsync(ForTheTestApi(firstOrder.Curl, api));
        var shell = Shell(reference);

        // When the change block runs (it reads the ETag itself), then the cancel block twice
        var changed = await RunAsync(ForTheTestApi(transitions.Change, api), shell);
        var cancelled = await RunAsync(ForTheTestApi(transitions.Cancel, api), shell);
        var alreadyCancelled = await RunAsync(ForTheTestApi(transitions.Cancel, api), shell);

        // Then each answer is the one shown (the example's reference is the one the 201's Location names)
        var exampleReference = ExampleReference(firstOrder.Created);
        AssertShown(transitions.Changed, changed, reference, exampleReference);
        AssertShown(transitions.Cancelled, cancelled, reference, exampleReference);
        AssertShown(transitions.AlreadyCancelled, alreadyCancelled, reference, exampleReference);
    }

    [Fact]
    public async Task TheFulfilment_GetsThe200_ItsRetryAndTheCancelAfterIt_The409s_AndOfACancelledOrder_The409_TheReadmeShows()
    {
        // Given the README's blocks and the API as `dotnet run` starts it (the fulfilment scope its default, the README's)
        var readme = ReadmeText.Load();
        var firstOrder = ReadmeFirstOrder.Of(readme);
        var transitions = ReadmeTransitions.Of(readme, firstOrder);
        var fulfilment = ReadmeFulfilment.Of(readme, transitions);
        await using var api = await StartApiAsync(firstOrder);

        // When an order is placed, fulfilled twice by the service and then cancelled by its customer
        var (_, reference) = await PlaceAsync(ForTheTestApi(firstOrder.Curl, api));
        var shell = Shell(reference);
        var fulfilled = await RunAsync(ForTheTestApi(fulfilment.Fulfil, api), shell);
        var alreadyFulfilled = await RunAsync(ForTheTestApi(fulfilment.Fulfil, api), shell);
        var notCancellable = await RunAsync(ForTheTestApi(transitions.Cancel, api), shell);
        // and another is cancelled by its customer, then fulfilled by the service
        var (_, cancelledReference) = await PlaceAsync(ForTheTestApi(firstOrder.Curl, api));
        Assert.NotEqual(reference, cancelledReference);
        var cancelledShell = Shell(cancelledReference);
        await RunAsync(ForTheTestApi(transitions.Cancel, api), cancelledShell);
        var orderCancelled = await RunAsync(ForTheTestApi(fulfilment.Fulfil, api), cancelledShell);

        // Then each answer is the one shown: the fulfilled order's reference is the one its 200 shows, the cancelled one's the first order's
        var fulfilledExample = (string)System.Text.Json.Nodes.JsonNode.Parse(HttpAnswer.Parse(fulfilment.Fulfilled.Text).Body)!["clientReference"]!;
        AssertShown(fulfilment.Fulfilled, fulfilled, reference, fulfilledExample);
        AssertShown(fulfilment.AlreadyFulfilled, alreadyFulfilled, reference, fulfilledExample);
        AssertShown(fulfilment.NotCancellable, notCancellable, reference, fulfilledExample);
        AssertShown(fulfilment.OrderCancelled, orderCancelled, cancelledReference, ExampleReference(firstOrder.Created));
    }

    private async Task<ApiProcess> StartApiAsync(ReadmeFirstOrder firstOrder)
    {
        Assert.Contains($"{ReadmeApiAddress}/orders", firstOrder.Curl.Text, StringComparison.Ordinal);
        return await ApiProcess.StartAsync(new Dictionary<string, string>(TestTokens.Environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["HOME"] = _home.FullName,
            ["ConnectionStrings__Orders"] = database.ConnectionString,
        });
    }

    /// <summary>A README block as written, only its requests sent to the test's API instead of `dotnet run`'s port.</summary>
    private static string ForTheTestApi(FencedBlock block, ApiProcess api) =>
        block.Text.Replace(ReadmeApiAddress, api.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>
    /// The curl run's environment: the README's $TOKEN (its customer, `--name ada`) and $SERVICE_TOKEN (the fulfilment
    /// scope in `scope`, as `dotnet user-jwts create --scope` writes it), and $REF when a block goes on with a placed order.
    /// </summary>
    private Dictionary<string, string> Shell(string? reference = null)
    {
        var shell = new Dictionary<string, string>
        {
            ["HOME"] = _home.FullName,
            ["TOKEN"] = TestTokens.Mint(ReadmeFulfilment.Owner),
            ["SERVICE_TOKEN"] = TestTokens.MintService(),
        };
        if (reference is not null)
        {
            shell["REF"] = reference;
        }
        return shell;
    }

    /// <summary>Runs the first-order block, which makes its own $REF, and reads that reference from the 201.</summary>
    /// <remarks>
    /// The README's reference is the clock's seconds (<c>checkout-$(date +%s)</c>), and this class's tests
    /// share one database: each placement waits for a second no placement of theirs used yet, or two orders
    /// (of one test or two) would be one, and the second answer a 409. Tests of a class run one at a time.
    /// </remarks>
    private async Task<(HttpAnswer Created, string Reference)> PlaceAsync(string script)
    {
        Assert.Contains(script.Split('\n'), line => line.StartsWith(ReferenceAssignment, StringComparison.Ordinal));
        var now = DateTimeOffset.UtcNow;
        if (now.ToUnixTimeSeconds() <= _lastPlacedSecond)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1_050 - now.Millisecond), TestContext.Current.CancellationToken);
        }
        _lastPlacedSecond = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var created = await RunAsync(script, Shell());
        return (created, JsonDocument.Parse(created.Body).RootElement.GetProperty("clientReference").GetString()!);
    }

    private static string ExampleReference(FencedBlock example)
    {
        var reference = HttpAnswer.Parse(example.Text).Header("Location")?.Split('/')[^1];
        Assert.False(string.IsNullOrEmpty(reference), $"README.md line {example.OpeningLine}: the example shows no Location naming its reference");
        return reference;
    }

    /// <summary>
    /// The example's reference (the one its Location names, or the first order's) stands for the run's own; everything else
    /// the example shows must be what the API sent.
    /// </summary>
    private static void AssertShown(FencedBlock example, HttpAnswer sent, string reference, string? exampleReference = null)
    {
        exampleReference ??= ExampleReference(example);
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
