namespace Orders.Api.Storage;

/// <summary>
/// The parts of the cancel, change and fulfil statements that are the same text in every dialect: the SET
/// lists and the conditions. Each store wraps them in its own statements (table names, the event row's
/// payload expression, the batch); the parameters are named here once, and
/// <see cref="TransitionParameters"/> gives their values.
/// </summary>
/// <remarks>
/// Flags are integers compared with 1 (<c>@SetName = 1</c>): the one boolean spelling that PostgreSQL,
/// T-SQL and SQLite all read. An absent If-Match is a null @IfOrderId, and the version check is then
/// skipped: one statement for both, so each is prepared once.
/// </remarks>
internal static class TransitionColumns
{
    /// <summary>
    /// Which order, in which state: the conditional part of every transition's UPDATE. The last line
    /// makes a request apply at most once: a retry whose earlier attempt committed (its answer lost
    /// with the connection) finds the row naming it and changes nothing, where an unconditional change
    /// (<c>If-Match: *</c>) would otherwise apply again, one version more and no event for it.
    /// </summary>
    public const string PlacedOrderMatching = """
        owner_id = @Owner AND client_reference = @ClientReference AND status = 'placed'
          AND (@IfOrderId IS NULL OR (order_id = @IfOrderId AND version = @IfVersion))
          AND (last_change_id IS NULL OR last_change_id <> @ChangeId)
        """;

    /// <summary>A cancel's SET list.</summary>
    public const string CancelSet = """
        status = 'cancelled', cancelled_at = @CancelledAt, cancellation_reason = @Reason,
        version = version + 1, last_change_id = @ChangeId
        """;

    /// <summary>A fulfilment's SET list.</summary>
    public const string FulfilSet = """
        status = 'fulfilled', fulfilled_at = @FulfilledAt, carrier = @Carrier, tracking_number = @TrackingNumber,
        version = version + 1, last_change_id = @ChangeId
        """;

    /// <summary>
    /// A change's SET list: each member of the merge patch replaces its column when the patch sets it
    /// (null included: removing an optional member), and keeps it otherwise.
    /// </summary>
    public const string ChangeSet = """
        customer_name = CASE WHEN @SetName = 1 THEN @Name ELSE customer_name END,
        customer_phone = CASE WHEN @SetPhone = 1 THEN @Phone ELSE customer_phone END,
        ship_line1 = CASE WHEN @RemoveAddress = 1 THEN NULL WHEN @SetLine1 = 1 THEN @Line1 ELSE ship_line1 END,
        ship_line2 = CASE WHEN @RemoveAddress = 1 THEN NULL WHEN @SetLine2 = 1 THEN @Line2 ELSE ship_line2 END,
        ship_city = CASE WHEN @RemoveAddress = 1 THEN NULL WHEN @SetCity = 1 THEN @City ELSE ship_city END,
        ship_postal_code = CASE WHEN @RemoveAddress = 1 THEN NULL WHEN @SetPostalCode = 1 THEN @PostalCode ELSE ship_postal_code END,
        ship_country = CASE WHEN @RemoveAddress = 1 THEN NULL WHEN @SetCountry = 1 THEN @Country ELSE ship_country END,
        version = version + 1, last_change_id = @ChangeId
        """;

    /// <summary>
    /// A change's extra condition: a patch that only completes an address applies to an order that has
    /// one (Model/OrderPatch.NeedsStoredAddress), so the address stays all set or all null.
    /// </summary>
    public const string ChangeApplies = "(@NeedsStoredAddress = 0 OR ship_line1 IS NOT NULL)";
}
