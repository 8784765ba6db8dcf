using System.Text.RegularExpressions;

namespace Orders.Api.Orders;

/// <summary>The client-chosen idempotency key of an order, from the body or the Idempotency-Key header.</summary>
public static partial class ClientReference
{
    public const int MaxLength = 100;

    public const string HeaderName = "Idempotency-Key";

    public const string Rule = "must be 1-100 characters of A-Z a-z 0-9 . _ ~ -";

    // \z, not $: $ would also accept a trailing newline.
    [GeneratedRegex(@"\A[A-Za-z0-9._~-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>
    /// The key from an Idempotency-Key header. The IETF draft makes it a structured-field string
    /// ("abc"); many clients send it bare (abc). Both mean the same key.
    /// </summary>
    public static string FromHeader(string headerValue) =>
        headerValue.Length >= 2 && headerValue[0] == '"' && headerValue[^1] == '"'
            ? headerValue[1..^1]
            : headerValue;
}
