using Microsoft.Extensions.Options;
using Orders.Api.Configuration;
using Orders.Api.Observability;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;
using Orders.Api.Storage.Sqlite;
using Orders.Api.Storage.SqlServer;

namespace Orders.Api.Hosting;

/// <summary>Registers the store and migrator named by <c>Storage:Provider</c>.</summary>
/// <remarks>
/// Everything resolves lazily from configuration, so whatever sets it last (appsettings, environment,
/// command line, a test host) decides, and nothing touches a database before it is first used.
/// </remarks>
internal static class StorageRegistration
{
    public static IHostApplicationBuilder AddOrderStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(options => Enum.IsDefined(options.Provider), "Storage:Provider must be Sqlite, PostgreSql or SqlServer.")
            .Validate(options => options.MaxAttempts is >= 1 and <= 10, "Storage:MaxAttempts must be 1 to 10.")
            .Validate(options => options.RequestTimeoutSeconds is >= 1 and <= 300, "Storage:RequestTimeoutSeconds must be 1 to 300.")
            .Validate(options => options.RetryAfterSeconds is >= 1 and <= 3600, "Storage:RetryAfterSeconds must be 1 to 3600.")
            .Validate(options => options.AnalyzeNewTablesAfterCreates >= 0, "Storage:AnalyzeNewTablesAfterCreates must be 0 or more.")
            .Validate(options => options.PoolSize is >= 0 and <= 1000, "Storage:PoolSize must be 0 to 1000.")
            .Validate(options => options.WarmUpSeconds is >= 0 and <= 600, "Storage:WarmUpSeconds must be 0 to 600.")
            .ValidateOnStart();
        // Stores take the value: the provider and its settings are fixed for the life of the process.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        builder.Services.AddSingleton(sp => StoreTimeouts.Of(sp.GetRequiredService<StorageOptions>()));
        builder.Services.AddSingleton(sp => ResolveConnectionString(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<StorageOptions>(), sp.GetRequiredService<StoreTimeouts>()));

        builder.Services.AddSingleton<StartupMigration>();
        builder.Services.AddSingleton<TransientRetryPolicy>();
        builder.Services.AddSingleton(sp => PostgreSqlDataSource.ForConfigured(sp.GetRequiredService<OrdersConnectionString>().Store));
        builder.Services.AddSingleton<PostgreSqlFreshTables>();
        // Every store is timed (orders.store.duration) by the same decorator.
        builder.Services.AddSingleton<IOrderStore>(sp => new InstrumentedOrderStore(CreateStore(sp), sp.GetRequiredService<OrdersMetrics>()));
        builder.Services.AddSingleton<IDatabaseMigrator>(sp => sp.GetRequiredService<StorageOptions>().Provider switch
        {
            StorageProvider.Sqlite => ActivatorUtilities.CreateInstance<SqliteMigrator>(sp),
            StorageProvider.PostgreSql => ActivatorUtilities.CreateInstance<PostgreSqlMigrator>(sp),
            StorageProvider.SqlServer => ActivatorUtilities.CreateInstance<SqlServerMigrator>(sp),
            var other => throw NotAvailable(other),
        });
        // Connections opened and warmed before the instance says ready (Hosting/PoolWarmUpService).
        builder.Services.AddSingleton<PoolWarmth>();
        builder.Services.AddSingleton<IStoreWarmUp>(sp => sp.GetRequiredService<StorageOptions>().Provider switch
        {
            StorageProvider.PostgreSql => ActivatorUtilities.CreateInstance<PostgreSqlWarmUp>(sp),
            StorageProvider.SqlServer => ActivatorUtilities.CreateInstance<SqlServerWarmUp>(sp),
            _ => new NoWarmUp(),
        });
        builder.Services.AddHostedService<PoolWarmUpService>();
        // The relay's side of the outbox table the stores write to (Events/OrderEventRelay).
        builder.Services.AddSingleton<IOrderEventOutbox>(sp => sp.GetRequiredService<StorageOptions>().Provider switch
        {
            StorageProvider.Sqlite => ActivatorUtilities.CreateInstance<SqliteEventOutbox>(sp),
            StorageProvider.PostgreSql => ActivatorUtilities.CreateInstance<PostgreSqlEventOutbox>(sp),
            StorageProvider.SqlServer => ActivatorUtilities.CreateInstance<SqlServerEventOutbox>(sp),
            var other => throw NotAvailable(other),
        });
        return builder;
    }

    /// <summary>
    /// Checks the storage settings and applies pending migrations unless <c>Storage:MigrateOnStartup</c>
    /// is false (what an unreachable server does then: <see cref="StartupMigration"/>).
    /// </summary>
    /// <exception cref="StartupFailureException">A setting to fix or a migration that failed, in one line.</exception>
    public static WebApplication MigrateOrderStorageIfEnabled(this WebApplication app)
    {
        app.Services.GetRequiredService<StartupMigration>().Start();
        return app;
    }

    private static IOrderStore CreateStore(IServiceProvider sp) => sp.GetRequiredService<StorageOptions>().Provider switch
    {
        StorageProvider.Sqlite => ActivatorUtilities.CreateInstance<SqliteOrderStore>(sp),
        StorageProvider.PostgreSql => ActivatorUtilities.CreateInstance<PostgreSqlOrderStore>(sp),
        StorageProvider.SqlServer => ActivatorUtilities.CreateInstance<SqlServerOrderStore>(sp),
        var other => throw NotAvailable(other),
    };

    // Resolved at start-up (StartupMigration.Start), so its mistakes stop the app there.
    private static OrdersConnectionString ResolveConnectionString(IConfiguration configuration, StorageOptions options, StoreTimeouts timeouts)
    {
        var provider = options.Provider;
        var configured = configuration.GetConnectionString(OrdersConnectionString.Name);
        // Optional; blank is unset. Checked as the other is: a string the driver cannot parse stops the app now.
        var migrations = configuration.GetConnectionString(OrdersConnectionString.MigrationsName) is { } given && !string.IsNullOrWhiteSpace(given)
            ? given
            : null;
        if (migrations is not null)
        {
            DatabaseTarget.Describe(provider, migrations);
        }
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // A string the driver cannot parse, or a timeout in it longer than the request's deadline,
            // is a mistake to report now, not at the first request.
            DatabaseTarget.Describe(provider, configured);
            return new OrdersConnectionString(configured, StoreConnectionString(provider, configured, timeouts, options.PoolSize), migrations);
        }
        return provider == StorageProvider.Sqlite
            ? new OrdersConnectionString(OrdersConnectionString.SqliteDefault, StoreConnectionString(provider, OrdersConnectionString.SqliteDefault, timeouts, options.PoolSize), migrations)
            : throw new ConfigurationMistakeException(
                $"Storage:Provider is {provider}: set {DatabaseTarget.Setting} " +
                $"(environment variable ConnectionStrings__{OrdersConnectionString.Name}).");
    }

    private static string StoreConnectionString(StorageProvider provider, string configured, StoreTimeouts timeouts, int poolSize) => provider switch
    {
        StorageProvider.PostgreSql => PostgreSqlDataSource.Configure(configured, timeouts, poolSize),
        StorageProvider.SqlServer => SqlServerConnections.Configure(configured, timeouts, poolSize),
        _ => SqliteConnections.Configure(configured, timeouts),
    };

    private static NotSupportedException NotAvailable(StorageProvider provider) =>
        new($"Storage:Provider {provider} is not available yet.");
}
