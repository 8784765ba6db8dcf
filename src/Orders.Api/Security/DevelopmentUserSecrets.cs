using System.Reflection;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;

namespace Orders.Api.Security;

/// <summary>
/// Makes the development user secrets (where `dotnet user-jwts create` puts the signing key) reload
/// even when they did not exist yet when the API started.
/// </summary>
/// <remarks>
/// ASP.NET Core adds the user-secrets file only with a watcher on its directory
/// (~/.microsoft/usersecrets/&lt;UserSecretsId&gt;/); when that directory does not exist yet, as on a fresh
/// machine, it looks for secrets.json in the content root instead, and a key created while the API runs
/// is never seen: every token gets 401 until a restart. Here the directory is made at start-up (the
/// one `dotnet user-jwts create` would make) and the source pointed at it with a file-system watcher,
/// so a new key is used within the configuration's reload delay (0.25 s), not a polling interval.
/// </remarks>
internal static class DevelopmentUserSecrets
{
    private const string SecretsFileName = "secrets.json";

    public static WebApplicationBuilder ReloadUserSecretsCreatedAfterStart(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || SecretsPath() is not { } path)
        {
            return builder;
        }
        var directory = Path.GetDirectoryName(path)!;
        var sources = builder.Configuration.Sources;
        var index = IndexOfUserSecrets(sources);
        if (Directory.Exists(directory) || index < 0)
        {
            return builder;
        }
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A home the API may not write to: keep ASP.NET Core's source (a restart sees a new key).
            return builder;
        }
        sources[index] = new JsonConfigurationSource
        {
            // A directory of its own to watch (inotify on Linux): no polling, and nothing else in it.
            FileProvider = new PhysicalFileProvider(directory, ExclusionFilters.None),
            Path = SecretsFileName,
            Optional = true,
            ReloadOnChange = true,
        };
        return builder;
    }

    private static string? SecretsPath()
    {
        var id = typeof(DevelopmentUserSecrets).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId;
        try
        {
            return id is null ? null : PathHelper.GetSecretsPathFromSecretsId(id);
        }
        catch (InvalidOperationException)
        {
            // No home directory to keep user secrets in: there is nothing to watch.
            return null;
        }
    }

    private static int IndexOfUserSecrets(IList<IConfigurationSource> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: SecretsFileName })
            {
                return i;
            }
        }
        return -1;
    }
}
