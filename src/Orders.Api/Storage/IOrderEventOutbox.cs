namespace Orders.Api.Storage;

/// <summary>The relay's side of the outbox table, one implementation per database.</summary>
public interface IOrderEventOutbox
{
    /// <summary>
    /// In one transaction: claims up to <paramref name="max"/> pending events, oldest first, so that
    /// no other relay can claim them until it ends (row locks skipped by the others, or SQLite's
    /// single writer); hands them to <paramref name="publish"/>; marks published the ones it reports
    /// confirmed; commits. Returns how many were claimed and the outcome of the publish.
    /// </summary>
    Task<RelayRound> RelayAsync(int max, PublishBatch publish, CancellationToken cancellationToken);

    /// <summary>How many events wait, and when the oldest of them was written.</summary>
    Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken);

    /// <summary>Deletes events published before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeletePublishedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken);
}

/// <summary>Publishes a batch and says which events the broker confirmed (and what failed, if anything).</summary>
public delegate Task<PublishOutcome> PublishBatch(IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken);

public sealed record PublishOutcome(IReadOnlyList<OrderEvent> Confirmed, Exception? Failure);

public sealed record RelayRound(int Claimed, PublishOutcome Outcome)
{
    public static readonly RelayRound Empty = new(0, new PublishOutcome([], null));
}

public sealed record OutboxBacklog(long Pending, DateTime? OldestOccurredAt);
