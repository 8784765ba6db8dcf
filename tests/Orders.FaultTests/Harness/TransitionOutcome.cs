namespace Orders.FaultTests.Harness;

/// <summary>
/// One attempt of a cancel or change and what it was told, as <see cref="TransitionLedger"/> records
/// it. <see cref="Request"/> numbers the client's request: its retries carry the same number, so a
/// check can tell what a request whose answer was lost ended in.
/// </summary>
/// <param name="Status">The HTTP status; 0 when no answer came (<see cref="Unanswered"/> says why).</param>
/// <param name="Unanswered"><see cref="Answer.Lost"/> or <see cref="Answer.TimedOut"/>; null when answered.</param>
/// <param name="ETag">The order's tag after the answer: the 200's header, or a 409's or 412's body.</param>
public sealed record TransitionOutcome(
    int Request,
    string Reference,
    int Status,
    Answer? Unanswered,
    string? Code,
    bool? SameRequest,
    bool? AlreadyApplied,
    string? ETag,
    bool IsRetry)
{
    /// <summary>What the client contract says to send again, unchanged: no answer came, or 503.</summary>
    public bool CallsForRetry => Unanswered == Answer.Lost || Status == 503;

    /// <summary>The status, or the reason none came, for the counts in the report.</summary>
    public string Label => Unanswered?.ToString() ?? Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
