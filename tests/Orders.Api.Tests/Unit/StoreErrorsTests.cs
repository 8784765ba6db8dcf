using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Orders.Api.Storage.Errors;

namespace Orders.Api.Tests.Unit;

/// <summary>What the transport's exceptions, outside any driver's, mean for the client.</summary>
public sealed class StoreErrorsTests
{
    public static TheoryData<Exception> NotTheStores() =>
    [
        // Kestrel's, when the client hangs up mid-body: it closed the socket (end of content) or reset it.
        new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest),
        new ConnectionResetException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset)),
        // A file that is not there is a bug or a setting, never a database outage.
        new FileNotFoundException("Could not find file", "missing.json"),
        new IOException("a stream failed"),
    ];

    [Theory]
    [MemberData(nameof(NotTheStores))]
    public void IOExceptionsOutsideTheDrivers_AreNotStoreFailures(Exception exception) =>
        Assert.False(StoreErrors.Classify(exception).IsStoreFailure(), exception.GetType().Name);

    [Fact]
    public void ABareSocketError_IsALostConnection() =>
        Assert.Equal(StoreErrorKind.ConnectionLost, StoreErrors.Classify(new SocketException((int)SocketError.ConnectionReset)));
}
