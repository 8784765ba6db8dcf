namespace Orders.Api.Tests.Readme;

/// <summary>
/// An HTTP answer as text, the way `curl -i` prints it and the README's ```http blocks show it: the
/// status line, header lines, an empty line, the body.
/// </summary>
internal sealed record HttpAnswer(string StatusLine, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public static HttpAnswer Parse(string text)
    {
        var normalized = text.ReplaceLineEndings("\n");
        var end = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = (end < 0 ? normalized : normalized[..end]).Split('\n');
        var headers = head[1..]
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0].Trim(), parts.Length == 2 ? parts[1].Trim() : ""))
            .ToList();
        return new HttpAnswer(head[0].Trim(), headers, end < 0 ? "" : normalized[(end + 2)..]);
    }

    /// <summary>The value of the header <paramref name="name"/> (names are case-insensitive), or null when not sent.</summary>
    public string? Header(string name) =>
        Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();

    /// <summary>
    /// Where <paramref name="shown"/> (an example) differs from this answer: its status line, and each
    /// header it shows with exactly the value sent. Headers the example leaves out (Date, Server…) are
    /// not its business.
    /// </summary>
    public IEnumerable<string> HeadDifferencesFrom(HttpAnswer shown)
    {
        if (shown.StatusLine != StatusLine)
        {
            yield return $"status line: the README shows '{shown.StatusLine}', the API sends '{StatusLine}'";
        }
        foreach (var (name, value) in shown.Headers)
        {
            var sent = Header(name);
            // The ETag is new with every order, as the body's orderId is: held to its format, not its value.
            if (string.Equals(name, "ETag", StringComparison.OrdinalIgnoreCase))
            {
                if (sent is null || !JsonExample.StrongETag().IsMatch(sent) || !JsonExample.StrongETag().IsMatch(value))
                {
                    yield return $"{name}: the README shows '{value}', the API sends {(sent is null ? "no such header" : $"'{sent}'")}, not both strong tags";
                }
                continue;
            }
            if (sent != value)
            {
                yield return $"{name}: the README shows '{value}', the API sends {(sent is null ? "no such header" : $"'{sent}'")}";
            }
        }
    }
}
