using System.Text.Json;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// Sends one cancel or change and turns whatever happens into a <see cref="TransitionOutcome"/>, as
/// <see cref="LedgerClient"/> does for creates: a cut or refused connection is a lost answer, the
/// client's timeout a hang.
/// </summary>
public static class TransitionClient
{
    public static async Task<TransitionOutcome> SendAsync(
        HttpClient client, int request, string reference, Func<HttpRequestMessage> message, bool isRetry)
    {
        try
        {
            using var sent = message();
            using var response = await client.SendAsync(sent);
            var text = await response.Content.ReadAsStringAsync();
            return Read(request, reference, (int)response.StatusCode, response.Headers.ETag?.ToString(), text, isRetry);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            return new TransitionOutcome(request, reference, 0, Answer.TimedOut, null, null, null, null, isRetry);
        }
        catch (Exception ex) when (LostAnswers.IsLost(ex))
        {
            return new TransitionOutcome(request, reference, 0, Answer.Lost, null, null, null, null, isRetry);
        }
    }

    private static TransitionOutcome Read(int request, string reference, int status, string? headerTag, string text, bool isRetry)
    {
        if (text.Length == 0 || text[0] != '{')
        {
            return new TransitionOutcome(request, reference, status, null, null, null, null, headerTag, isRetry);
        }
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        bool? Flag(string name) => root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
        var code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
        // A 200's tag is its header (and its body's etag); a problem's is the current order's, in its body.
        var tag = headerTag ?? (root.TryGetProperty("etag", out var e) ? e.GetString() : null);
        return new TransitionOutcome(request, reference, status, null, code, Flag("sameRequest"), Flag("alreadyApplied"), tag, isRetry);
    }
}
