using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Orders.Api.Http.Responses;

namespace Orders.Api.Http.Requests;

/// <summary>
/// Reads a JSON request body under our own rules, so that every way a body can be wrong ends in a
/// precise 4xx problem: 415 for a non-JSON type, 413 past the size limit, MALFORMED_JSON for bad
/// syntax. What the JSON must hold is each reader's own (<see cref="OrderRequestReader"/>, <see cref="TransitionRequestReader"/>).
/// </summary>
internal static class JsonRequestBody
{
    public const int MaxBodyBytes = 64 * 1024;

    private const string InvalidUnicodeNameText = "The body holds a property name that is not valid Unicode text.";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 16,
        AllowDuplicateProperties = false,
    };

    /// <returns>The parsed body (the caller disposes it), or the problem to answer with.</returns>
    public static async Task<(JsonDocument? Document, ProblemResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.UnsupportedMediaType());
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Problems.PayloadTooLarge(MaxBodyBytes));
        }
        var body = await ReadBoundedAsync(request.BodyReader, ct);
        if (body is null)
        {
            return (null, Problems.PayloadTooLarge(MaxBodyBytes));
        }
        try
        {
            return (JsonDocument.Parse(body, DocumentOptions), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.MalformedJson(
                $"Invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: check syntax, nesting depth and repeated property names."));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check unescapes names; a lone surrogate escape ("\ud800") cannot be.
            return (null, InvalidUnicodeName());
        }
    }

    /// <summary>
    /// Reads the body and hands its root to <paramref name="read"/>, the request's own rules, disposing
    /// the document after. Every reader shares the one case no rule can see coming: a property name
    /// holding a lone surrogate escape, which throws when a rule reads it, is MALFORMED_JSON.
    /// </summary>
    /// <remarks><paramref name="state"/> goes to <paramref name="read"/>, so a static lambda serves and a create allocates no closure.</remarks>
    public static async Task<(T? Value, ProblemResult? Problem)> ReadAsync<TState, T>(
        HttpRequest request, TState state, Func<JsonElement, TState, (T? Value, ProblemResult? Problem)> read, CancellationToken ct)
        where T : class
    {
        var (document, problem) = await ReadAsync(request, ct);
        if (document is null)
        {
            return (null, problem);
        }
        using (document)
        {
            try
            {
                return read(document.RootElement, state);
            }
            catch (InvalidOperationException)
            {
                return (null, InvalidUnicodeName());
            }
        }
    }

    /// <summary>A property name holding a lone surrogate escape: JSON syntax allows it, no reader can use it.</summary>
    public static ProblemResult InvalidUnicodeName() => Problems.MalformedJson(InvalidUnicodeNameText);

    /// <returns>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</returns>
    /// <remarks>
    /// Read from the request's pipe, where Kestrel already holds the bytes: the only copy made is the
    /// body itself, once, at its exact size (no staging buffer or growing stream per request).
    /// </remarks>
    private static async Task<byte[]?> ReadBoundedAsync(PipeReader body, CancellationToken ct)
    {
        while (true)
        {
            var read = await body.ReadAsync(ct);
            var buffered = read.Buffer;
            if (buffered.Length > MaxBodyBytes)
            {
                body.AdvanceTo(buffered.End);
                return null;
            }
            if (read.IsCompleted)
            {
                var whole = buffered.ToArray();
                body.AdvanceTo(buffered.End);
                return whole;
            }
            // Nothing consumed, everything examined: the next read returns when more has arrived.
            body.AdvanceTo(buffered.Start, buffered.End);
        }
    }
}
