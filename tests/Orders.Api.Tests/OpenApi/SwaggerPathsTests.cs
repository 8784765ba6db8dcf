using System.Net;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.OpenApi;

/// <summary>
/// The document and Swagger UI run only for paths under /swagger (so order requests skip their route
/// checks), and every one of their paths is still served, in any letter case.
/// </summary>
public sealed class SwaggerPathsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Theory]
    [InlineData("/swagger/index.html", "text/html")]
    [InlineData("/SWAGGER/index.html", "text/html")]
    [InlineData("/swagger/index.js", "application/javascript")]
    [InlineData("/swagger/v1/swagger.json", "application/json")]
    [InlineData("/swagger/v1/swagger.yaml", "text/yaml")]
    public async Task SwaggerPath_IsServed(string path, string mediaType)
    {
        await using var factory = OrdersApiFactory.For(database);

        var response = await factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SwaggerRoot_RedirectsToTheUi()
    {
        await using var factory = OrdersApiFactory.For(database);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/swagger", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.EndsWith("swagger/index.html", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
