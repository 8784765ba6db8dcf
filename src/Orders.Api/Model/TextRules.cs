using System.Buffers;
using System.Text;

namespace Orders.Api.Model;

public static class TextRules
{
    /// <summary>
    /// No control characters and no lone surrogates: text every database stores and returns unchanged.
    /// Everything else (quotes, markup, SQL keywords, any script) is ordinary data.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }
            rest = rest[consumed..];
        }
        return true;
    }

    /// <summary>
    /// The length in characters as JSON Schema's maxLength counts them (openapi.yaml): Unicode code
    /// points, so a character outside the Basic Multilingual Plane, a surrogate pair in UTF-16, is one.
    /// PostgreSQL's varchar(n) counts the same; a lone surrogate counts one, as Rune decoding's
    /// replacement character would (such text is refused anyway, by <see cref="IsWellFormed"/>).
    /// </summary>
    /// <remarks>On the hot path of every request: no allocation, and text without surrogates (nearly all) is one vectorised scan.</remarks>
    public static int CodePointCount(ReadOnlySpan<char> value)
    {
        var first = value.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return value.Length;
        }
        var count = value.Length;
        for (var i = first + 1; i < value.Length; i++)
        {
            if (char.IsLowSurrogate(value[i]) && char.IsHighSurrogate(value[i - 1]))
            {
                count--;
            }
        }
        return count;
    }
}
