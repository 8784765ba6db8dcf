using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

    private readonly TempPath _home = TempPaths.Directory("home");

    /// <summary>The bound: a token made right after `dotnet user-jwts create` works at once.</summary>
    private static readonly TimeSpan PickupBound = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AKeyCreatedWhileTheApiRuns_IsAcceptedWithin2s_WithoutARestart(bool secretsDirectoryExisted)
    {
        // Given a running API with no signing key, on a machine that never had user secrets (or had them for another key)
        var secretsFile = Path.Combine(_home.FullName, ".microsoft", "usersecrets", UserSecretsId, "secrets.json");
        if (secretsDirectoryExisted)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(secretsFile)!);
        }
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["HOME"] = _home.FullName,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Orders"] = database.ConnectionString,
        });
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var (firstKey, firstToken) = NewKey();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, firstToken)).StatusCode);

        // When `dotnet user-jwts create` stores its key, and later a new one replaces it (`dotnet user-jwts key --reset`)
        var firstPickup = await KeyPickupTimeAsync(client, secretsFile, firstKey, firstToken);
        // (right after the first was seen: a watcher sees the second as fast; a poll would wait its whole interval)
        var (secondKey, secondToken) = NewKey();
        var secondPickup = await KeyPickupTimeAsync(client, secretsFile, secondKey, secondToken);

        // Then each key's tokens are accepted within the bound, and the log said once what to run
        api.Terminate();
        var (_, output) = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(firstPickup < PickupBound && secondPickup < PickupBound,
            $"first key used after {firstPickup.TotalSeconds:F2} s, second after {secondPickup.TotalSeconds:F2} s (bound {PickupBound.TotalSeconds} s)\n{output}");
        Assert.Single(output.Split('\n'), line => line.Contains("dotnet user-jwts create --project src/Orders.Api", StringComparison.Ordinal));
        TestContext.Current.SendDiagnosticMessage(
            $"signing key picked up after {firstPickup.TotalSeconds:F2} s and {secondPickup.TotalSeconds:F2} s (directory existed: {secretsDirectoryExisted})");
    }

    private static (byte[] Key, string Token) NewKey()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        return (key, TestTokens.Mint(signingKey: key, audience: UserJwtsAudience, issuer: UserJwtsIssuer));
    }

    /// <summary>
    /// Writes the key as `dotnet user-jwts` does and measures until its token is accepted (at most 10 s),
    /// then places an order with it. Measured with an empty body (401 until the key is used, then 400
    /// from validation), so the first order's cold path (JIT, the first insert) is not counted as the key's.
    /// </summary>
    private static async Task<TimeSpan> KeyPickupTimeAsync(HttpClient client, string secretsFile, byte[] key, string token)
    {
        WriteAsUserJwts(secretsFile, key);
        var clock = Stopwatch.StartNew();
        var elapsed = TimeSpan.MaxValue;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var status = (await PostAsync(client, token, JsonContent.Create(new { }))).StatusCode;
            if (status != HttpStatusCode.Unauthorized)
            {
                elapsed = clock.Elapsed;
                Assert.Equal(HttpStatusCode.BadRequest, status);
                break;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, token)).StatusCode);
        return elapsed;
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

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = body ?? JsonContent.Create(OrderRequests.Valid(OrderRequests.NewReference())) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _home.Dispose();
}
