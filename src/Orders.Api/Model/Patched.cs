namespace Orders.Api.Model;

/// <summary>
/// One member of a merge patch (RFC 7396): left out (<see cref="IsSet"/> false, the stored value stays)
/// or set to <see cref="Value"/>, which is null when the patch removes an optional member.
/// </summary>
/// <remarks>A required member (line1, city, …) is never set to null: the request rules refuse that first.</remarks>
public readonly record struct Patched<T>(bool IsSet, T Value)
{
    public T ApplyTo(T current) => IsSet ? Value : current;
}
