namespace Orders.Api.Contracts;

/// <summary>One page of the caller's orders, newest first.</summary>
/// <param name="Orders">Up to `limit` orders, newest first.</param>
/// <param name="Next">Pass it back as `after` to get the next page; null on the last page. Opaque: do not parse or build it.</param>
public sealed record OrderListResponse(IReadOnlyList<OrderResponse> Orders, string? Next);
