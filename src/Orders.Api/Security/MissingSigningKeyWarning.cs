using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Orders.Api.Security;

/// <summary>
/// Says once, at start-up, when the API has no way to verify a token (no signing key, no OpenID Connect
/// authority), with the command that fixes it for development. Without it every token is refused with
/// 401 and nothing in the log says why.
/// </summary>
internal sealed partial class MissingSigningKeyWarning(IOptionsMonitor<JwtBearerOptions> options, ILogger<MissingSigningKeyWarning> logger)
    : IHostedService
{
    public const string DevelopmentCommand = "dotnet user-jwts create --project src/Orders.Api";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!CanVerifyTokens(options.Get(JwtBearerDefaults.AuthenticationScheme)))
        {
            LogNoSigningKey(logger, DevelopmentCommand);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool CanVerifyTokens(JwtBearerOptions options)
    {
        var parameters = options.TokenValidationParameters;
        return options.ConfigurationManager is not null
            || parameters.IssuerSigningKey is not null
            || parameters.IssuerSigningKeyResolver is not null
            || parameters.IssuerSigningKeys?.Any() == true;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message =
        "No signing key is configured for bearer tokens, so every order request gets 401. For development run " +
        "`{Command}` from the repository root: it stores a key in your user secrets, and the running API uses it " +
        "without a restart. In production set Authentication:Schemes:Bearer:Authority (an OpenID Connect issuer) " +
        "or SigningKeys (see docs/operations.md).")]
    private static partial void LogNoSigningKey(ILogger logger, string command);
}
