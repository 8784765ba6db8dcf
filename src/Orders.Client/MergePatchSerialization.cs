using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Orders.Client;

/// <summary>
/// PATCH /orders/{clientReference} takes a JSON merge patch (RFC 7396), where a member sent as null is
/// removed and a member left out stays. The generated models have one nullable property per member and
/// System.Text.Json writes every one, so a patch of the city alone would also say "remove the customer,
/// line1, postalCode…" (and prism and the API refuse it). For the change models only, a null property is
/// therefore left out: set what should change, leave the rest unset. The cost: this client cannot remove
/// an optional member (phone, line2) by patch; send that patch as JSON of your own. The create models are
/// untouched (a null there means "none", same as left out).
/// </summary>
public partial class OrdersClient
{
    private static readonly HashSet<Type> MergePatchModels =
        [typeof(ChangeOrderRequest), typeof(CustomerChangeRequest), typeof(ShippingAddressChangeRequest)];

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutNullsOfMergePatches } };

    private static void LeaveOutNullsOfMergePatches(JsonTypeInfo type)
    {
        if (!MergePatchModels.Contains(type.Type))
        {
            return;
        }
        foreach (var property in type.Properties)
        {
            property.ShouldSerialize = static (_, value) => value is not null;
        }
    }
}
