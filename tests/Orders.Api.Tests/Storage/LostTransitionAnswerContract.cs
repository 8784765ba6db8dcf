using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// The lost answer, for real: a relay lets a cancel's batch reach the server and commit, then resets the
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

    /// <summary>How one relayed connection's bytes show the cancel's batch and its committed answer.</summary>
    protected abstract IAnswerWatch Watch();

    [Fact]
    public async Task Cancel_WhoseCommittedAnswerIsLost_IsRetriedByTheStore_AndAnsweredApplied_WithOneEvent()
    {
        // Given the app (migrated beforehand) talking to the database through a relay, events on,
        StoreOf(StartFactory());
        var loser = new AnswerLoser(Watch);
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

        // when the first cancel's committed answer is lost with its connection,
        loser.Armed = true;
        var cancellation = new OrderCancellation(Owner, reference, "lost", DateTime.UtcNow, null, Guid.CreateVersion7());
        var result = await StoreOf(factory).CancelAsync(cancellation, Ct);

        // then the store's retry learns that this request applied it, and the outbox holds one order.cancelled.
        Assert.Equal(1, loser.Lost);
        Assert.Equal(Order.CancelledStatus, Assert.IsType<TransitionResult.Applied>(result).Order.Status);
        Assert.Equal(1, await Database.CountEventsOfTypeAsync(Owner, reference, OrderEventTypes.Cancelled));
    }

    /// <summary>
    /// Resets the connection that sent the cancel's update once the server's answer shows the batch's
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
                _doomed |= loser.Armed && watch.SendsTheCancel(bytes);

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

/// <summary>One relayed connection's view of a cancel's batch: its request, and the end of its committed answer.</summary>
public interface IAnswerWatch
{
    bool SendsTheCancel(ReadOnlySpan<byte> fromClient);

    bool AnswerCommitted(ReadOnlySpan<byte> fromServer);
}

/// <summary>
/// PostgreSQL's protocol: the cancel's update goes as its text (a new app prepares nothing yet), and
/// the answer holds the batch's COMMIT command tag once the transaction committed.
/// </summary>
public abstract class NpgsqlLostTransitionAnswerContract<TDatabase>(TDatabase database) : LostTransitionAnswerContract<TDatabase>(database)
    where TDatabase : NpgsqlOrderDatabase
{
    private static readonly byte[] CancelUpdate = Encoding.UTF8.GetBytes("status = 'cancelled'");
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

    protected override IAnswerWatch Watch() => new TextWatch();

    private sealed class TextWatch : IAnswerWatch
    {
        public bool SendsTheCancel(ReadOnlySpan<byte> fromClient) => fromClient.IndexOf(CancelUpdate) >= 0;

        public bool AnswerCommitted(ReadOnlySpan<byte> fromServer) => fromServer.IndexOf(CommitTag) >= 0;
    }
}

public sealed class PostgreSqlLostTransitionAnswerContract(PostgreSqlDatabase database) : NpgsqlLostTransitionAnswerContract<PostgreSqlDatabase>(database);

public sealed class CitusLostTransitionAnswerContract(CitusDatabase database) : NpgsqlLostTransitionAnswerContract<CitusDatabase>(database);
