"""Font setups for the layout tests that must not depend on the machine's fonts.

The browser's own fonts differ from machine to machine (Debian's fonts-noto-core made the
header's search form 10 px too wide at 320 px in English and 43 px in Greek, where DejaVu
fit). So the reflow test also runs every page in WIDE, a font made here: every letter of
Latin, Greek, Arabic and their punctuation is 0.7 em wide (Noto Sans averages 0.53 em on
Latin lower case, DejaVu Sans Mono 0.6 em), its declared average width is 0.7 em (Noto
Sans: 0.58) and its widest glyph 3 em (Noto Sans: 2.84): the two figures from which
Chromium sizes a text field (`size` times the average, plus the widest minus the average).
It covers every letter the pages use, so no machine font fills in; the letters are boxes.
"""

import base64
import functools
import io

FAMILY = "Layout Test Wide"
UNITS_PER_EM = 1000
ADVANCE = 700  # every letter, 0.7 em
SPACE = 350  # the space characters, 0.35 em
WIDEST = 3000  # one private-use glyph, so the font's widest advance is 3 em

SPACES = [0x20, 0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]
LETTERS = [
    range(0x21, 0x7F),  # Basic Latin
    range(0xA1, 0x250),  # Latin-1, Latin Extended-A and B (Italian, Turkish)
    range(0x370, 0x400),  # Greek
    range(0x1F00, 0x2000),  # Greek Extended
    range(0x600, 0x700),  # Arabic
    range(0x2010, 0x2028),  # dashes, quotes, bullets, ellipsis
    range(0x2030, 0x205F),
    range(0x20A0, 0x20C1),  # currency signs
    range(0x2100, 0x2200),  # letterlike symbols, numbers, arrows
    range(0x2200, 0x2300),  # mathematical operators
    range(0x25A0, 0x2600),  # geometric shapes
    range(0xFFFD, 0xFFFE),
]
# Not the Arabic presentation forms: from those the shaper would build ligatures of one box
# out of every pair of letters (all letters being the same glyph), and a word would shrink.


@functools.cache
def wide_font() -> bytes:
    """The TrueType font WIDE (a few kilobytes)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box(width, *, empty=False):
        pen = TTGlyphPen(None)
        if not empty:
            pen.moveTo((50, 0))
            pen.lineTo((50, 550))
            pen.lineTo((width - 50, 550))
            pen.lineTo((width - 50, 0))
            pen.closePath()
        return pen.glyph()

    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder([".notdef", "space", "letter", "widest"])
    cmap = {code: "letter" for block in LETTERS for code in block}
    cmap.update(dict.fromkeys(SPACES, "space"))
    cmap[0xE000] = "widest"
    builder.setupCharacterMap(cmap)
    builder.setupGlyf(
        {
            ".notdef": box(ADVANCE),
            "space": box(SPACE, empty=True),
            "letter": box(ADVANCE),
            "widest": box(WIDEST),
        }
    )
    builder.setupHorizontalMetrics(
        {
            ".notdef": (ADVANCE, 50),
            "space": (SPACE, 0),
            "letter": (ADVANCE, 50),
            "widest": (WIDEST, 50),
        }
    )
    builder.setupHorizontalHeader(ascent=900, descent=-250)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    builder.setupOS2(
        xAvgCharWidth=ADVANCE,
        sTypoAscender=800,
        sTypoDescender=-200,
        sTypoLineGap=0,
        usWinAscent=900,
        usWinDescent=250,
        sxHeight=550,
        sCapHeight=550,
    )
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def wide_font_css() -> str:
    """A style sheet that sets every element of a page in WIDE."""
    data = base64.b64encode(wide_font()).decode()
    return (
        f'@font-face {{ font-family: "{FAMILY}"; '
        f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}\n'
        f'*, *::before, *::after {{ font-family: "{FAMILY}" !important; }}\n'
    )


async def use_wide_font(page) -> None:
    """Set the page that is open in WIDE, and check that the browser took the font (a font
    it refused would leave the machine's fonts in place, and the test would prove nothing)."""
    await page.add_style_tag(content=wide_font_css())
    loaded = await page.evaluate(
        """async (family) => {
            const faces = await document.fonts.load(`16px "${family}"`, "Aα ع");
            const probe = document.createElement("span");
            probe.style.cssText = "position: absolute; font-size: 16px; white-space: pre";
            probe.textContent = "MiΩα عربي";
            document.body.append(probe);
            const width = probe.getBoundingClientRect().width;
            probe.remove();
            return [faces.length, width];
        }""",
        FAMILY,
    )
    # Eight letters and a space at 16 px (the Arabic ones joined, but each its own box).
    expected = (8 * ADVANCE + SPACE) * 16 / UNITS_PER_EM
    assert loaded[0] == 1 and abs(loaded[1] - expected) < 0.5, f"{FAMILY} not in use: {loaded}"
