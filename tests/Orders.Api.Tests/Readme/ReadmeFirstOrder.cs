namespace Orders.Api.Tests.Readme;

/// <summary>The README's path to a first order, block by block, in the order a newcomer meets them.</summary>
internal sealed record ReadmeFirstOrder(FencedBlock TwoCommands, FencedBlock Token, FencedBlock Curl, FencedBlock Created, FencedBlock Duplicate)
{
    public static ReadmeFirstOrder Of(ReadmeText readme)
    {
        var created = readme.First("the 201 answer (```http, HTTP/1.1 201)", block => IsAnswer(block, "201"));
        return new ReadmeFirstOrder(
            readme.First("the two commands (dotnet run, dotnet test)",
                block => block.Info == "sh" && block.Text.Contains("dotnet run --project src/Orders.Api", StringComparison.Ordinal) && block.Text.Contains("dotnet test", StringComparison.Ordinal)),
            readme.First("the token (dotnet user-jwts create)",
                block => block.Info == "sh" && block.Text.Contains("dotnet user-jwts create", StringComparison.Ordinal)),
            readme.First("the order's curl POST (curl -i …/orders)",
                block => block.Info == "sh" && block.Text.Contains("curl -i", StringComparison.Ordinal) && block.Text.Contains("/orders", StringComparison.Ordinal)),
            created,
            readme.First("the retry's 409 answer after the 201 (```http, HTTP/1.1 409)",
                block => IsAnswer(block, "409") && block.OpeningLine > created.ClosingLine));
    }

    public IEnumerable<(string Step, FencedBlock Block)> Steps =>
        [("the two commands", TwoCommands), ("the token", Token), ("the curl POST", Curl), ("its 201", Created), ("the retry's 409", Duplicate)];

    internal static bool IsAnswer(FencedBlock block, string status) =>
        block.Info == "http" && block.Text.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal);
}
