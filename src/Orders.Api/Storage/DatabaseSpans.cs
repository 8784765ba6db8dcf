using System.Diagnostics;
using Orders.Api.Observability;

namespace Orders.Api.Storage;

/// <summary>
/// Database spans where the driver has no ActivitySource of its own (Microsoft.Data.Sqlite): one
/// client span per statement, named by <see cref="StatementNames"/>, with the statement's text
/// (parameter names only, never their values) as db.query.text, the attribute Npgsql and SqlClient
/// set. Only inside a trace: a statement outside any (the relay's polling) makes no trace of its own.
/// </summary>
internal static class DatabaseSpans
{
    public const string Sqlite = "sqlite";

    public static Activity? Start(string system, string sql)
    {
        if (Activity.Current is null || !OrdersTracing.Source.HasListeners())
        {
            return null;
        }
        var activity = OrdersTracing.Source.StartActivity(StatementNames.Of(sql), ActivityKind.Client);
        activity?.SetTag("db.system.name", system);
        activity?.SetTag("db.query.text", sql);
        return activity;
    }
}
