using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>Sends one POST /orders and turns whatever happens into an <see cref="Outcome"/>.</summary>
public static class LedgerClient
{
    public static async Task<Outcome> PostAsync(HttpClient client, OrderBody body, bool isRetry, CancellationToken abort = default)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(body.Json, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/orders", content, abort);
            var text = await response.Content.ReadAsStringAsync(abort);
            return Read(body.Reference, response, text, started, clock.Elapsed, isRetry);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return Unanswered(body.Reference, Answer.Aborted, started, clock.Elapsed, isRetry);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            return Unanswered(body.Reference, Answer.TimedOut, started, clock.Elapsed, isRetry);
        }
        catch (Exception ex) when (LostAnswers.IsLost(ex))
        {
            return Unanswered(body.Reference, Answer.Lost, started, clock.Elapsed, isRetry);
        }
    }

    private static Outcome Read(string reference, HttpResponseMessage response, string text, DateTime started, TimeSpan elapsed, bool isRetry)
    {
        var status = (int)response.StatusCode;
        var answer = response.StatusCode switch
        {
            HttpStatusCode.Created => Answer.Created,
            HttpStatusCode.Conflict => Answer.Duplicate,
            HttpStatusCode.ServiceUnavailable => Answer.Unavailable,
            _ when status >= 500 => Answer.ServerError,
            _ => Answer.OtherStatus,
        };
        Guid? orderId = null;
        bool? sameRequest = null;
        string? code = null;
        if (text.Length > 0 && text[0] == '{')
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            orderId = root.TryGetProperty("orderId", out var id) ? id.GetGuid() : null;
            sameRequest = root.TryGetProperty("sameRequest", out var same) ? same.GetBoolean() : null;
            code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        return new Outcome(reference, answer, status, orderId, sameRequest, code, response.Headers.RetryAfter is not null, started, elapsed, isRetry);
    }

    private static Outcome Unanswered(string reference, Answer answer, DateTime started, TimeSpan elapsed, bool isRetry) =>
        new(reference, answer, 0, null, null, null, false, started, elapsed, isRetry);
}
