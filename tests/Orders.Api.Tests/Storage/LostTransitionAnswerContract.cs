using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// The lost answer, for real: a relay lets a cancel's (or a fulfilment's) batch reach the server and commit, then resets the
/// connection instead of passing the answer on. The store's own retry runs the batch again with the same
/// change id, finds the row naming this request and answers Applied, and the event is not written twice
/// (PostgreSQL's ON CONFLICT, SQL Server's NOT EXISTS). What TransitionStoreContract shows by calling
/// twice, here through the retry itself. Each wire protocol says how the relay reads it (<see cref="Watch"/>).
/// </summary>
public abstract class LostTransitionAnswerContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    /// <summary>Where the database listens.</summary>
    protected abstract (string Host, int Port) Server { get; }

    /// <summary>The database's connection string through the relay's port, unencrypted so the relay can read the protocol.</summary>
    protected abstract string ThroughRelay(int relayPort);

    /// <summary>How one relayed connection's bytes show the batch of the transition to <paramref name="status"/> and its committed answer.</summary>
    protected abstract IAnswerWatch Watch(string status);

    [Fact]
    public async Task Cancel_WhoseCommittedAnswerIsLost_IsRetriedByTheStore_AndAnsweredApplied_WithOneEvent()
    {
        var (result, lost) = await LoseTheFirstAnswerAsync(Order.CancelledStatus, OrderEventTypes.Cancelled, (store, reference) =>
            store.CancelAsync(new OrderCancellation(Owner, reference, "lost", DateTime.UtcNow, null, Guid.CreateVersion7()), Ct));

        Assert.Equal(1, lost);
        Assert.Equal(Order.CancelledStatus, Assert.IsType<TransitionResult.Applied>(result).Order.Status);
    }

    [Fact]
    public async Task Fulfil_WhoseCommittedAnswerIsLost_IsRetriedByTheStore_AndAnsweredApplied_WithOneEvent()
    {
        // A fulfilment service retrying blindly would get 409 ORDER_ALREADY_FULFILLED anyway; the store's
        // own retry must not make that the answer of the request that did it, nor write a second event.
        var (result, lost) = await LoseTheFirstAnswerAsync(Order.FulfilledStatus, OrderEventTypes.Fulfilled, (store, reference) =>
            store.FulfilAsync(new OrderFulfilment(Owner, reference, "DHL", "JD014600006281", DateTime.UtcNow, null, Guid.CreateVersion7()), Ct));

        Assert.Equal(1, lost);
        var fulfilled = Assert.IsType<TransitionResult.Applied>(result).Order;
        Assert.Equal((Order.FulfilledStatus, "JD014600006281"), (fulfilled.Status, fulfilled.TrackingNumber));
    }

    /// <summary>
    /// Runs <paramref name="transition"/> of a new order through a relay that loses the first committed
    /// answer of the batch moving it to <paramref name="status"/>; returns its result and how many
    /// answers were lost, after checking that the outbox holds one event of <paramref name="eventType"/>.
    /// </summary>
    private async Task<(TransitionResult Result, int Lost)> LoseTheFirstAnswerAsync(
        string status, string eventType, Func<IOrderStore, string, Task<TransitionResult>> transition)
    {
        // Given the app (migrated beforehand) talking to the database through a relay, events on,
        StoreOf(StartFactory());
        var loser = new AnswerLoser(() => Watch(status));
        await using var relay = new LoopbackRelay(Server.Host, Server.Port, loser.Observe);
        loser.Relay = relay;
        var factory = StartFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = ThroughRelay(relay.Port),
            ["Storage:MigrateOnStartup"] = "false",
            ["Events:Broker"] = "amqp://127.0.0.1:1/",
        });
        var reference = OrderRequests.NewReference();
        var order = factory.Services.GetRequiredService<OrderFactory>().Create(Owner, new OrderDraft(
            reference, "EUR", new Customer("ada@example.com", null, null), null, [new OrderLineDraft("SKU-1", 1, 100)]));
        Assert.IsType<CreateOrderResult.Created>(await StoreOf(factory).CreateAsync(order, Ct));

        // when the transition's first committed answer is lost with its connection,
        loser.Armed = true;
        var result = await transition(StoreOf(factory), reference);

        // then the store's retry learns that this request applied it (the caller checks), and the outbox holds one event.
        Assert.Equal(1, await Database.CountEventsOfTypeAsync(Owner, reference, eventType));
        return (result, loser.Lost);
    }

    /// <summary>
    /// Resets the connection that sent the transition's update once the server's answer shows the batch's
    /// COMMIT ran, so the transaction committed and the client never hears of it. Once only.
    /// </summary>
    private sealed class AnswerLoser(Func<IAnswerWatch> watch)
    {
        private int _lost;

        public LoopbackRelay? Relay { get; set; }

        public volatile bool Armed;

        public int Lost => Volatile.Read(ref _lost);

        public IRelayObserver Observe() => new Connection(this, watch());

        private sealed class Connection(AnswerLoser loser, IAnswerWatch watch) : IRelayObserver
        {
            private volatile bool _doomed;

            public void FromClient(ReadOnlySpan<byte> bytes) =>
                _doomed |= loser.Armed && watch.SendsTheTransition(bytes);

            public void FromServer(ReadOnlySpan<byte> bytes)
            {
                // The watch sees every chunk: it may follow the protocol's framing.
                if (!watch.AnswerCommitted(bytes) || !_doomed || Interlocked.Exchange(ref loser._lost, 1) == 1)
                {
                    return;
                }
                // The relay drops this chunk and resets the connection; new connections go through again.
                loser.Armed = false;
                loser.Relay!.Cut();
                loser.Relay.Resume();
            }
        }
    }
}

/// <summary>One relayed connection's view of a transition's batch: its request, and the end of its committed answer.</summary>
public interface IAnswerWatch
{
    bool SendsTheTransition(ReadOnlySpan<byte> fromClient);

    bool AnswerCommitted(ReadOnlySpan<byte> fromServer);
}

/// <summary>
/// PostgreSQL's protocol: the transition's update goes as its text (a new app prepares nothing yet), and
/// the answer holds the batch's COMMIT command tag once the transaction committed.
/// </summary>
public abstract class NpgsqlLostTransitionAnswerContract<TDatabase>(TDatabase database) : LostTransitionAnswerContract<TDatabase>(database)
    where TDatabase : NpgsqlOrderDatabase
{
    private static readonly byte[] CommitTag = Encoding.UTF8.GetBytes("COMMIT\0");

    protected override (string Host, int Port) Server
    {
        get
        {
            var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
            return (server.Host ?? "127.0.0.1", server.Port);
        }
    }

    protected override string ThroughRelay(int relayPort) => new NpgsqlConnectionStringBuilder(Database.ConnectionString)
    {
        Host = "127.0.0.1",
        Port = relayPort,
        SslMode = SslMode.Disable,
        GssEncryptionMode = GssEncryptionMode.Disable,
    }.ToString();

    protected override IAnswerWatch Watch(string status) => new TextWatch(Encoding.UTF8.GetBytes($"status = '{status}'"));

    private sealed class TextWatch(byte[] update) : IAnswerWatch
    {
        public bool SendsTheTransition(ReadOnlySpan<byte> fromClient) => fromClient.IndexOf(update) >= 0;

        public bool AnswerCommitted(ReadOnlySpan<byte> fromServer) => fromServer.IndexOf(CommitTag) >= 0;
    }
}

public sealed class PostgreSqlLostTransitionAnswerContract(PostgreSqlDatabase database) : NpgsqlLostTransitionAnswerContract<PostgreSqlDatabase>(database);

public sealed class CitusLostTransitionAnswerContract(CitusDatabase database) : NpgsqlLostTransitionAnswerContract<CitusDatabase>(database);
