using Orders.Api.Model;
using Orders.Api.Tests.Mapping;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// A merge patch applied as RFC 7396 says: a member left out stays, one set to null is removed, the
/// address merges member by member; and "already applied" means the order holds exactly what it sets.
/// </summary>
public sealed class OrderPatchTests
{
    private static readonly Order Placed = MappedOrders.EveryMemberSetAsPlaced();

    private static Patched<string?> Set(string? value) => new(true, value);

    private static OrderPatch Patch(
        Patched<string?> name = default, Patched<string?> phone = default, bool removeAddress = false,
        Patched<string?> line1 = default, Patched<string?> line2 = default, Patched<string?> city = default,
        Patched<string?> postalCode = default, Patched<string?> country = default) =>
        new(name, phone, removeAddress, line1, line2, city, postalCode, country);

    [Fact]
    public void AMemberLeftOut_Stays_ANullRemovesIt_AndAValueReplacesIt()
    {
        var patched = Patch(name: Set("Grace Hopper"), phone: Set(null)).ApplyTo(Placed)!;

        Assert.Equal(new Customer(Placed.Customer.Email, "Grace Hopper", null), patched.Customer);
        Assert.Equal(Placed.ShippingAddress, patched.ShippingAddress);
        Assert.Equal(Placed.Version, patched.Version); // the store, not the patch, moves the version
    }

    [Fact]
    public void TheAddress_MergesMemberByMember()
    {
        var patched = Patch(city: Set("Leeds"), line2: Set(null)).ApplyTo(Placed)!;

        Assert.Equal(Placed.ShippingAddress! with { City = "Leeds", Line2 = null }, patched.ShippingAddress);
    }

    [Fact]
    public void ANullAddress_RemovesIt()
    {
        Assert.Null(Patch(removeAddress: true).ApplyTo(Placed)!.ShippingAddress);
    }

    [Fact]
    public void PartOfAnAddress_CannotApplyToAnOrderWithoutOne_ButAWholeOneCan()
    {
        var withoutAddress = Placed with { ShippingAddress = null };
        var partial = Patch(city: Set("Leeds"));
        var whole = Patch(line1: Set("1 Main St"), city: Set("Leeds"), postalCode: Set("LS1 1AA"), country: Set("GB"));

        Assert.True(partial.NeedsStoredAddress);
        Assert.Null(partial.ApplyTo(withoutAddress));
        Assert.False(whole.NeedsStoredAddress);
        Assert.Equal(new ShippingAddress("1 Main St", null, "Leeds", "LS1 1AA", "GB"), whole.ApplyTo(withoutAddress)!.ShippingAddress);
    }

    [Fact]
    public void IsAppliedIn_IsTrueOnlyWhenTheOrderHoldsExactlyWhatThePatchSets()
    {
        var patch = Patch(city: Set("Leeds"), phone: Set(null));

        Assert.False(patch.IsAppliedIn(Placed));
        Assert.True(patch.IsAppliedIn(patch.ApplyTo(Placed)!));
        Assert.False(patch.IsAppliedIn(patch.ApplyTo(Placed)! with { Customer = Placed.Customer }));
        Assert.False(Patch(city: Set("Leeds")).IsAppliedIn(Placed with { ShippingAddress = null }));
    }

    [Fact]
    public void TheDocumentsChangeExample_IsWhatItsChangedOrderHolds()
    {
        // openapi.yaml shows a patch and the order it leaves: the two must not drift apart.
        Assert.True(Api.OpenApi.OrderExamples.ChangeExampleHolds);
    }
}
