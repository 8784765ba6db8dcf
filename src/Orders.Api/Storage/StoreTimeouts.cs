using System.Globalization;
using Orders.Api.Configuration;

namespace Orders.Api.Storage;

/// <summary>
/// The request's deadline (<c>Storage:RequestTimeoutSeconds</c>) and the driver timeouts derived from
/// it. A connect gets its share of the deadline, so a dead host leaves room for the retries; a command
/// gets the whole deadline, which ends it anyway. A connection string that names a timeout keeps it,
/// if it fits within the deadline: a longer one could never be waited for, so it is a mistake.
/// </summary>
public sealed record StoreTimeouts(int DeadlineSeconds, int MaxAttempts)
{
    public static StoreTimeouts Of(StorageOptions options) => new(options.RequestTimeoutSeconds, options.MaxAttempts);

    public TimeSpan Deadline => TimeSpan.FromSeconds(DeadlineSeconds);

    /// <summary>Seconds to open one connection: the deadline shared by the attempts, rounded up.</summary>
    public int ConnectSeconds => (DeadlineSeconds + MaxAttempts - 1) / MaxAttempts;

    /// <summary>Seconds one command may run.</summary>
    public int CommandSeconds => DeadlineSeconds;

    /// <summary>A timeout the connection string sets, kept when it is within the deadline.</summary>
    /// <exception cref="ConfigurationMistakeException">It is longer than the deadline, or 0 (no limit).</exception>
    public int Fit(string keyword, int configuredSeconds) =>
        configuredSeconds is > 0 && configuredSeconds <= DeadlineSeconds
            ? configuredSeconds
            : throw new ConfigurationMistakeException(
                $"{DatabaseTarget.Setting} sets {keyword}={configuredSeconds.ToString(CultureInfo.InvariantCulture)}" +
                (configuredSeconds == 0 ? " (no limit)" : "") +
                $", longer than Storage:RequestTimeoutSeconds ({DeadlineSeconds.ToString(CultureInfo.InvariantCulture)} s), " +
                "the most a request waits for the store: lower it, or leave it out to have it derived from the deadline.");
}
