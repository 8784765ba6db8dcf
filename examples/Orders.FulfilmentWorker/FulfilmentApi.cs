using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orders.FulfilmentWorker;

/// <summary>
/// One fulfil request, POST /owners/{owner}/orders/{clientReference}/fulfilment, sent again blindly
/// (the same body each time) on what a retry can change: a network error, a timeout, a 5xx (503
/// STORE_UNAVAILABLE among them), 408 and 429. The answers that settle the event are told apart by
/// their problem code, so a 404 or 409 from something that is not the fulfil route (a wrong base
/// URL, a proxy) is never taken for "nothing to ship".
/// </summary>
public sealed class FulfilmentApi(HttpClient http, IOptions<FulfilmentOptions> options, ILogger<FulfilmentApi> log)
{
    private readonly FulfilmentOptions _options = options.Value;

    public sealed record Result(FulfilmentOutcome Outcome, int Attempts, int? LastStatus);

    public async Task<Result> FulfilAsync(string owner, string clientReference, Guid eventId, CancellationToken ct)
    {
        var path = $"owners/{Uri.EscapeDataString(owner)}/orders/{Uri.EscapeDataString(clientReference)}/fulfilment";
        var shipment = Shipment.For(eventId, _options.Carrier);
        int? lastStatus = null;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, status) = await AttemptAsync(path, shipment, ct);
            lastStatus = status ?? lastStatus;
            if (outcome is not null)
            {
                return new Result(outcome.Value, attempt, lastStatus);
            }
            if (attempt >= _options.MaxAttempts)
            {
                return new Result(FulfilmentOutcome.RetryLater, attempt, lastStatus);
            }
            var delay = Backoff(attempt);
            WorkerLog.AttemptFailed(log, owner, clientReference, attempt, status, delay.TotalMilliseconds);
            await Task.Delay(delay, ct);
        }
    }

    /// <summary>The outcome, or null when the attempt should be sent again; the status when one came.</summary>
    private async Task<(FulfilmentOutcome? Outcome, int? Status)> AttemptAsync(string path, Shipment shipment, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.AttemptTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = JsonContent.Create(new { carrier = shipment.Carrier, trackingNumber = shipment.TrackingNumber }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
            using var response = await http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return (await ClassifyAsync(response, timeout.Token), status);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or System.Net.Sockets.SocketException or IOException or OperationCanceledException or JsonException)
        {
            // Refused or cut connection (on Linux sometimes a bare SocketException), the attempt's timeout, a
            // body cut off mid-read: the request may
            // or may not have been applied, and sending it again is safe either way.
            return (null, null);
        }
    }

    private static async Task<FulfilmentOutcome?> ClassifyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.OK)
        {
            return FulfilmentOutcome.Fulfilled;
        }
        if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            return null;
        }
        return (status, await ProblemCodeAsync(response, ct)) switch
        {
            (HttpStatusCode.Conflict, "ORDER_ALREADY_FULFILLED") => FulfilmentOutcome.AlreadyFulfilled,
            (HttpStatusCode.Conflict, "ORDER_CANCELLED") => FulfilmentOutcome.Cancelled,
            (HttpStatusCode.NotFound, "ORDER_NOT_FOUND") => FulfilmentOutcome.NotFound,
            _ => FulfilmentOutcome.Refused,
        };
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("code", out var code)
               && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
    }

    // Exponential with jitter (half to all of the step), so workers retrying after one outage do not
    // come back in step.
    private TimeSpan Backoff(int attempt)
    {
        var step = Math.Min(_options.MaxBackoffMilliseconds, _options.InitialBackoffMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(step * (0.5 + Random.Shared.NextDouble() / 2));
    }
}
