using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Events;

/// <summary>
/// RFC 7396 as a consumer of order.changed applies it to the order it holds: objects merge member by
/// member, anything else replaces. A null "removes" the member, which the order's schema spells as the
/// member being null (every member of an order is always present), so null is kept, not deleted.
/// </summary>
public static class JsonMergePatch
{
    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject members)
            {
                if (target[name] is not JsonObject existing)
                {
                    existing = [];
                    target[name] = existing;
                }
                Apply(existing, members);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
