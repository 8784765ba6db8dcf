namespace Orders.Api.Rules;

/// <summary>The errors of one request: for each field (by JSON path), its messages in the order found.</summary>
internal sealed class FieldErrors
{
    /// <summary>A body of thousands of bad lines or unknown names gets a useful answer, not a 64 KiB echo of itself.</summary>
    public const int MaxFields = 50;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public bool Full => _errors.Count >= MaxFields;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            if (Full) return;
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
