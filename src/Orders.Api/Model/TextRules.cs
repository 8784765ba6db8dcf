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
}
