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
/// (its ON CONFLICT). What TransitionStoreContract shows by calling twice, here through the retry itself.
/// </summary>
public abstract class LostTransitionAnswerContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : NpgsqlOrderDatabase
{
    [Fact]
    public async Task Cancel_WhoseCommittedAnswerIsLost_IsRetriedByTheStore_AndAnsweredApplied_WithOneEvent()
    {
        // Given the app (migrated beforehand) talking to the database through a relay, events on,
        StoreOf(StartFactory());
        var loser = new AnswerLoser();
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        await using var relay = new LoopbackRelay(server.Host ?? "127.0.0.1", server.Port, loser.Observe);
        loser.Relay = relay;
        server.Host = "127.0.0.1";
        server.Port = relay.Port;
        // Unencrypted, so the relay can read the protocol.
        server.SslMode = SslMode.Disable;
        server.GssEncryptionMode = GssEncryptionMode.Disable;
        var factory = StartFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = server.ToString(),
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
    /// Resets the connection that sent the cancel's update (its text: a new app prepares nothing yet)
    /// once the server's answer holds the batch's COMMIT, so the transaction committed and the client
    /// never hears of it. Once only.
    /// </summary>
    private sealed class AnswerLoser
    {
        private static readonly byte[] CancelUpdate = Encoding.UTF8.GetBytes("status = 'cancelled'");
        private static readonly byte[] CommitTag = Encoding.UTF8.GetBytes("COMMIT\0");
        private int _lost;

        public LoopbackRelay? Relay { get; set; }

        public volatile bool Armed;

        public int Lost => Volatile.Read(ref _lost);

        public IRelayObserver Observe() => new Connection(this);

        private sealed class Connection(AnswerLoser loser) : IRelayObserver
        {
            private volatile bool _doomed;

            public void FromClient(ReadOnlySpan<byte> bytes) =>
                _doomed |= loser.Armed && bytes.IndexOf(CancelUpdate) >= 0;

            public void FromServer(ReadOnlySpan<byte> bytes)
            {
                if (!_doomed || bytes.IndexOf(CommitTag) < 0 || Interlocked.Exchange(ref loser._lost, 1) == 1)
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

public sealed class PostgreSqlLostTransitionAnswerContract(PostgreSqlDatabase database) : LostTransitionAnswerContract<PostgreSqlDatabase>(database);

public sealed class CitusLostTransitionAnswerContract(CitusDatabase database) : LostTransitionAnswerContract<CitusDatabase>(database);
