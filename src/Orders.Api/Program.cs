using Orders.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrders();

var app = builder.Build();
app.UseOrders();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
