using Microsoft.Extensions.Hosting;
using Orders.FulfilmentWorker;

// appsettings.json is read from next to the dll, so `dotnet <path>/Orders.FulfilmentWorker.dll` works
// from any directory; environment variables (Fulfilment__Token …) and --Fulfilment:… arguments override it.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddFulfilmentWorker();
await builder.Build().RunAsync();
