using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.OpenApi;

/// <summary>openapi.yaml is the contract the clients are generated from: it must be what the app serves.</summary>
public sealed class OpenApiDocumentTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    public const string Regenerate =
        "dotnet tool restore && dotnet build src/Orders.Api && Storage__MigrateOnStartup=false " +
        "dotnet swagger tofile --yaml --output openapi.yaml src/Orders.Api/bin/Debug/net10.0/Orders.Api.dll v1";

    [Fact]
    public async Task CommittedOpenApiYaml_IsTheDocumentTheAppServes()
    {
        await using var factory = OrdersApiFactory.For(database);
        var ct = TestContext.Current.CancellationToken;

        var served = Lines(await factory.CreateClient().GetStringAsync(new Uri("/swagger/v1/swagger.yaml", UriKind.Relative), ct));
        var committed = Lines(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "openapi.yaml"), ct));

        var firstDifference = Enumerable.Range(0, Math.Max(served.Length, committed.Length))
            .FirstOrDefault(i => served.ElementAtOrDefault(i) != committed.ElementAtOrDefault(i), -1);
        Assert.True(firstDifference < 0,
            $"openapi.yaml differs from the served document at line {firstDifference + 1}: committed " +
            $"'{committed.ElementAtOrDefault(firstDifference)}', served '{served.ElementAtOrDefault(firstDifference)}'. " +
            $"Regenerate it from the repository root: {Regenerate}");
    }

    private static string[] Lines(string yaml) => yaml.ReplaceLineEndings("\n").TrimEnd().Split('\n');
}
