namespace Orders.Api.Configuration;

/// <summary>
/// The app cannot start, for a reason its message states in one line (no stack trace needed to act on
/// it). Program.cs logs that line and exits 1 (see Hosting/StartupGuard.cs).
/// </summary>
public class StartupFailureException : Exception
{
    public StartupFailureException() { }

    public StartupFailureException(string message) : base(message) { }

    public StartupFailureException(string message, Exception innerException) : base(message, innerException) { }
}
