namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Tests that must not share the process with other running apps: OpenTelemetry listens to meters
/// by name across the process, so exact counter values are only exact when nothing else counts.
/// xunit runs this collection on its own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "RunAlone";
}
