using System.Collections;
using System.Reflection;

namespace Orders.Api.Tests.Mapping;

/// <summary>
/// Compares a domain value with what a mapping made of it, member by member and by name, the way a
/// client or a consumer would read it: every member of the domain must be there with the same value,
/// unless it is named as kept back. Records nest and lists are compared item by item.
/// </summary>
internal static class MemberComparison
{
    /// <summary>Each difference as a line naming its path ("Customer.Phone"); empty when the mapping is whole.</summary>
    public static IReadOnlyList<string> Differences(object domain, object mapped, IReadOnlySet<string> keptBack, string path = "")
    {
        var differences = new List<string>();
        var mappedMembers = Properties(mapped.GetType()).ToDictionary(property => property.Name, StringComparer.Ordinal);
        foreach (var member in Properties(domain.GetType()))
        {
            var name = path + member.Name;
            if (keptBack.Contains(name))
            {
                if (mappedMembers.ContainsKey(member.Name)) differences.Add($"{name} is kept back but the mapping shows it");
                continue;
            }
            if (!mappedMembers.TryGetValue(member.Name, out var mappedMember))
            {
                differences.Add($"{name} is not in {mapped.GetType().Name}");
                continue;
            }
            differences.AddRange(Compare(member.GetValue(domain), mappedMember.GetValue(mapped), keptBack, name));
        }
        return differences;
    }

    private static IEnumerable<string> Compare(object? domain, object? mapped, IReadOnlySet<string> keptBack, string path)
    {
        if (domain is null || mapped is null)
        {
            return domain is null && mapped is null ? [] : [$"{path}: {domain ?? "null"} became {mapped ?? "null"}"];
        }
        if (IsOurs(domain.GetType()))
        {
            return Differences(domain, mapped, keptBack, path + ".");
        }
        if (domain is IList domainItems && mapped is IList mappedItems && domain is not string)
        {
            if (domainItems.Count != mappedItems.Count) return [$"{path}: {domainItems.Count} items became {mappedItems.Count}"];
            return Enumerable.Range(0, domainItems.Count)
                .SelectMany(i => Compare(domainItems[i], mappedItems[i], keptBack, $"{path}[{i}]"));
        }
        return Equals(domain, mapped) ? [] : [$"{path}: {domain} became {mapped}"];
    }

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("Orders.Api.", StringComparison.Ordinal) == true;

    // Declared members only: a record's compiler-made EqualityContract is not data.
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0);
}
