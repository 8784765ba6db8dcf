using System.Data;
using System.Text;
using Dapper;
using Microsoft.Data.SqlClient.Server;
using Orders.Api.Model;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// The parameters of each <see cref="SqlServerSql"/> statement, typed as the columns are. Dapper's
/// defaults would be wrong twice: a DateTime goes as datetime (3.33 ms steps, so createdAt and the
/// keyset would drift), and a string as nvarchar, which makes SQL Server convert the varchar
/// client_reference column instead of the parameter.
/// </summary>
internal static class SqlServerParameters
{
    /// <summary>The table types of sql/sqlserver/0002_create_table_types.sql.</summary>
    public const string OrderLineListType = "dbo.order_line_list";

    public const string OrderIdListType = "dbo.order_id_list";

    public const int ClientReferenceLength = 100;

    /// <summary>Columns of <see cref="OrderLineListType"/>, in order.</summary>
    public static readonly IReadOnlyList<SqlMetaData> OrderLineColumns =
    [
        new("line_number", SqlDbType.Int),
        new("sku", SqlDbType.NVarChar, 64),
        new("quantity", SqlDbType.Int),
        new("unit_price", SqlDbType.BigInt),
        new("line_total", SqlDbType.BigInt),
    ];

    /// <summary>Columns of <see cref="OrderIdListType"/>.</summary>
    public static readonly IReadOnlyList<SqlMetaData> OrderIdColumns = [new("order_id", SqlDbType.UniqueIdentifier)];

    /// <summary>
    /// True when the reference reaches the varchar(100) column unchanged: ASCII, because SQL Server
    /// converts other characters by code-page best fit ('ā' becomes 'a', matching another key), and
    /// at most 100 characters, because SqlClient cuts a longer value to the parameter size.
    /// </summary>
    public static bool FitsClientReference(string clientReference) =>
        clientReference.Length <= ClientReferenceLength && Ascii.IsValid(clientReference);

    public static DynamicParameters InsertOrder(Order order)
    {
        var parameters = new DynamicParameters(OrderRows.HeaderParameters(order, order.OrderId, order.CreatedAt));
        // Added by name after the template, so these replace its CreatedAt and ClientReference.
        parameters.Add("CreatedAt", order.CreatedAt, DbType.DateTime2);
        parameters.Add("ClientReference", ClientReference(order.ClientReference));
        var lines = order.Lines.Select(LineRecord).ToList();
        parameters.Add("Lines", lines.AsTableValuedParameter(OrderLineListType));
        return parameters;
    }

    public static object FindOrder(string owner, string clientReference) =>
        new { Owner = owner, ClientReference = ClientReference(clientReference) };

    public static DynamicParameters List(string owner, OrderPosition? after, int limit)
    {
        var parameters = new DynamicParameters(new { Owner = owner, Limit = limit });
        if (after is not null)
        {
            parameters.Add("AfterCreatedAt", after.CreatedAt, DbType.DateTime2);
            parameters.Add("AfterOrderId", after.OrderId, DbType.Guid);
        }
        return parameters;
    }

    public static object LinesOfOrders(string owner, IEnumerable<Guid> orderIds)
    {
        var records = orderIds.Distinct().Select(orderId =>
        {
            var record = new SqlDataRecord([.. OrderIdColumns]);
            record.SetGuid(0, orderId);
            return record;
        }).ToList();
        return new { Owner = owner, OrderIds = records.AsTableValuedParameter(OrderIdListType) };
    }

    public static object TakeMigrationLock(string resource, TimeSpan wait) =>
        new { Resource = resource, LockTimeoutMs = (int)wait.TotalMilliseconds };

    public static object ReleaseMigrationLock(string resource) => new { Resource = resource };

    private static DbString ClientReference(string value) =>
        new() { Value = value, IsAnsi = true, Length = ClientReferenceLength };

    private static SqlDataRecord LineRecord(OrderLine line)
    {
        var record = new SqlDataRecord([.. OrderLineColumns]);
        record.SetInt32(0, line.LineNumber);
        record.SetString(1, line.Sku);
        record.SetInt32(2, line.Quantity);
        record.SetInt64(3, line.UnitPrice);
        record.SetInt64(4, line.LineTotal);
        return record;
    }
}
