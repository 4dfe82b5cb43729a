using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Every table can be reached with the keyboard (issue 15): on a phone a wide table scrolls inside its own box, and a
/// box that scrolls must take the focus so that the arrow keys move it (WCAG 2.1.1). A table that says otherwise keeps its own.
/// </summary>
[HtmlTargetElement("table")]
public sealed class ScrollableTableTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("tabindex")) output.Attributes.SetAttribute("tabindex", "0");
    }
}
