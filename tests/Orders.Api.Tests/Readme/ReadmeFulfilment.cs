using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Readme;

/// <summary>
/// The README's fulfilment, after the cancel: the service token, the fulfil curl and its 200, the retry's
/// 409, the customer's cancel's 409 and the fulfil of a cancelled order's 409, in reading order.
/// </summary>
internal sealed record ReadmeFulfilment(
    FencedBlock ServiceToken, FencedBlock Fulfil, FencedBlock Fulfilled, FencedBlock AlreadyFulfilled, FencedBlock NotCancellable, FencedBlock OrderCancelled)
{
    /// <summary>The owner the README's path names: the `sub` of its customer's token (`dotnet user-jwts create --name ada`).</summary>
    public const string Owner = "ada";

    public static ReadmeFulfilment Of(ReadmeText readme, ReadmeTransitions transitions)
    {
        var token = readme.First("the service token (dotnet user-jwts create --scope orders:fulfil)",
            block => block.Info == "sh" && block.Text.Contains("dotnet user-jwts create", StringComparison.Ordinal)
                && block.Text.Contains($"--scope {TestTokens.FulfilmentScope}", StringComparison.Ordinal) && block.OpeningLine > transitions.AlreadyCancelled.ClosingLine);
        var fulfil = readme.First("the fulfil's curl POST (curl -i -X POST …/fulfilment)",
            block => block.Info == "sh" && block.Text.Contains("curl -i", StringComparison.Ordinal)
                && block.Text.Contains($"/owners/{Owner}/orders/", StringComparison.Ordinal) && block.Text.Contains("/fulfilment", StringComparison.Ordinal)
                && block.OpeningLine > token.ClosingLine);
        var fulfilled = readme.First("the fulfil's 200 answer after its curl", block => ReadmeFirstOrder.IsAnswer(block, "200") && After(block, fulfil));
        var again = readme.First("the fulfil's retry's 409 answer", block => ReadmeFirstOrder.IsAnswer(block, "409") && After(block, fulfilled));
        var notCancellable = readme.First("the customer's cancel's 409 of the fulfilled order", block => ReadmeFirstOrder.IsAnswer(block, "409") && After(block, again));
        var cancelled = readme.First("the fulfil's 409 of a cancelled order", block => ReadmeFirstOrder.IsAnswer(block, "409") && After(block, notCancellable));
        return new ReadmeFulfilment(token, fulfil, fulfilled, again, notCancellable, cancelled);
    }

    private static bool After(FencedBlock block, FencedBlock earlier) => ReadmeTransitions.After(block, earlier);
}
