using Orders.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrders();

var app = builder.Build();
if (MigrateCommand.IsRequested(args))
{
    return MigrateCommand.Run(app);
}
app.UseOrders();
app.Run();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
