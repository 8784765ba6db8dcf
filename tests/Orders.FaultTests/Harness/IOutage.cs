using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>A database the outage test can take away from the API and give back, on the same address.</summary>
public interface IOutage
{
    /// <summary>The database the API uses; its connection string leads to what <see cref="StopAsync"/> takes away.</summary>
    IOrderDatabase Database { get; }

    /// <summary>Null when the outage can be staged; otherwise why not.</summary>
    string? UnavailableReason { get; }

    /// <summary>What goes away, for the report ("PostgreSQL stopped", ...).</summary>
    string What { get; }

    Task StopAsync();

    Task StartAsync();
}
