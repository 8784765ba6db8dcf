using System.Text.RegularExpressions;

namespace Orders.Api.Orders;

/// <summary>
/// Fields with a format (unlike free text): whatever does not match is refused, so quotes, slashes,
/// spaces and control characters never reach a SKU or an email address.
/// </summary>
public static partial class FormatRules
{
    public const string SkuRule = "must be 1-64 characters of A-Z a-z 0-9 . _ ~ -, starting with a letter or digit";

    public const string EmailRule = "must be an email address such as ada@example.com";

    // \z, not $: $ would also accept a trailing newline.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._~-]{0,63}\z", RegexOptions.CultureInvariant)]
    public static partial Regex Sku();

    /// <summary>The WHATWG HTML "valid email address" grammar: what browsers accept in type=email.</summary>
    [GeneratedRegex(
        @"\A[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z",
        RegexOptions.CultureInvariant)]
    public static partial Regex Email();
}
