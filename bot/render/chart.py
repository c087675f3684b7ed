"""The progress picture: one stacked bar a month (paid below, still to pay on top), the
month of the next payment marked with a line and its date, as a small phone-width PNG.

Only the object API (``Figure`` + ``FigureCanvasAgg``), never pyplot: pyplot keeps global
figures and is not thread-safe, and the picture is drawn in a worker thread. matplotlib is
imported on the first picture, not when the bot starts (it takes about a second).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.render.fonts import cjk_font

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text

    Font = Callable[[float], FontProperties]

# 720 × 860 px: Telegram shows a photo about 300–400 pt wide, so the labels below are
# still about 10–14 pt on the screen; a taller picture would push the caption off it
WIDTH_PX = 720
HEIGHT_PX = 860
DPI = 100
# calm colours, far apart in lightness so they stay apart in grayscale or for colour-blind
# eyes: dark teal (paid) against pale blue-grey (to pay), the marker a dark amber
PAID_COLOUR = "#1f6f5c"
REMAINING_COLOUR = "#c9d3da"
MARK_COLOUR = "#b35c00"
INK = "#1d2b33"
SOFT_INK = "#55656f"
GRID = "#e3e8eb"
# sizes in points (at 100 dpi one point is 1.39 px)
TITLE_PT = 27
SUMMARY_PT = 18
LABEL_PT = 17
TICK_PT = 16
MARK_PT = 17
FEN_PER_YUAN = 100
# where things sit, as fractions of the picture (0 is the bottom, 1 the top)
MARGIN = 0.06
TITLE_Y = 0.955
SUMMARY_Y = 0.89
LEGEND_Y = 0.81
PLOT_BOTTOM = 0.11
PLOT_TOP = 0.71
UNIT_Y = 0.74
FEWEST_SLOTS = 6  # a deal of 1–5 months gets bars as wide as a 6-month one's, centred
PLOT_RIGHT = 0.95
TICK_PAD_PT = 6  # between the amounts on the left and the plot
HEAD_ROOM = 1.3  # space above the tallest bar for the next payment's words
MARK_Y = 0.93  # the words' height in the plot, above every bar (see HEAD_ROOM)
GAP_PX = 8  # between the dashed line and the box around its words
MARK_PAD = 0.35  # the box's padding, in font sizes


@dataclass(frozen=True, slots=True)
class ProgressPicture:
    """Everything the picture shows, words already chosen: one entry a month in each list.

    ``labels`` holds "" for the months left unnamed (a long deal names a few); ``marked`` is
    the index of the month with the next payment, ``mark`` the words beside its line.
    """

    title: str
    summary: str
    paid_legend: str
    remaining_legend: str
    unit: str
    labels: Sequence[str]
    paid_fen: Sequence[int]
    remaining_fen: Sequence[int]
    marked: int | None
    mark: str

    def __post_init__(self) -> None:
        count = len(self.labels)
        if not count or len(self.paid_fen) != count or len(self.remaining_fen) != count:
            raise ValueError("one label, one paid and one remaining figure a month")
        if self.marked is not None and not 0 <= self.marked < count:
            raise ValueError("the marked month is not one of the months")


def progress_png(picture: ProgressPicture) -> bytes:
    """The picture as PNG bytes (about 40 KB: flat colours compress well)."""
    figure = draw_figure(picture)
    buffer = io.BytesIO()
    figure.canvas.print_png(buffer, metadata={"Software": None})  # type: ignore[attr-defined]
    return buffer.getvalue()


def draw_figure(picture: ProgressPicture) -> Figure:
    """The picture laid out on an Agg canvas (tests read where each word landed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    path = str(cjk_font())

    def font(size: float) -> FontProperties:
        return FontProperties(fname=path, size=size)

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    figure.text(MARGIN, TITLE_Y, picture.title, fontproperties=font(TITLE_PT), color=INK, va="top")
    figure.text(
        MARGIN,
        SUMMARY_Y,
        picture.summary,
        fontproperties=font(SUMMARY_PT),
        color=SOFT_INK,
        va="top",
    )
    _legend(figure, renderer, picture, font)
    # above the amounts, where Chinese charts name their unit ("单位：元")
    figure.text(
        MARGIN,
        UNIT_Y,
        picture.unit,
        fontproperties=font(TICK_PT),
        color=SOFT_INK,
        va="bottom",
    )
    axes = figure.add_axes((MARGIN, PLOT_BOTTOM, PLOT_RIGHT - MARGIN, PLOT_TOP - PLOT_BOTTOM))
    _bars(axes, picture)
    _style(axes, picture, font)
    _fit_amounts(axes, renderer)
    if picture.marked is not None:
        _mark(axes, renderer, picture, font(MARK_PT))
    for text in figure.findobj(match=_is_text):
        text.set_parse_math(False)  # type: ignore[attr-defined]  # "$" is money, not maths
    return figure


def _is_text(artist: object) -> bool:
    from matplotlib.text import Text

    return isinstance(artist, Text)


def _yuan(values: Sequence[int]) -> list[float]:
    return [fen / FEN_PER_YUAN for fen in values]


def _legend(figure: Figure, renderer: RendererBase, picture: ProgressPicture, font: Font) -> None:
    """Two swatches with their words, one after the other on one line."""
    from matplotlib.patches import Rectangle

    left = MARGIN
    for colour, words in (
        (PAID_COLOUR, picture.paid_legend),
        (REMAINING_COLOUR, picture.remaining_legend),
    ):
        swatch = Rectangle((left, LEGEND_Y), 0.035, 0.028, color=colour)
        swatch.set_transform(figure.transFigure)
        figure.add_artist(swatch)
        text = figure.text(
            left + 0.05,
            LEGEND_Y + 0.014,
            words,
            fontproperties=font(LABEL_PT),
            color=INK,
            va="center",
        )
        left += 0.05 + text.get_window_extent(renderer).width / WIDTH_PX + 0.06


def _bar_width(count: int) -> float:
    """Thinner gaps between many bars, so a 36-month deal is not a wall of gaps; none past
    five years, where a gap would be under a pixel and only make stripes."""
    if count <= 24:
        return 0.72
    return 0.82 if count <= 60 else 1.0


def _bars(axes: Axes, picture: ProgressPicture) -> None:
    positions = list(range(len(picture.labels)))
    width = _bar_width(len(positions))
    paid = _yuan(picture.paid_fen)
    axes.bar(positions, paid, width=width, color=PAID_COLOUR, linewidth=0, zorder=2)
    axes.bar(
        positions,
        _yuan(picture.remaining_fen),
        width=width,
        bottom=paid,
        color=REMAINING_COLOUR,
        linewidth=0,
        zorder=2,
    )


def _style(axes: Axes, picture: ProgressPicture, font: Font) -> None:
    """Months named below, a few round amounts on the left with light lines, no frame."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    count = len(picture.labels)
    tops = [p + r for p, r in zip(picture.paid_fen, picture.remaining_fen, strict=True)]
    axes.set_ylim(0, max(max(tops) / FEN_PER_YUAN * HEAD_ROOM, 1))
    middle, half = (count - 1) / 2, max(count, FEWEST_SLOTS) / 2
    axes.set_xlim(middle - half - 0.1, middle + half + 0.1)
    named = [k for k, label in enumerate(picture.labels) if label]
    axes.set_xticks(named, [picture.labels[k] for k in named])
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    # no "0": the baseline says it, and the first month's name sits right beside it
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}" if value else ""))
    for label in axes.get_xticklabels() + axes.get_yticklabels():
        label.set_fontproperties(font(TICK_PT))
        label.set_color(SOFT_INK)
    axes.tick_params(axis="x", length=0, pad=8)
    axes.tick_params(axis="y", length=0, pad=TICK_PAD_PT)
    axes.grid(axis="y", color=GRID, linewidth=1, zorder=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(SOFT_INK)


def _fit_amounts(axes: Axes, renderer: RendererBase) -> None:
    """Moves the plot's left edge right of the widest amount, so "1,200,000" is not cut."""
    widest = max(
        (label.get_window_extent(renderer).width for label in axes.get_yticklabels()),
        default=0.0,
    )
    left = MARGIN + (widest + TICK_PAD_PT * DPI / 72) / WIDTH_PX
    axes.set_position((left, PLOT_BOTTOM, PLOT_RIGHT - left, PLOT_TOP - PLOT_BOTTOM))


def _mark(
    axes: Axes, renderer: RendererBase, picture: ProgressPicture, font: FontProperties
) -> None:
    """The month of the next payment: its bar outlined, a dashed line above it, and its
    words near the top, beside the line where they fit, else against the right edge."""
    from matplotlib.patches import Rectangle

    assert picture.marked is not None
    x = picture.marked
    bar_top = (picture.paid_fen[x] + picture.remaining_fen[x]) / FEN_PER_YUAN
    # behind the bars: the line shows above the bar, never across what was paid
    axes.axvline(x, color=MARK_COLOUR, linewidth=2, linestyle=(0, (4, 3)), zorder=1)
    width = _bar_width(len(picture.labels))
    outline = Rectangle(
        (x - width / 2, 0), width, bar_top, fill=False, edgecolor=MARK_COLOUR, linewidth=2.5
    )
    outline.set_zorder(3)
    axes.add_patch(outline)
    words = axes.text(
        0,
        MARK_Y,
        picture.mark,
        transform=axes.transAxes,
        va="center",
        fontproperties=font,
        color=MARK_COLOUR,
        zorder=4,
        bbox={
            "boxstyle": f"round,pad={MARK_PAD}",
            "facecolor": "white",
            "edgecolor": MARK_COLOUR,
        },
    )
    _place_beside(axes, renderer, words, x)


def _place_beside(axes: Axes, renderer: RendererBase, words: Text, x: float) -> None:
    """Right of the line if the words fit there, else left of it, else flush right (over
    the line's top: the box is opaque, and the outlined bar still says which month)."""
    plot_px = axes.get_window_extent(renderer).width
    pad = MARK_PAD * MARK_PT * DPI / 72 / plot_px  # the box beyond the words
    needed = words.get_window_extent(renderer).width / plot_px + 2 * pad
    gap = GAP_PX / plot_px
    left, right = axes.get_xlim()
    line = (x - left) / (right - left)  # as a fraction of the plot's width
    if line + gap + needed <= 1:
        words.set_x(line + gap + pad)
        words.set_horizontalalignment("left")
    elif line - gap - needed >= 0:
        words.set_x(line - gap - pad)
        words.set_horizontalalignment("right")
    else:
        words.set_x(1 - pad)
        words.set_horizontalalignment("right")
