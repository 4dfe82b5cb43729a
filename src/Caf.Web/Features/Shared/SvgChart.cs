using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Caf.Web.Features.Shared;

/// <summary>One bar of a chart: what it stands for and its value, and the value as people read it.</summary>
public sealed record ChartBar(string Label, decimal Value, string Shown);

/// <summary>
/// Bar charts drawn on the server as SVG (issue 14): no script, no library, no request elsewhere. Each chart is an image
/// with a title screen readers announce, followed by the same figures as a table, which is what a screen reader, a
/// printer or a slow connection reads.
/// </summary>
public static class SvgChart
{
    private const int Width = 640, LabelWidth = 220, ValueWidth = 110, BarHeight = 22, Gap = 8;

    /// <summary>Horizontal bars, longest to scale; negative values are drawn from zero to the left of the bars' origin as zero length, and said in the table.</summary>
    public static IHtmlContent Bars(string id, string title, string labelHeading, string valueHeading, IReadOnlyList<ChartBar> bars)
    {
        var html = new StringBuilder();
        var height = Math.Max(1, bars.Count) * (BarHeight + Gap) + Gap;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var room = Width - LabelWidth - ValueWidth;
        string E(string text) => WebUtility.HtmlEncode(text);
        string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
        html.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{E(id)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"{E(id)}-title\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        html.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-title\">{E(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Gap + i * (BarHeight + Gap);
            var length = max <= 0 || bar.Value <= 0 ? 0 : (double)(bar.Value / max) * room;
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1b1b1b\">{E(bar.Label)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{N(length)}\" height=\"{BarHeight}\" fill=\"#1d5a8e\"><title>{E(bar.Label)}: {E(bar.Shown)}</title></rect>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(LabelWidth + length + 6)}\" y=\"{y + 16}\" font-size=\"14\" fill=\"#1b1b1b\">{E(bar.Shown)}</text>");
        }
        html.Append("</svg>");
        html.Append(CultureInfo.InvariantCulture, $"<figcaption>{E(title)}</figcaption>");
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"list chart-data\"><caption class=\"visually-hidden\">{E(title)}: the figures</caption>");
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{E(labelHeading)}</th><th scope=\"col\" class=\"num\">{E(valueHeading)}</th></tr></thead><tbody>");
        foreach (var bar in bars) html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(bar.Label)}</th><td class=\"num\">{E(bar.Shown)}</td></tr>");
        html.Append("</tbody></table></figure>");
        return new HtmlString(html.ToString());
    }
}
