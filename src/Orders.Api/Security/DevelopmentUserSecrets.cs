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
/// is never seen: every token gets 401 until a restart. Here the source is pointed at the real file
/// and polled (one file status every 4 s; a new key was seen 3–8 s after it was written), since there
/// is no directory yet to watch.
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
        var existing = NearestExistingDirectory(directory);
        sources[index] = new JsonConfigurationSource
        {
            // No exclusion filters: the path runs through the hidden .microsoft directory.
            FileProvider = new PhysicalFileProvider(existing, ExclusionFilters.None) { UsePollingFileWatcher = true, UseActivePolling = true },
            Path = Path.GetRelativePath(existing, path),
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

    private static string NearestExistingDirectory(string directory)
    {
        var candidate = directory;
        while (!Directory.Exists(candidate))
        {
            candidate = Path.GetDirectoryName(candidate) ?? throw new DirectoryNotFoundException(directory);
        }
        return candidate;
    }
}
