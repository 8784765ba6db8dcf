using System.Text.Json;
using Orders.Api.Model;

namespace Orders.Api.Rules;

/// <summary>
/// Turns a parsed merge patch (RFC 7396) into an <see cref="OrderPatch"/>, or into every error it holds:
/// the declared members' checks (<see cref="OrderTransitionFields.Change"/>, merge-patch mode, so
/// nothing is missing and null removes only what is optional), then what only a patch can get wrong.
/// </summary>
/// <remarks>Read from the JSON, not bound to a record: a member left out and a member sent as null mean different things.</remarks>
public static class OrderChangeReader
{
    public static (OrderPatch? Patch, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new FieldErrors();
        RequestCheck.Check(body, OrderTransitionFields.Change, errors, mergePatch: true);
        if (errors.Count > 0)
        {
            return (null, ExplainFixed(errors.ToDictionary()));
        }
        var customer = Member(body, "customer");
        var address = Member(body, "shippingAddress");
        var patch = new OrderPatch(
            Text(customer, "name"),
            Text(customer, "phone"),
            address is { ValueKind: JsonValueKind.Null },
            Text(address, "line1"),
            Text(address, "line2"),
            Text(address, "city"),
            Text(address, "postalCode"),
            Text(address, "country"));
        if (!patch.CustomerName.IsSet && !patch.CustomerPhone.IsSet && !patch.RemovesShippingAddress && !patch.TouchesAddress)
        {
            errors.Add(RequestCheck.Root, "changes nothing: send customer.name, customer.phone or shippingAddress");
            return (null, errors.ToDictionary());
        }
        return (patch, errors.ToDictionary());
    }

    /// <summary>The error of a patch that only completes an address the order does not have.</summary>
    public static IReadOnlyDictionary<string, string[]> NoAddressToMerge() => new Dictionary<string, string[]>
    {
        ["shippingAddress"] = ["the order has no shipping address to merge into: send line1, city, postalCode and country together"],
    };

    private static JsonElement? Member(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) ? member : null;

    private static Patched<string?> Text(JsonElement? parent, string name) =>
        Member(parent, name) is { } value ? new Patched<string?>(true, value.ValueKind == JsonValueKind.Null ? null : value.GetString()) : default;

    // A member an order keeps is reported as such, not as unknown: the client knows the name, it cannot change it.
    private static Dictionary<string, string[]> ExplainFixed(Dictionary<string, string[]> errors)
    {
        foreach (var path in errors.Keys.Where(OrderTransitionFields.Fixed.Contains).ToList())
        {
            errors[path] = [OrderTransitionFields.FixedMessage];
        }
        return errors;
    }
}
