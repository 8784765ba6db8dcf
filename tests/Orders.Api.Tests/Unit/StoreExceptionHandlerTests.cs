using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orders.Api.Http.Responses;
using Orders.Api.Observability;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Unit;

/// <summary>The exception handler for a request whose client went away: the hang-up is the client's, never the store's.</summary>
public sealed class StoreExceptionHandlerTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;
    private readonly MeterListener _rejections = new();
    private long _rejected;

    public StoreExceptionHandlerTests()
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(_logs))
            .AddMetrics()
            .AddSingleton<OrdersMetrics>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<StoreOutageLog>()
            .AddSingleton<StoreExceptionHandler>()
            .AddSingleton(Options.Create(new StorageOptions()))
            .Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(_ => { })
            .BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        // This provider's meter only: other tests count on meters of the same name at the same time.
        _rejections.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "orders.rejections")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _rejections.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _rejected, value));
        _rejections.Start();
        _ = _services.GetRequiredService<OrdersMetrics>();
    }

    // What a request may have thrown when its client hung up: a driver's own exception for the
    // cancelled command, a store error it met meanwhile, the retry's, Kestrel's for a body cut short, a bug.
    public static TheoryData<Exception> ThrownAfterTheClientLeft() =>
    [
        new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer")),
        new SqliteException("database is locked", 5),
        new StoreUnavailableException("The store failed 1 time(s), the last with ConnectionLost."),
        new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest),
        new InvalidOperationException("a bug, but nobody is left to tell"),
    ];

    [Theory]
    [MemberData(nameof(ThrownAfterTheClientLeft))]
    public async Task WhatARequestThrewAfterItsClientLeft_IsAnsweredNothing_LoggedNothing_CountedNothing(Exception exception)
    {
        // Given a POST whose client has gone away
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = NewPost(aborted.Token);

        // When the handler is given what the request threw
        var handled = await Handler.TryHandleAsync(context, exception, CancellationToken.None);

        // Then nothing is written, the request is recorded as the client's (499), and no outage, bug or rejection is seen.
        Assert.True(handled);
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
        Assert.Empty(_logs.Entries);
        Assert.Equal(0, Interlocked.Read(ref _rejected));
    }

    [Fact]
    public async Task AConnectionReset_IsTheClientsEvenBeforeRequestAbortedIsCancelled()
    {
        // Given a POST whose body read met the client's reset, its RequestAborted not cancelled yet
        var context = NewPost(CancellationToken.None);
        var reset = new ConnectionResetException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset));

        var handled = await Handler.TryHandleAsync(context, reset, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, context.Response.StatusCode);
        Assert.Empty(_logs.Entries);
        Assert.Equal(0, Interlocked.Read(ref _rejected));
    }

    [Fact]
    public async Task AClientThatLeavesWhileItsAnswerIsWritten_DoesNotMakeTheHandlerThrow()
    {
        // Given a request whose client hangs up as the 503 is being written
        using var aborted = new CancellationTokenSource();
        var context = NewPost(aborted.Token);
        context.Response.Body = new HangUpOnWrite(aborted);

        // When the handler answers a store failure, then
        var handled = await Handler.TryHandleAsync(context, new StoreUnavailableException("down"), CancellationToken.None);

        // it does not throw the write's cancellation on (the middleware would log it and Kestrel answer 500).
        Assert.True(handled);
    }

    [Fact]
    public async Task TheSameStoreFailure_WithTheClientStillThere_Is503_LoggedAndCounted()
    {
        var context = NewPost(CancellationToken.None);

        await Handler.TryHandleAsync(context, new StoreUnavailableException("down"), CancellationToken.None);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Contains(_logs.Entries, entry => entry.EventId.Id == 20);
        Assert.Equal(1, Interlocked.Read(ref _rejected));
    }

    private StoreExceptionHandler Handler => _services.GetRequiredService<StoreExceptionHandler>();

    private DefaultHttpContext NewPost(CancellationToken requestAborted)
    {
        var context = new DefaultHttpContext { RequestServices = _services, RequestAborted = requestAborted };
        context.Request.Method = HttpMethods.Post;
        context.Response.Body = new MemoryStream();
        return context;
    }

    public void Dispose()
    {
        _rejections.Dispose();
        _services.Dispose();
    }

    /// <summary>A response body whose client hangs up at the first write, as Kestrel then throws.</summary>
    private sealed class HangUpOnWrite(CancellationTokenSource aborted) : MemoryStream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await aborted.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
