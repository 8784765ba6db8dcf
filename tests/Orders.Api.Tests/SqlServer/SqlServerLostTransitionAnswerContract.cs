using System.Text;
using Microsoft.Data.SqlClient;
using Orders.Api.Tests.Fixtures;
using Orders.Api.Tests.Storage;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// The lost answer on a TDS engine: the batch goes as UTF-16 text (Encrypt=Optional: nothing after the
/// login is encrypted), and the server sends the last packet of its answer, marked end-of-message in
/// the packet header, only when the whole batch (its COMMIT included) has run. The store's retry
/// then finds the update matching nothing, the event there already (NOT EXISTS), and its change id in the row.
/// </summary>
public sealed class SqlServerLostTransitionAnswerContract(SqlServerDatabase database) : LostTransitionAnswerContract<SqlServerDatabase>(database)
{
    protected override (string Host, int Port) Server =>
        SqlServerEndpoint.Parse(new SqlConnectionStringBuilder(Database.ConnectionString).DataSource);

    protected override string ThroughRelay(int relayPort) => new SqlConnectionStringBuilder(Database.ConnectionString)
    {
        DataSource = $"tcp:127.0.0.1,{relayPort}",
        Encrypt = SqlConnectionEncryptOption.Optional,
    }.ConnectionString;

    protected override IAnswerWatch Watch(string status) => new TdsWatch(Encoding.Unicode.GetBytes($"status = '{status}'"));

    /// <summary>Follows the server's packets (an 8-byte header: type, status, big-endian length) across chunks.</summary>
    private sealed class TdsWatch(byte[] update) : IAnswerWatch
    {
        private const int HeaderLength = 8;
        private const byte EndOfMessage = 0x01;
        private readonly Lock _gate = new();
        private readonly byte[] _header = new byte[HeaderLength];
        private int _headerFilled;
        private int _bodyLeft;

        public bool SendsTheTransition(ReadOnlySpan<byte> fromClient) => fromClient.IndexOf(update) >= 0;

        public bool AnswerCommitted(ReadOnlySpan<byte> fromServer)
        {
            lock (_gate)
            {
                var ends = false;
                while (!fromServer.IsEmpty)
                {
                    if (_bodyLeft > 0)
                    {
                        var skipped = Math.Min(_bodyLeft, fromServer.Length);
                        _bodyLeft -= skipped;
                        fromServer = fromServer[skipped..];
                        continue;
                    }
                    var taken = Math.Min(HeaderLength - _headerFilled, fromServer.Length);
                    fromServer[..taken].CopyTo(_header.AsSpan(_headerFilled));
                    _headerFilled += taken;
                    fromServer = fromServer[taken..];
                    if (_headerFilled == HeaderLength)
                    {
                        ends |= (_header[1] & EndOfMessage) != 0;
                        _bodyLeft = Math.Max(0, ((_header[2] << 8) | _header[3]) - HeaderLength);
                        _headerFilled = 0;
                    }
                }
                return ends;
            }
        }
    }
}
