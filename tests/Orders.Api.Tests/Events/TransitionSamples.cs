using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Events;

/// <summary>
/// Cancels, fulfilments and changes as the endpoints hand them to the store, one of each shape a
/// payload can take: with and without a reason (a carrier and tracking number); a patch that sets every member, one that removes every optional one, one
/// that merges part of an address.
/// </summary>
public static class TransitionSamples
{
    public const string Owner = "owner-1";

    public const string Reference = "ref-1";

    /// <summary>An unconditional cancel, made as the endpoint makes it (a new change id per request).</summary>
    public static OrderCancellation Cancellation(string? reason, string owner = Owner, string reference = Reference)
    {
        var at = Now();
        return new(owner, reference, reason, at, IfMatch: null, Guid.CreateVersion7(at));
    }

    /// <summary>An unconditional fulfilment, made as the endpoint makes it.</summary>
    public static OrderFulfilment Fulfilment(string? carrier, string? trackingNumber, string owner = Owner, string reference = Reference)
    {
        var at = Now();
        return new(owner, reference, carrier, trackingNumber, at, IfMatch: null, Guid.CreateVersion7(at));
    }

    /// <summary>An unconditional change (the store's view: the endpoint's If-Match is optional there).</summary>
    public static OrderChange Change(OrderPatch patch, string owner = Owner, string reference = Reference)
    {
        var at = Now();
        return new(owner, reference, patch, at, IfMatch: null, Guid.CreateVersion7(at));
    }

    /// <summary>Now at the stores' precision, as the endpoints take it.</summary>
    public static DateTime Now() => StoredTime.Now(TimeProvider.System);

    /// <summary>Every member set: name, phone, and a whole address.</summary>
    public static readonly OrderPatch SetsEverything = new(
        Set("Ada Lovelace"), Set("+44 20 7946 0000"), RemovesShippingAddress: false,
        Set("2 New Street"), Set("Flat 3"), Set("London"), Set("N1 9GU"), Set("GB"));

    /// <summary>Every optional member removed: name, phone and the address (null).</summary>
    public static readonly OrderPatch RemovesEverything = new(
        Set(null), Set(null), RemovesShippingAddress: true, default, default, default, default, default);

    /// <summary>Part of an address merged into the stored one, line2 removed; the customer left alone.</summary>
    public static readonly OrderPatch MergesACity = new(
        default, default, RemovesShippingAddress: false, default, Set(null), Set("Potsdam"), default, default);

    public static IEnumerable<OrderPatch> Patches => [SetsEverything, RemovesEverything, MergesACity];

    private static Patched<string?> Set(string? value) => new(true, value);
}
