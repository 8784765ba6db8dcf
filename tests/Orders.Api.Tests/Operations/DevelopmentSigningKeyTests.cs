using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration.UserSecrets;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// The README's order: `dotnet run` first, `dotnet user-jwts create` afterwards. The API runs as a
/// Development process whose home directory is a temporary one, so the key lands where
/// `dotnet user-jwts` would put it for that user, never in the real user's secrets.
/// </summary>
public sealed class DevelopmentSigningKeyTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    // What `dotnet user-jwts create` puts in tokens (appsettings.Development.json trusts them).
    private const string UserJwtsIssuer = "dotnet-user-jwts";
    private const string UserJwtsAudience = "http://localhost:5080";

    private readonly string _home = Directory.CreateTempSubdirectory("orders-home-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AKeyCreatedWhileTheApiRuns_IsAcceptedWithoutARestart(bool secretsDirectoryExisted)
    {
        // Given a running API with no signing key, on a machine that never had user secrets (or had them for another key)
        var secretsFile = Path.Combine(_home, ".microsoft", "usersecrets", UserSecretsId, "secrets.json");
        if (secretsDirectoryExisted)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(secretsFile)!);
        }
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["HOME"] = _home,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Orders"] = database.ConnectionString,
        });
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var token = TestTokens.Mint(signingKey: key, audience: UserJwtsAudience, issuer: UserJwtsIssuer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, token)).StatusCode);

        // When `dotnet user-jwts create` stores its key
        WriteAsUserJwts(secretsFile, key);

        // Then the next tokens are accepted (the file is noticed within seconds), and the log said once what to run
        var accepted = await PostUntilAcceptedAsync(client, token, TimeSpan.FromSeconds(20));
        api.Terminate();
        var (_, output) = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(accepted, output);
        Assert.Single(output.Split('\n'), line => line.Contains("dotnet user-jwts create --project src/Orders.Api", StringComparison.Ordinal));
    }

    private static string UserSecretsId =>
        typeof(Program).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()!.UserSecretsId;

    /// <summary>The file exactly as `dotnet user-jwts create` (SDK 10) writes it, in ~/.microsoft/usersecrets/&lt;UserSecretsId&gt;/.</summary>
    private static void WriteAsUserJwts(string secretsFile, byte[] key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(secretsFile)!);
        File.WriteAllText(secretsFile, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Authentication:Schemes:Bearer:SigningKeys"] = new[]
            {
                new { Id = "49f05eef", Issuer = UserJwtsIssuer, Value = Convert.ToBase64String(key), Length = key.Length },
            },
        }));
    }

    private static async Task<bool> PostUntilAcceptedAsync(HttpClient client, string token, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if ((await PostAsync(client, token)).StatusCode == HttpStatusCode.Created)
            {
                return true;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        return false;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = System.Net.Http.Json.JsonContent.Create(OrderRequests.Valid(OrderRequests.NewReference())) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
