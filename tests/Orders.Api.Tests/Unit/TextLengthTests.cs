using System.Text.Json;
using Orders.Api.Model;
using Orders.Api.Rules;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// A free-text limit counts Unicode code points, as JSON Schema's maxLength does: a character outside
/// the Basic Multilingual Plane (an emoji, a rare CJK ideograph) is one character, though UTF-16
/// writes it as two code units.
/// </summary>
public sealed class TextLengthTests
{
    private const string Astral = "😀";

    private const string Letter = "é";

    [Theory]
    [InlineData(0, 200, true)]
    [InlineData(0, 201, false)]
    [InlineData(200, 0, true)]
    [InlineData(201, 0, false)]
    [InlineData(100, 100, true)]
    [InlineData(101, 100, false)]
    public void CustomerName_IsCountedInCodePoints(int astral, int bmp, bool accepted)
    {
        var errors = Check(Repeat(Astral, astral) + Repeat(Letter, bmp));

        Assert.Equal(accepted, errors.Count == 0);
        if (!accepted) Assert.Equal(["must be 1 to 200 characters long"], errors["name"]);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("Ada", 3)]
    [InlineData("Zoë Ångström", 12)]
    [InlineData("😀", 1)]
    [InlineData("a😀b😀", 4)]
    [InlineData("🧑‍🚀", 3)] // a grapheme of three code points (person, zero-width joiner, rocket) is three, as JSON Schema says
    [InlineData("e\u0301", 2)]
    public void CodePointCount_CountsEachCodePointOnce(string text, int expected)
    {
        Assert.Equal(expected, TextRules.CodePointCount(text));
    }

    [Fact]
    public void CodePointCount_CountsALoneSurrogateAsOne_AsRuneDecodingDoes()
    {
        // Built here, not in attributes: the compiler writes attribute strings as UTF-8, which has no lone surrogates.
        string[] texts = ["\ud83d", "\ude00\ud83d", "\ud83d\ud83d\ude00", "\ud83d\ude00\ude00x", "x\ud83d"];

        Assert.Equal([1, 2, 2, 3, 2], texts.Select(text => TextRules.CodePointCount(text)));
        Assert.All(texts, text => Assert.Equal(text.EnumerateRunes().Count(), TextRules.CodePointCount(text)));
    }

    private static Dictionary<string, string[]> Check(string name)
    {
        using var body = JsonDocument.Parse(JsonSerializer.Serialize(new { email = "ada@example.com", name }));
        var errors = new FieldErrors();
        RequestCheck.Check(body.RootElement, OrderRequestFields.Customer, errors);
        return errors.ToDictionary();
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
