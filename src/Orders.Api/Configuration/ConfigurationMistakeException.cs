namespace Orders.Api.Configuration;

/// <summary>
/// A setting the operator must fix before the app can work; the message names it. Never carries a
/// secret such as a connection string.
/// </summary>
public sealed class ConfigurationMistakeException : StartupFailureException
{
    public ConfigurationMistakeException() { }

    public ConfigurationMistakeException(string message) : base(message) { }

    public ConfigurationMistakeException(string message, Exception innerException) : base(message, innerException) { }
}
