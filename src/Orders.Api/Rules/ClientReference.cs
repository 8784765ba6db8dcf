namespace Orders.Api.Rules;

/// <summary>The client-chosen idempotency key of an order, from the body, the Idempotency-Key header or the path.</summary>
public static class ClientReference
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>What is wrong with a reference that breaks the rule (<see cref="OrderRequestFields.ClientReference"/>).</summary>
    public static string Rule => OrderRequestFields.ClientReference.Message;

    public static bool IsValid(string? value) => value is not null && OrderRequestFields.ClientReference.Matches(value);

    /// <summary>
    /// The key from an Idempotency-Key header. The IETF draft makes it a structured-field string
    /// ("abc"); many clients send it bare (abc). Both mean the same key.
    /// </summary>
    public static string FromHeader(string headerValue) =>
        headerValue.Length >= 2 && headerValue[0] == '"' && headerValue[^1] == '"'
            ? headerValue[1..^1]
            : headerValue;
}
