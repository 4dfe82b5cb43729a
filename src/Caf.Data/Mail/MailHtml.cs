using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Caf.Data.Mail;

/// <summary>
/// The HTML part of an email, made from its plain-text part so that the two always say the same: paragraphs where the
/// text has blank lines, line breaks where it has single ones, every address a link, in the message's language, with
/// no images, scripts or remote styles (mail clients block them, and screen readers read it as written).
/// </summary>
public static partial class MailHtml
{
    public static string FromText(string text, string language)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(WebUtility.HtmlEncode(language)).Append("\"><head><meta charset=\"utf-8\"></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;max-width:40em\">");
        foreach (var paragraph in Paragraphs().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()))
        {
            if (paragraph.Length == 0) continue;
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(Line))).Append("</p>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>A line, encoded, with each web address made a link to itself.</summary>
    private static string Line(string line)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match link in Address().Matches(line))
        {
            result.Append(WebUtility.HtmlEncode(line[at..link.Index]));
            var href = WebUtility.HtmlEncode(link.Value);
            result.Append("<a href=\"").Append(href).Append("\">").Append(href).Append("</a>");
            at = link.Index + link.Length;
        }
        return result.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    [GeneratedRegex(@"\n[ \t]*\n+")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]")]
    private static partial Regex Address();
}
