namespace Orders.Api.Model;

/// <summary>
/// What a change of a placed order sets: the customer's name and phone, and the shipping address, as
/// a merge patch (RFC 7396) reads them. The lines, the currency and the email are not here on purpose
/// (docs/design.md, "Changing an order"): they fix what was sold, for how much and to whom.
/// </summary>
/// <remarks>
/// The address merges member by member into the stored one; <see cref="RemovesShippingAddress"/> is a
/// patch of <c>"shippingAddress": null</c>. A patch that sets some of the address but not its required
/// members cannot apply to an order that has no address (<see cref="NeedsStoredAddress"/>): the store
/// refuses it in the same conditional statement that would apply it.
/// </remarks>
public sealed record OrderPatch(
    Patched<string?> CustomerName,
    Patched<string?> CustomerPhone,
    bool RemovesShippingAddress,
    Patched<string?> Line1,
    Patched<string?> Line2,
    Patched<string?> City,
    Patched<string?> PostalCode,
    Patched<string?> Country)
{
    /// <summary>True when the patch sets some address member.</summary>
    public bool TouchesAddress => Line1.IsSet || Line2.IsSet || City.IsSet || PostalCode.IsSet || Country.IsSet;

    /// <summary>
    /// True when the patch only completes an address that must already be stored: it sets address
    /// members, but not every required one (line1, city, postal code, country).
    /// </summary>
    public bool NeedsStoredAddress =>
        !RemovesShippingAddress && TouchesAddress && !(Line1.IsSet && City.IsSet && PostalCode.IsSet && Country.IsSet);

    /// <summary>
    /// The order as this patch leaves it, version and all else unchanged, or null when it cannot apply
    /// (<see cref="NeedsStoredAddress"/> and the order has no address).
    /// </summary>
    public Order? ApplyTo(Order order)
    {
        var customer = order.Customer with
        {
            Name = CustomerName.ApplyTo(order.Customer.Name),
            Phone = CustomerPhone.ApplyTo(order.Customer.Phone),
        };
        if (RemovesShippingAddress || !TouchesAddress)
        {
            return order with { Customer = customer, ShippingAddress = RemovesShippingAddress ? null : order.ShippingAddress };
        }
        var stored = order.ShippingAddress;
        if (stored is null && NeedsStoredAddress)
        {
            return null;
        }
        var address = new ShippingAddress(
            Line1.ApplyTo(stored?.Line1)!,
            Line2.ApplyTo(stored?.Line2),
            City.ApplyTo(stored?.City)!,
            PostalCode.ApplyTo(stored?.PostalCode)!,
            Country.ApplyTo(stored?.Country)!);
        return order with { Customer = customer, ShippingAddress = address };
    }

    /// <summary>
    /// True when <paramref name="order"/> already holds exactly what this patch sets: a 412's
    /// alreadyApplied, which tells a client whose 200 was lost that its change is in.
    /// </summary>
    public bool IsAppliedIn(Order order) =>
        ApplyTo(order) is { } patched
        && patched.Customer == order.Customer
        && patched.ShippingAddress == order.ShippingAddress;
}
