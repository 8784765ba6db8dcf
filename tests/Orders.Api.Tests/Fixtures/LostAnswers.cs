using System.Net.Sockets;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Whether a failed request means "no answer came": the server was killed or the connection cut,
/// so the request may or may not have been carried out and only a retry tells.
/// </summary>
public static class LostAnswers
{
    /// <remarks>
    /// Mostly an <see cref="HttpRequestException"/>; but a connection the server dropped the moment it
    /// was opened (the API SIGKILLed while HttpClient set it up) has surfaced on Linux as a bare
    /// <see cref="SocketException"/> ("Transport endpoint is not connected", ENOTCONN), and a cut
    /// body read as an <see cref="IOException"/>. All three are the same fact for a client.
    /// </remarks>
    public static bool IsLost(Exception exception) =>
        exception is HttpRequestException or SocketException or IOException;
}
