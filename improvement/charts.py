"""The dashboard's charts: server-side SVG drawn by pygal from plain figures.

No JavaScript and nothing fetched from elsewhere: pygal's script references are turned off
(`js=[]`, so no tooltips), its inline configuration script and comments dropped. Each SVG
is inline in the page, an image named by its own <title> and described by its <desc>; the
page puts a data table (the accessible alternative, with the drill-down links) beside
every chart.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

import pygal
from pygal.style import Style

# Colours with at least 3:1 contrast on white, told apart by more than hue (the table
# says it all in words anyway).
_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#505a5f",
    font_family="inherit",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=12,
    colors=("#1d70b8", "#d4351c", "#00703c", "#6f72af", "#b58840"),
)

# What pygal writes for its own script (an inline configuration, even without its scripts)
# and its default title ("Pygal"), both replaced; its comments name web addresses.
_STRIP = re.compile(r"<!--.*?-->|<script\b.*?</script>|<title>.*?</title>", re.DOTALL)


def _config(**options) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": _STYLE,
        "width": 720,
        "height": 320,
        "legend_at_bottom": True,
        "no_data_text": _("No data for this period"),
        "print_values": False,
        "show_y_guides": True,
        **options,
    }


def _accessible(svg: str, *, chart_id: str, title: str, description: str) -> SafeString:
    """The SVG with its name and description for assistive technology, and no comments."""
    svg = _STRIP.sub("", svg)
    # pygal names the chart (and scopes its style sheet) with a random id: use ours.
    generated = re.search(r'id="(chart-[0-9a-f-]+)"', svg)
    if generated:
        svg = svg.replace(generated.group(1), chart_id)
    opening_end = svg.index(">")
    labelled = (
        f'{svg[:opening_end]} role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    # pygal writes the SVG with an XML serialiser (labels and values escaped); ours are
    # escaped above.
    return mark_safe(labelled + svg[opening_end + 1 :])  # noqa: S308


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list]],
    percent: bool = False,
) -> SafeString:
    """Lines over `labels` (months), one per (name, values) of `series`."""
    # Whole labels (pygal shortens long ones), slanted when there are many months.
    options = {"truncate_label": -1, "x_label_rotation": 30 if len(labels) > 6 else 0}
    if percent:
        options["range"] = (0, 100)
        options["value_formatter"] = lambda value: f"{value:.1f} %"
    chart = pygal.Line(**_config(**options))
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return _accessible(
        chart.render(is_unicode=True), chart_id=chart_id, title=title, description=description
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list]],
    percent: bool = False,
) -> SafeString:
    """Horizontal bars, one group per label (categories, channels, teams, indicators)."""
    options = {
        "height": max(200, 60 + 36 * len(labels) * max(1, len(series))),
        "truncate_label": -1,
    }
    if percent:
        options["range"] = (0, 100)
    chart = pygal.HorizontalBar(**_config(**options))
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return _accessible(
        chart.render(is_unicode=True), chart_id=chart_id, title=title, description=description
    )
