using System.Net;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Smoke;

/// <summary>
/// The artifact as deployed (ApiLauncher: <c>dotnet Orders.Api.dll</c> as a process, production
/// settings) on each provider: it boots, is ready, creates, answers the duplicate, reads, changes and
/// cancels an order (each repeated: 412 alreadyApplied, 409 already cancelled), fulfils another with a
/// service token (repeated: 409 already fulfilled; the customer's cancel then 409 not cancellable), and
/// stops cleanly on SIGTERM. In-process tests cannot show this: they run in the test host's runtime
/// configuration, not the one Orders.Api.runtimeconfig.json ships.
/// </summary>
public abstract class DeployedArtifactSmoke<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeployedArtifact_Boots_Creates_AnswersTheDuplicate_Reads_ChangesCancelsAndFulfils_AndExits0OnSigterm()
    {
        TestRequirements.SkipOrFailWhenUnavailable(database.Name, database.UnavailableReason);

        // Given the deployed process on this provider (it migrates at start, as by default),
        await using var api = await ApiProcess.StartAsync(
            ProductionSettings.For(database), TimeSpan.FromSeconds(60));
        using var client = ProductionSettings.ClientFor(api);
        await api.ExpectAliveDuringAsync(async () =>
        {
            // It says ready once its pool is warm (Storage:WarmUpSeconds, 30 s at most), as a load balancer waits for.
            Assert.Equal(HttpStatusCode.OK, await Readiness.WaitForReadyAsync(client, TimeSpan.FromSeconds(40), Ct));

            // when an order is placed, placed again, and read,
            var reference = OrderRequests.NewReference();
            var created = await client.PostOrderAsync(OrderRequests.Valid(reference));
            var duplicate = await client.PostOrderAsync(OrderRequests.Valid(reference));
            var read = await client.GetAsync($"/orders/{reference}", Ct);

            // then 201, 409 naming the same order, 200 with it,
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var orderId = (string?)(await created.ReadJsonAsync())["orderId"];
            Assert.Equal(orderId, (string?)(await duplicate.ReadJsonAsync())["orderId"]);
            Assert.Equal(orderId, (string?)(await read.ReadJsonAsync())["orderId"]);

            // and when it is changed, the change repeated with the old tag, cancelled and cancelled again,
            var placedTag = created.Headers.ETag!.ToString();
            var changed = await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), placedTag);
            var changeRepeated = await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), placedTag);
            var cancelled = await client.CancelOrderAsync(reference, "smoke");
            var cancelRepeated = await client.CancelOrderAsync(reference, "smoke");

            // then 200, 412 saying the change is in, 200 cancelled, 409 naming that cancel.
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(HttpStatusCode.PreconditionFailed, changeRepeated.StatusCode);
            Assert.True((bool)(await changeRepeated.ReadJsonAsync())["alreadyApplied"]!);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            Assert.Equal("cancelled", (string?)(await cancelled.ReadJsonAsync())["status"]);
            Assert.Equal(HttpStatusCode.Conflict, cancelRepeated.StatusCode);
            Assert.Equal("ORDER_ALREADY_CANCELLED", (string?)(await cancelRepeated.ReadJsonAsync())["code"]);

            // And when the fulfilment service fulfils another order, fulfils it again, and its customer cancels it,
            var shipped = OrderRequests.NewReference();
            Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(shipped))).StatusCode);
            using var service = ProductionSettings.ClientFor(api, TestTokens.MintService());
            var fulfilled = await service.FulfilOrderAsync(TestTokens.DefaultOwner, shipped, TransitionRequests.Shipment("DHL", "JD014600006281"));
            var fulfilRepeated = await service.FulfilOrderAsync(TestTokens.DefaultOwner, shipped, TransitionRequests.Shipment("DHL", "JD014600006281"));
            var lateCancel = await client.CancelOrderAsync(shipped, "too late");

            // then 200 fulfilled with its tracking number, 409 saying it is done, and 409 refusing the cancel.
            Assert.Equal(HttpStatusCode.OK, fulfilled.StatusCode);
            var shippedOrder = await fulfilled.ReadJsonAsync();
            Assert.Equal("fulfilled", (string?)shippedOrder["status"]);
            Assert.Equal("JD014600006281", (string?)shippedOrder["trackingNumber"]);
            Assert.Equal(HttpStatusCode.Conflict, fulfilRepeated.StatusCode);
            Assert.Equal("ORDER_ALREADY_FULFILLED", (string?)(await fulfilRepeated.ReadJsonAsync())["code"]);
            Assert.Equal(HttpStatusCode.Conflict, lateCancel.StatusCode);
            var refusal = await lateCancel.ReadJsonAsync();
            Assert.Equal("ORDER_NOT_CANCELLABLE", (string?)refusal["code"]);
            Assert.Equal("fulfilled", (string?)refusal["orderStatus"]);
        });

        // and SIGTERM ends it with 0, nothing logged as an error on the way.
        api.Terminate();
        var (exitCode, output) = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        StartupOutput.AssertNoCrash(output);
        Assert.DoesNotContain("fail: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("crit: ", output, StringComparison.Ordinal);
    }
}

public sealed class SqliteDeployedArtifactSmoke(SqliteDatabase database) : DeployedArtifactSmoke<SqliteDatabase>(database);

public sealed class PostgreSqlDeployedArtifactSmoke(PostgreSqlDatabase database) : DeployedArtifactSmoke<PostgreSqlDatabase>(database);

/// <summary>Against a real SQL Server: ORDERS_TEST_SQLSERVER or Docker; skipped (or failed, when required) otherwise.</summary>
public sealed class SqlServerDeployedArtifactSmoke(SqlServerDatabase database) : DeployedArtifactSmoke<SqlServerDatabase>(database);
