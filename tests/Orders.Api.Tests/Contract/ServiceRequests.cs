namespace Orders.Api.Tests.Contract;

/// <summary>Where the fulfilment service sends its requests (TransitionRequests.FulfilOrderAsync sends them).</summary>
public static class ServiceRequests
{
    /// <summary>The fulfil route of an order, as the service knows it from order.placed: its owner (escaped) and reference.</summary>
    public static string FulfilmentPath(string owner, string reference) =>
        $"/owners/{Uri.EscapeDataString(owner)}/orders/{reference}/fulfilment";
}
