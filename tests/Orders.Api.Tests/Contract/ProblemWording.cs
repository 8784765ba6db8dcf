using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Contract;

/// <summary>What a problem answering a lookup or a listing (which store nothing) must not say.</summary>
public static class ProblemWording
{
    /// <summary>Phrases that only fit POST /orders: whether something was stored, resending the same reference.</summary>
    private static readonly string[] PlacingWords = ["stored", "same reference", "same clientReference", "valid order", "placed"];

    public static void AssertFitsALookup(JsonObject problem) =>
        AssertFitsALookup((string?)problem["title"] + " " + (string?)problem["detail"]);

    public static void AssertFitsALookup(string text)
    {
        foreach (var phrase in PlacingWords)
        {
            Assert.DoesNotContain(phrase, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
