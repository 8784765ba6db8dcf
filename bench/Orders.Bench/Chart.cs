using System.Globalization;
using System.Net;
using System.Text;

namespace Orders.Bench;

/// <summary>
/// A grouped bar chart as plain SVG (no charting dependency): ops/s of the API next to the raw
/// Dapper path for every scenario and scale, with the API ÷ raw ratio above each pair.
/// </summary>
public static class Chart
{
    private const int Width = 900, Height = 420, Left = 70, Bottom = 110, Top = 40, BarWidth = 28;
    private static readonly int[] NiceSteps = [1, 2, 5, 10];

    public static string Svg(IReadOnlyList<Comparison> comparisons, string title)
    {
        var max = comparisons.SelectMany(c => new[] { c.Api?.OpsPerSecond ?? 0, c.Raw?.OpsPerSecond ?? 0 }).DefaultIfEmpty(1).Max();
        var scaleTop = NiceCeiling(max);
        var plotHeight = Height - Top - Bottom;
        var slot = (Width - Left - 20) / (double)Math.Max(1, comparisons.Count);
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.AppendLine(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{WebUtility.HtmlEncode(title)}</text>"));
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = scaleTop * tick / 4;
            var y = Top + plotHeight - plotHeight * tick / 4.0;
            svg.AppendLine(Invariant($"<line x1=\"{Left}\" x2=\"{Width - 20}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{value:F0}</text>"));
        }
        svg.AppendLine(Invariant($"<text transform=\"rotate(-90)\" x=\"{-(Top + plotHeight / 2)}\" y=\"18\" text-anchor=\"middle\">operations per second</text>"));
        for (var i = 0; i < comparisons.Count; i++)
        {
            var c = comparisons[i];
            var x = Left + slot * i + slot / 2;
            Bar(svg, x - BarWidth, c.Api?.OpsPerSecond ?? 0, scaleTop, plotHeight, "#2b6cb0");
            Bar(svg, x, c.Raw?.OpsPerSecond ?? 0, scaleTop, plotHeight, "#a0aec0");
            if (c.Ratio is { } ratio)
            {
                var top = Top + plotHeight - plotHeight * Math.Max(c.Api!.OpsPerSecond, c.Raw!.OpsPerSecond) / scaleTop;
                svg.AppendLine(Invariant($"<text x=\"{x:F1}\" y=\"{top - 6:F1}\" text-anchor=\"middle\">{ratio:F2}</text>"));
            }
            var label = WebUtility.HtmlEncode($"{c.Scenario} @ {c.Scale}");
            svg.AppendLine(Invariant($"<text transform=\"translate({x:F1},{Top + plotHeight + 14}) rotate(30)\">{label}</text>"));
        }
        svg.AppendLine(Invariant($"<rect x=\"{Width - 220}\" y=\"34\" width=\"12\" height=\"12\" fill=\"#2b6cb0\"/><text x=\"{Width - 204}\" y=\"44\">API (HTTP, wrk)</text>"));
        svg.AppendLine(Invariant($"<rect x=\"{Width - 220}\" y=\"52\" width=\"12\" height=\"12\" fill=\"#a0aec0\"/><text x=\"{Width - 204}\" y=\"62\">raw Dapper, same SQL</text>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, double x, double value, double scaleTop, int plotHeight, string colour)
    {
        var height = plotHeight * value / scaleTop;
        svg.AppendLine(Invariant($"<rect x=\"{x:F1}\" y=\"{Top + plotHeight - height:F1}\" width=\"{BarWidth}\" height=\"{height:F1}\" fill=\"{colour}\"/>"));
    }

    // 1, 2 or 5 times a power of ten: axis ticks a reader can add up.
    private static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        return NiceSteps.Select(m => m * power).First(candidate => candidate >= value);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
