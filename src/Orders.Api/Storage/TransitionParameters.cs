using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>One parameter of a transition statement: its name, its value and what kind of value it is.</summary>
internal sealed record TransitionValue(string Name, object? Value, TransitionValueKind Kind);

/// <summary>How a store must type a parameter (PostgreSQL types every one explicitly; SQLite keeps ids and times as text).</summary>
internal enum TransitionValueKind { Text, Id, Time, Number, Flag }

/// <summary>
/// The values of <see cref="TransitionColumns"/>' parameters, made once for every store, so that a
/// cancel, change or fulfilment binds the same values on SQLite, PostgreSQL and SQL Server.
/// </summary>
internal static class TransitionParameters
{
    public static IReadOnlyList<TransitionValue> Of(OrderCancellation cancellation) =>
    [
        .. Common(cancellation.Owner, cancellation.ClientReference, cancellation.IfMatch, cancellation.ChangeId),
        new("CancelledAt", cancellation.CancelledAt, TransitionValueKind.Time),
        new("Reason", cancellation.Reason, TransitionValueKind.Text),
    ];

    public static IReadOnlyList<TransitionValue> Of(OrderFulfilment fulfilment) =>
    [
        .. Common(fulfilment.Owner, fulfilment.ClientReference, fulfilment.IfMatch, fulfilment.ChangeId),
        new("FulfilledAt", fulfilment.FulfilledAt, TransitionValueKind.Time),
        new("Carrier", fulfilment.Carrier, TransitionValueKind.Text),
        new("TrackingNumber", fulfilment.TrackingNumber, TransitionValueKind.Text),
    ];

    public static IReadOnlyList<TransitionValue> Of(OrderChange change)
    {
        var patch = change.Patch;
        return
        [
            .. Common(change.Owner, change.ClientReference, change.IfMatch, change.ChangeId),
            .. Member("Name", patch.CustomerName.IsSet, patch.CustomerName.Value),
            .. Member("Phone", patch.CustomerPhone.IsSet, patch.CustomerPhone.Value),
            Flag("RemoveAddress", patch.RemovesShippingAddress),
            .. Member("Line1", patch.Line1.IsSet, patch.Line1.Value),
            .. Member("Line2", patch.Line2.IsSet, patch.Line2.Value),
            .. Member("City", patch.City.IsSet, patch.City.Value),
            .. Member("PostalCode", patch.PostalCode.IsSet, patch.PostalCode.Value),
            .. Member("Country", patch.Country.IsSet, patch.Country.Value),
            Flag("NeedsStoredAddress", patch.NeedsStoredAddress),
        ];
    }

    private static TransitionValue[] Common(string owner, string clientReference, OrderVersion? ifMatch, Guid changeId) =>
    [
        new("Owner", owner, TransitionValueKind.Text),
        new("ClientReference", clientReference, TransitionValueKind.Text),
        new("IfOrderId", ifMatch?.OrderId, TransitionValueKind.Id),
        new("IfVersion", ifMatch?.Version, TransitionValueKind.Number),
        new("ChangeId", changeId, TransitionValueKind.Id),
    ];

    private static TransitionValue[] Member(string name, bool isSet, string? value) =>
        [Flag("Set" + name, isSet), new(name, isSet ? value : null, TransitionValueKind.Text)];

    private static TransitionValue Flag(string name, bool value) => new(name, value ? 1 : 0, TransitionValueKind.Flag);
}
