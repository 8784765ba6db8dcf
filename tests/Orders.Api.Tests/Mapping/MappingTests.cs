using Orders.Api.Contracts;
using Orders.Api.Events;

namespace Orders.Api.Tests.Mapping;

/// <summary>
/// The domain (Model/), the wire (Contracts/) and the event payload (Events/) are separate records, and
/// each mapping passes every member by position, so a member left out of a mapping fails the build.
/// These tests catch the rest: a domain member the answer or the event does not show, and a value put
/// in the wrong place (two strings swapped compile fine).
/// </summary>
public sealed class MappingTests
{
    /// <summary>
    /// What the wire and the event never show by name. Owner: the caller's token subject, not data of the
    /// order. Version: the answer shows it only inside its opaque etag (OrderETag; StoredOrderContract and
    /// EntityTagContract hold the tag to the stored version), and an order.placed event always describes
    /// version 1, so its payload leaves it out until an event of a change needs it.
    /// </summary>
    private static readonly HashSet<string> KeptBack = new(StringComparer.Ordinal) { "Owner", "Version" };

    [Fact]
    public void TheAnswer_ShowsEveryMemberOfTheOrder_WithItsValue() =>
        AssertWhole(MappedOrders.EveryMemberSet(), OrderResponse.From(MappedOrders.EveryMemberSet()));

    [Fact]
    public void TheEventPayload_ShowsEveryMemberOfTheOrder_WithItsValue() =>
        AssertWhole(MappedOrders.EveryMemberSet(), OrderEventPayload.From(MappedOrders.EveryMemberSet()));

    [Fact]
    public void TheAnswerAndTheEvent_KeepNullsAsNulls() =>
        AssertWhole(MappedOrders.NothingOptionalSet(), OrderResponse.From(MappedOrders.NothingOptionalSet()));

    [Fact]
    public void TheRequest_BindsEveryMemberOfTheDraftsCustomerAndAddress()
    {
        var request = new CreateOrderRequest("ref-1", "EUR",
            new CustomerRequest("ada@example.com", "Ada", "+49 30 1"),
            new ShippingAddressRequest("Line 1", "Line 2", "Berlin", "10117", "DE"),
            [new OrderLineRequest("SKU-1", 2, 150)]);

        var draft = request.ToDraft("ref-1");

        AssertWhole(draft.Customer, request.Customer!);
        AssertWhole(draft.ShippingAddress!, request.ShippingAddress!);
        AssertWhole(draft.Lines[0], request.Lines![0]!);
    }

    [Fact]
    public void AMemberLeftOut_IsReported()
    {
        // Given a "contract" that lacks the customer's phone
        var customer = new Model.Customer("ada@example.com", "Ada", "+49 30 1");

        var differences = MemberComparison.Differences(customer, new { customer.Email, customer.Name }, KeptBack);

        Assert.Equal("Phone is not in", Assert.Single(differences)[..15]);
    }

    [Fact]
    public void TwoValuesSwapped_AreReported()
    {
        var customer = new Model.Customer("ada@example.com", "Ada", "+49 30 1");

        var differences = MemberComparison.Differences(customer, new Contracts.Customer(customer.Email, customer.Phone, customer.Name), KeptBack);

        Assert.Equal(2, differences.Count);
    }

    private static void AssertWhole(object domain, object mapped)
    {
        var differences = MemberComparison.Differences(domain, mapped, KeptBack);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, ["", .. differences]));
    }
}
