using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Every table stands in a box of its own that scrolls sideways when the table is wider than the screen (issue 15): the
/// page never does, the table stays a table for screen readers, and the box takes the keyboard focus so that the arrow
/// keys scroll it (WCAG 2.1.1).
/// </summary>
[HtmlTargetElement("table")]
public sealed class ScrollableTableTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.PreElement.SetHtmlContent("<div class=\"table-scroll\" tabindex=\"0\">");
        output.PostElement.SetHtmlContent("</div>");
    }
}
