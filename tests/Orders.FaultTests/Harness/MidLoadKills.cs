using System.Diagnostics;

namespace Orders.FaultTests.Harness;

/// <summary>
/// SIGKILLs of the API at points of a load's progress rather than at moments: a storm of a few
/// hundred requests can end within a second on a fast machine, and a kill after it would cut nothing.
/// Each point is set after the restart before it, a share of what is left, and the clients' retries
/// wait at a <see cref="RetryGate"/> until the restart is over, so the load goes on from where the
/// kill cut it and the next point comes while it runs.
/// </summary>
public static class MidLoadKills
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Kills the API <paramref name="kills"/> times, each when an even share of the requests left of
    /// <paramref name="total"/> is begun (<paramref name="progress"/> counts those begun), restarting
    /// it after each, with <paramref name="retries"/> closed meanwhile. Returns how many kills came
    /// while the load still ran.
    /// </summary>
    public static async Task<int> KillAndRestartAsync(ApiProcess api, Func<int> progress, int total, int kills, Task load, RetryGate retries)
    {
        var hits = 0;
        for (var kill = 1; kill <= kills; kill++)
        {
            var begun = progress();
            var milestone = begun + (total - begun) / (kills - kill + 2);
            // Bounded: a load that stalls or ends stops the wait.
            var waited = Stopwatch.StartNew();
            while (progress() < milestone && !load.IsCompleted && waited.Elapsed < MaxWait)
            {
                await Task.Delay(10);
            }
            if (load.IsCompleted)
            {
                break;
            }
            retries.Close();
            try
            {
                api.Kill();
                hits++;
                await api.RestartAsync();
            }
            finally
            {
                retries.Open();
            }
        }
        return hits;
    }
}
