using System.Text.Json;
using Orders.Api.Contracts;
using Orders.Api.Model;

namespace Orders.Api.Rules;

/// <summary>
/// Turns a parsed POST /orders body into a draft, or into every error it holds at once: the declared
/// fields' checks (<see cref="RequestCheck"/> over <see cref="OrderRequestFields"/>), then the rules
/// that span fields (the reference in body and header, the total).
/// </summary>
public static class OrderValidator
{
    public static (OrderDraft? Draft, IReadOnlyDictionary<string, string[]> Errors) Validate(
        JsonElement body, string? idempotencyKeyHeader, JsonSerializerOptions serializerOptions)
    {
        var errors = new FieldErrors();
        RequestCheck.Check(body, OrderRequestFields.Order, errors);
        var reference = Reference(body, idempotencyKeyHeader, errors);
        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary());
        }

        // The check above is the contract of the record: binding cannot fail now.
        var request = body.Deserialize<CreateOrderRequest>(serializerOptions)!;
        var draft = request.ToDraft(reference!);
        if (!TotalFits(draft.Lines))
        {
            errors.Add(OrderRequestFields.Lines.Name, "the order total does not fit in 64-bit minor units");
            return (null, errors.ToDictionary());
        }
        return (draft, errors.ToDictionary());
    }

    /// <summary>The reference from the body or the header, which must agree when both are sent.</summary>
    private static string? Reference(JsonElement body, string? header, FieldErrors errors)
    {
        var field = OrderRequestFields.ClientReference;
        var fromHeader = header is null ? null : ClientReference.FromHeader(header);
        if (fromHeader is not null && !ClientReference.IsValid(fromHeader))
        {
            errors.Add(ClientReference.HeaderName, ClientReference.Rule);
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(field.Name, out var sent) || sent.ValueKind == JsonValueKind.Null)
        {
            if (fromHeader is null) errors.Add(field.Name, $"is required (in the body or the {ClientReference.HeaderName} header)");
            return fromHeader;
        }
        // Any value that is not a valid reference has been reported by the field check.
        var fromBody = sent.ValueKind == JsonValueKind.String ? TryRead(sent) : null;
        if (fromBody is not null && ClientReference.IsValid(fromBody) && fromHeader is not null && fromBody != fromHeader)
        {
            errors.Add(field.Name, $"must equal the {ClientReference.HeaderName} header when both are given");
        }
        return fromBody;
    }

    private static string? TryRead(JsonElement text)
    {
        try
        {
            return text.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TotalFits(IEnumerable<OrderLineDraft> lines)
    {
        try
        {
            _ = OrderTotals.Total(lines.Select(line => OrderTotals.LineTotal(line.Quantity, line.UnitPrice)));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
