using Microsoft.Extensions.Options;
using Orders.Api.Configuration;

namespace Orders.Api.Hosting;

/// <summary>
/// Runs the app so that a start-up mistake (a setting that cannot be parsed or is out of range, an
/// unknown provider, a missing or malformed connection string, a database that does not exist, a port
/// in use) ends with one logged error naming what to fix and exit code 1, instead of an unhandled
/// exception with its stack trace and exit code 134. Anything not recognised here is a bug and still
/// crashes loudly.
/// </summary>
public static partial class StartupGuard
{
    public const int MistakeExitCode = 1;

    private const string ConfigurationBinder = "Microsoft.Extensions.Configuration.Binder";

    public static int Run(string[] args, Func<WebApplicationBuilder, int> run)
    {
        WebApplicationBuilder? builder = null;
        try
        {
            builder = WebApplication.CreateBuilder(args);
            return run(builder);
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            // Its own logger: the app's may not exist yet (or is disposed), and this must reach the
            // console before the process exits. It honours the Logging section (e.g. JSON lines).
            using var loggers = LoggerFactory.Create(logging =>
            {
                if (builder is not null)
                {
                    logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
                }
                logging.AddConsole();
            });
            var logger = loggers.CreateLogger("Orders.Api.Startup");
            LogDetails(logger, ex);
            LogCannotStart(logger, reason);
            return MistakeExitCode;
        }
    }

    /// <summary>The one line to log for a start-up mistake, or null when <paramref name="exception"/> is not one.</summary>
    internal static string? Describe(Exception exception) => exception switch
    {
        StartupFailureException => exception.Message,
        // Our validations name the setting ("Storage:MaxAttempts must be 1 to 10.").
        OptionsValidationException options => string.Join(" ", options.Failures),
        // "Failed to convert configuration value 'abc' at 'Storage:MaxAttempts' to type 'System.Int32'."
        InvalidOperationException when IsFromConfigurationBinder(exception) => exception.Message.Contains("'Storage:Provider'", StringComparison.Ordinal)
            ? $"{exception.Message} It must be one of: {string.Join(", ", Enum.GetNames<Storage.StorageProvider>())}."
            : exception.Message,
        // A malformed appsettings.json: "Failed to load configuration from file '…'", the JSON error inside.
        InvalidDataException when exception.InnerException is System.Text.Json.JsonException or FormatException =>
            $"{exception.Message.TrimEnd('.')}: {exception.InnerException.Message}",
        // Kestrel: "Failed to bind to address http://127.0.0.1:5000: address already in use."
        IOException when exception.Source?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true =>
            $"{exception.Message.TrimEnd('.')} (the address comes from --urls or ASPNETCORE_URLS).",
        _ => null,
    };

    // Source names the assembly of the frame that threw, and the JIT may inline the binder's GetValue
    // into our own caller (optimised code does: the built API compiles with QuickJit off), so Source
    // alone can say "Orders.Api"; the binder's own message is the stable mark.
    private static bool IsFromConfigurationBinder(Exception exception) =>
        exception.Source == ConfigurationBinder
        || exception.Message.StartsWith(BinderConversionFailure, StringComparison.Ordinal);

    private const string BinderConversionFailure = "Failed to convert configuration value ";

    [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Cannot start: {Reason}")]
    private static partial void LogCannotStart(ILogger logger, string reason);

    // Off by default: the line above is what an operator needs; the stack is for a developer who asks.
    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Start-up failure details")]
    private static partial void LogDetails(ILogger logger, Exception exception);
}
