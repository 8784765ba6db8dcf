namespace Orders.Api.Storage;

/// <summary>The database could not be reached or did not answer in time; the request may be retried.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException() { }

    public StoreUnavailableException(string message) : base(message) { }

    public StoreUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
