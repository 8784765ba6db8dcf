namespace Orders.Api.Tests.Readme;

/// <summary>
/// The README's change and cancel of the first order, after its 409: the PATCH with If-Match and its
/// 200, the cancel and its 200, and the cancel's retry with its 409, in reading order.
/// </summary>
internal sealed record ReadmeTransitions(FencedBlock Change, FencedBlock Changed, FencedBlock Cancel, FencedBlock Cancelled, FencedBlock AlreadyCancelled)
{
    public static ReadmeTransitions Of(ReadmeText readme, ReadmeFirstOrder firstOrder)
    {
        var change = readme.First("the change's curl PATCH with If-Match (curl -i -X PATCH …)",
            block => IsCurl(block, "-X PATCH") && block.Text.Contains("If-Match: $ETAG", StringComparison.Ordinal) && After(block, firstOrder.Duplicate));
        var changed = readme.First("the change's 200 answer after its curl", block => ReadmeFirstOrder.IsAnswer(block, "200") && After(block, change));
        var cancel = readme.First("the cancel's curl POST (curl -i -X POST …/cancellation)",
            block => IsCurl(block, "/cancellation") && After(block, changed));
        var cancelled = readme.First("the cancel's 200 answer after its curl", block => ReadmeFirstOrder.IsAnswer(block, "200") && After(block, cancel));
        var again = readme.First("the cancel's retry's 409 answer", block => ReadmeFirstOrder.IsAnswer(block, "409") && After(block, cancelled));
        return new ReadmeTransitions(change, changed, cancel, cancelled, again);
    }

    private static bool IsCurl(FencedBlock block, string marker) =>
        block.Info == "sh" && block.Text.Contains("curl -i", StringComparison.Ordinal) && block.Text.Contains(marker, StringComparison.Ordinal);

    internal static bool After(FencedBlock block, FencedBlock earlier) => block.OpeningLine > earlier.ClosingLine;
}
