using Orders.Api.Hosting;


return StartupGuard.Run(args, builder =>
{
    builder.AddOrders();
    using var app = builder.Build();
    if (MigrateCommand.IsRequested(args))
    {
        return MigrateCommand.Run(app);
    }
    app.UseOrders();
    var startupMigration = app.Services.GetRequiredService<StartupMigration>();
    app.Run();
    // 1 when a start-up migration retried in the background met a mistake and stopped the app.
    return startupMigration.ExitCode;
});

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
