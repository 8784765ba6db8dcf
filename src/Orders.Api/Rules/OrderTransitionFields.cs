using Orders.Api.Contracts;
using static Orders.Api.Rules.RequestField;

namespace Orders.Api.Rules;

/// <summary>
/// The bodies of a cancel, a fulfilment and a change. A change's members are the create's own declarations
/// (<see cref="OrderRequestFields"/>), taken by name, so a rule of name, phone or address is stated once
/// for both; only which of them a change may send is said here.
/// </summary>
public static class OrderTransitionFields
{
    /// <summary>Free text, as the customer's name is; the limit is the column's (sql/*/cancel_and_change).</summary>
    public static readonly RequestField Reason = Text("reason", 1, 500, required: false);

    /// <summary>The cancel's body, optional as a whole.</summary>
    public static readonly RequestField Cancellation = Record("$", typeof(CancelOrderRequest), required: false, Reason);

    /// <summary>Free text, as the reason is; the limit is the column's (sql/*/fulfilment).</summary>
    public static readonly RequestField Carrier = Text("carrier", 1, 100, required: false);

    /// <summary>Free text; the limit is the column's (sql/*/fulfilment).</summary>
    public static readonly RequestField TrackingNumber = Text("trackingNumber", 1, 100, required: false);

    /// <summary>The fulfilment's body, optional as a whole.</summary>
    public static readonly RequestField Fulfilment = Record("$", typeof(FulfilOrderRequest), required: false, Carrier, TrackingNumber);

    /// <summary>The customer in a change: name and phone, the create's rules. Required here means "cannot be null".</summary>
    public static readonly RequestField Customer = Record("customer", typeof(CustomerChangeRequest), required: true,
        OrderRequestFields.Customer.MembersByName["name"],
        OrderRequestFields.Customer.MembersByName["phone"]);

    /// <summary>The address in a change: every member of the create's, merged into the stored one.</summary>
    public static readonly RequestField ShippingAddress = Record("shippingAddress", typeof(ShippingAddressChangeRequest), required: false,
        [.. OrderRequestFields.ShippingAddress.Members]);

    /// <summary>The change's body: a merge patch of these members.</summary>
    public static readonly RequestField Change = Record("$", typeof(ChangeOrderRequest), required: true, Customer, ShippingAddress);

    /// <summary>
    /// What an order keeps once placed, by the JSON path a patch would name it with: sending one is
    /// answered with why, not with "unknown field".
    /// </summary>
    public static readonly IReadOnlySet<string> Fixed = new HashSet<string>(StringComparer.Ordinal)
    {
        "clientReference", "currency", "lines", "customer.email", "status", "total", "orderId", "createdAt",
    };

    public const string FixedMessage = "cannot be changed once the order is placed: only customer.name, customer.phone and shippingAddress can";
}
