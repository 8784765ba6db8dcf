using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Readme;

/// <summary>A fenced code block of the README: its info string, its text, and the lines of its two fences (1-based).</summary>
internal sealed record FencedBlock(string Info, int OpeningLine, int ClosingLine, string Text);

/// <summary>The README as a newcomer reads it, top to bottom: its fenced code blocks with their line numbers.</summary>
internal sealed class ReadmeText
{
    private const string Fence = "```";

    private ReadmeText(IReadOnlyList<FencedBlock> blocks) => Blocks = blocks;

    public IReadOnlyList<FencedBlock> Blocks { get; }

    public static ReadmeText Load() =>
        new(BlocksOf(File.ReadAllText(RepositoryFiles.PathOf("README.md")).ReplaceLineEndings("\n").Split('\n')));

    /// <summary>The first block, in reading order, that <paramref name="matches"/>; fails naming <paramref name="what"/>.</summary>
    public FencedBlock First(string what, Func<FencedBlock, bool> matches) =>
        Blocks.FirstOrDefault(matches) ?? throw new Xunit.Sdk.XunitException($"README.md has no code block with {what}.");

    private static List<FencedBlock> BlocksOf(string[] lines)
    {
        var blocks = new List<FencedBlock>();
        for (var opening = 0; opening < lines.Length; opening++)
        {
            if (!lines[opening].TrimStart().StartsWith(Fence, StringComparison.Ordinal))
            {
                continue;
            }
            var closing = opening + 1;
            while (closing < lines.Length && lines[closing].Trim() != Fence)
            {
                closing++;
            }
            var info = lines[opening].Trim()[Fence.Length..];
            blocks.Add(new FencedBlock(info, opening + 1, closing + 1, string.Join('\n', lines[(opening + 1)..Math.Min(closing, lines.Length)])));
            opening = closing;
        }
        return blocks;
    }
}
