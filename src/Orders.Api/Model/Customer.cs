namespace Orders.Api.Model;

/// <summary>The customer of an order: email as sent, name and phone as sent or null.</summary>
/// <remarks>No member has a default: whoever builds one (a request, a stored row) must say each value.</remarks>
public sealed record Customer(string Email, string? Name, string? Phone);
