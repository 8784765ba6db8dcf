using Mono.Cecil;

namespace Orders.Api.Tests.Architecture;

/// <summary>
/// The rooms of src/Orders.Api use each other only as docs/architecture.md draws them: the HTTP surface
/// uses the rules, the contracts and the model, and storage; events, health, OpenAPI hang off the side;
/// nothing uses the composition root; and no two rooms reach each other.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void EveryRoomUsesOnlyTheRoomsTheMapAllows_InTheCompiledAssembly() =>
        AssertNone(RoomRules.Forbidden(RoomDependencies.InAssembly(RoomDependencies.ApiAssemblyPath)));

    [Fact]
    public void EveryRoomUsesOnlyTheRoomsTheMapAllows_InTheSourcesUsingLines() =>
        AssertNone(RoomRules.Forbidden(RoomDependencies.InSources(RoomDependencies.ApiSourceRoot)));

    [Fact]
    public void NoTwoRoomsReachEachOther()
    {
        var uses = RoomDependencies.InAssembly(RoomDependencies.ApiAssemblyPath)
            .Concat(RoomDependencies.InSources(RoomDependencies.ApiSourceRoot));

        AssertNone(RoomRules.Cycles(uses));
    }

    [Fact]
    public void EveryNamespaceOfTheApiIsARoomOnTheMap()
    {
        using var module = ModuleDefinition.ReadModule(RoomDependencies.ApiAssemblyPath);

        var unmapped = module.Types
            .Select(type => Rooms.Of(type.Namespace))
            .OfType<string>()
            .Where(room => !Rooms.MayUse.ContainsKey(room))
            .Distinct(StringComparer.Ordinal);

        Assert.Empty(unmapped);
    }

    [Fact]
    public void TheMapOnThisPage_IsTheMapTheTestHolds()
    {
        var page = ArchitecturePage.MayUse();

        Assert.Equal(Rooms.MayUse.Keys.Order(StringComparer.Ordinal), page.Keys.Order(StringComparer.Ordinal));
        foreach (var (room, allowed) in Rooms.MayUse)
        {
            Assert.True(allowed.Order(StringComparer.Ordinal).SequenceEqual(page[room].Order(StringComparer.Ordinal)),
                $"{room}: the test allows [{string.Join(", ", allowed)}], docs/architecture.md says [{string.Join(", ", page[room])}]");
        }
    }

    [Fact]
    public void TheMapItselfHasNoCycle()
    {
        var drawn = Rooms.MayUse
            .SelectMany(room => room.Value.Where(to => to != "*").Select(to => new RoomUse(room.Key, to, "the map")));

        Assert.Empty(RoomRules.Cycles(drawn));
    }

    [Theory]
    [InlineData("Model", "Storage")]
    [InlineData("Storage", "Http.Endpoints")]
    [InlineData("Storage", "Events")]
    [InlineData("Rules", "Http.Requests")]
    [InlineData("Http.Endpoints", "Hosting")]
    public void AReversedUse_IsReported(string from, string to)
    {
        // Given the uses the API has, plus one that runs against the arrows
        var uses = RoomDependencies.InAssembly(RoomDependencies.ApiAssemblyPath)
            .Append(new RoomUse(from, to, "a reversed use"));

        // Then the check names it
        Assert.Contains(RoomRules.Forbidden(uses), line => line.StartsWith($"{from} -> {to} ", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoRoomsThatUseEachOther_AreReportedAsACycle()
    {
        var uses = new[] { new RoomUse("Storage", "Events", "x"), new RoomUse("Events", "Storage", "y") };

        Assert.Equal(["Events and Storage reach each other"], RoomRules.Cycles(uses));
    }

    [Fact]
    public void TheCheckSeesWhatIsUsedOnlyInAMethodBody() =>
        // OrdersApi's handlers call the store only inside their bodies; the assembly's IL shows it.
        Assert.Contains(RoomDependencies.InAssembly(RoomDependencies.ApiAssemblyPath),
            use => use is { From: "Http.Endpoints", To: "Storage" });

    // Every line in the message: an architecture failure is read, not counted.
    private static void AssertNone(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, ["", .. problems]));
}
