using System.Globalization;

namespace Orders.Api.Tests.Fixtures;

/// <summary>The TCP host and port of a SqlClient Data Source ("tcp:host,port", "host,port" or "host").</summary>
public static class SqlServerEndpoint
{
    private const int DefaultPort = 1433;

    public static (string Host, int Port) Parse(string dataSource)
    {
        var source = dataSource.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) ? dataSource[4..] : dataSource;
        var comma = source.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            if (source.Contains('\\', StringComparison.Ordinal))
            {
                throw new ArgumentException($"A named instance ({dataSource}) has no fixed port to relay; give host,port.", nameof(dataSource));
            }
            return (source, DefaultPort);
        }
        return (source[..comma].Trim(), int.Parse(source[(comma + 1)..].Trim(), CultureInfo.InvariantCulture));
    }
}
