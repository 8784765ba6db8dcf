using System.Net;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// In free-text fields hostile-looking text is ordinary data: "O'Brien" is a name. It is accepted,
/// stored and returned byte for byte: never executed, never "sanitised".
/// </summary>
public abstract class FreeTextContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Theory]
    [MemberData(nameof(FreeTextCases.Texts), MemberType = typeof(FreeTextCases))]
    public async Task FreeText_IsStoredAndReturnedByteForByte(string text)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var body = OrderRequests.Valid(reference);
        body["customer"]!["name"] = text;
        body["shippingAddress"]!["line1"] = text;
        body["shippingAddress"]!["line2"] = text;
        body["shippingAddress"]!["city"] = text.Length <= 100 ? text : text[..100];
        var postalCode = text.Length <= 20 ? text : text[..20];
        body["shippingAddress"]!["postalCode"] = postalCode;

        var created = await client.PostOrderAsync(body);
        var stored = await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(text, (string?)stored["customer"]!["name"]);
        Assert.Equal(text, (string?)stored["shippingAddress"]!["line1"]);
        Assert.Equal(text, (string?)stored["shippingAddress"]!["line2"]);
        Assert.Equal(postalCode, (string?)stored["shippingAddress"]!["postalCode"]);
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
        // The same text is the same request: a retry still recognises itself.
        Assert.True((bool?)(await (await client.PostOrderAsync(body)).ReadJsonAsync())["sameRequest"]);
    }
}

/// <summary>Text that looks like an attack in some language, and is just a name or an address.</summary>
public static class FreeTextCases
{
    public static TheoryData<string> Texts() =>
    [
        "O'Brien",
        "Robert'); DROP TABLE orders;--",
        "' OR '1'='1",
        "1; DELETE FROM order_lines WHERE 1=1",
        "<script>alert('x')</script>",
        "{{7*7}} ${7*7} #{7*7}",
        "../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%27%20OR%201%3D1%00",
        "\"quoted\" and \\backslashed\\",
        "Zoë Ångström-Łukasiewicz",
        "山田 太郎",
        "محمد بن موسى",
        "\u202Eevil.exe\u202C",
        "🧑‍🚀 Ada 🚀",
        "e\u0301 (combining accent)",
        "  leading and trailing  ",
        "$(rm -rf /) `id`",
    ];
}
