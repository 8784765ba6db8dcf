using System.Text.Json;

namespace Orders.Api.Rules;

/// <summary>Checks a cancel's body (<see cref="OrderTransitionFields.Cancellation"/>) and reads its reason.</summary>
public static class CancellationReader
{
    /// <exception cref="InvalidOperationException">A property name is not valid Unicode (a lone surrogate escape).</exception>
    public static (string? Reason, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new FieldErrors();
        RequestCheck.Check(body, OrderTransitionFields.Cancellation, errors);
        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary());
        }
        return (OrderTransitionFields.Reason.TextIn(body), errors.ToDictionary());
    }
}
