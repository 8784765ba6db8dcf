namespace Orders.FaultTests.Harness;

/// <summary>What the client was told, in the terms the checks need.</summary>
public enum Answer
{
    Created,
    Duplicate,
    Unavailable,
    ServerError,
    OtherStatus,

    /// <summary>No answer: connection refused or cut (a killed API), so the order may or may not exist.</summary>
    Lost,

    /// <summary>The client gave up (its own cancellation) before an answer came.</summary>
    Aborted,

    /// <summary>No answer within the client's timeout: the hang the fault tests exist to rule out.</summary>
    TimedOut,
}

/// <summary>One request and its answer, as the client-side ledger records it.</summary>
public sealed record Outcome(
    string Reference,
    Answer Answer,
    int Status,
    Guid? OrderId,
    bool? SameRequest,
    string? Code,
    bool HasRetryAfter,
    DateTime StartedUtc,
    TimeSpan Elapsed,
    bool IsRetry)
{
    public DateTime AnsweredUtc => StartedUtc + Elapsed;

    /// <summary>Settled means the client knows the order exists: 201, or 409 pointing at it.</summary>
    public bool Settled => Answer is Answer.Created or Answer.Duplicate;
}
