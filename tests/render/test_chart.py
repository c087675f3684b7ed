"""The progress picture as a person gets it: a PNG of the planned size and weight, paid and
to-pay telling apart in colour and in grey, the share paid looking like the share paid, the
next payment marked, and no word cut off or lying on another."""

from __future__ import annotations

import io
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.colors import to_rgb
from matplotlib.transforms import Bbox
from PIL import Image, ImageStat

from bot.render import chart
from bot.render.chart import ProgressPicture, draw_figure, progress_png
from bot.views.progress_picture import naming_step

ROOT = Path(__file__).resolve().parents[2]
AMOUNT = 195_834
MARK = "下一期 2027年3月10日 · 1,958.34 元"


def picture(months: int, paid: int, *, amount: int = AMOUNT, mark: str = MARK) -> ProgressPicture:
    """``months`` equal months from December, the first ``paid`` paid; as many named as
    the view names (each with its year: the longest names)."""
    step = naming_step(months)
    labels = [
        f"{(11 + k) % 12 + 1}月\n{2026 + (11 + k) // 12}年" if k % step == 0 else ""
        for k in range(months)
    ]
    return ProgressPicture(
        title="我的还款进度",
        summary="已还 5,875.02 元 · 还剩 17,625.06 元",
        paid_legend="已还",
        remaining_legend="待还",
        unit="单位：元",
        labels=labels,
        paid_fen=[amount if k < paid else 0 for k in range(months)],
        remaining_fen=[0 if k < paid else amount for k in range(months)],
        marked=paid if paid < months else None,
        mark=mark if paid < months else "",
    )


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def plot_area(image: Image.Image) -> Image.Image:
    """The bars' region only (the legend's swatches are outside it)."""
    width, height = image.size
    top = round((1 - chart.PLOT_TOP) * height)
    bottom = round((1 - chart.PLOT_BOTTOM) * height)
    return image.crop((0, top, width, bottom))


def pixels_of(image: Image.Image, colour: str) -> int:
    wanted = tuple(round(c * 255) for c in to_rgb(colour))
    return sum(n for n, rgb in image.getcolors(maxcolors=1 << 20) if rgb == wanted)


@pytest.mark.parametrize(("months", "paid"), [(1, 0), (12, 3), (36, 5), (120, 40)])
def test_a_phone_width_png_under_100_kb_that_is_not_blank(months: int, paid: int) -> None:
    png = progress_png(picture(months, paid))
    assert png.startswith(b"\x89PNG")
    assert len(png) < 100 * 1024
    image = decoded(png)
    assert image.size == (chart.WIDTH_PX, chart.HEIGHT_PX)
    assert chart.HEIGHT_PX > chart.WIDTH_PX  # portrait, as a phone holds it
    # drawn on: many colours (text is antialiased), and far from one flat grey
    assert len(image.getcolors(maxcolors=1 << 20)) > 50
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 15


@pytest.mark.parametrize(("months", "paid"), [(12, 3), (36, 5), (12, 9)])
def test_the_share_of_paid_bars_is_the_share_paid(months: int, paid: int) -> None:
    bars = plot_area(decoded(progress_png(picture(months, paid))))
    dark = pixels_of(bars, chart.PAID_COLOUR)
    light = pixels_of(bars, chart.REMAINING_COLOUR)
    # the marked month's outline covers a little of its pale bar
    assert dark / (dark + light) == pytest.approx(paid / months, abs=0.02)


def test_paid_and_to_pay_stay_apart_in_grey() -> None:
    grey = Image.new("RGB", (2, 1))
    grey.putpixel((0, 0), tuple(round(c * 255) for c in to_rgb(chart.PAID_COLOUR)))
    grey.putpixel((1, 0), tuple(round(c * 255) for c in to_rgb(chart.REMAINING_COLOUR)))
    dark, light = grey.convert("L").getpixel((0, 0)), grey.convert("L").getpixel((1, 0))
    assert isinstance(dark, int) and isinstance(light, int)
    assert light - dark > 100


def test_the_next_payment_is_marked_and_all_paid_marks_nothing() -> None:
    marked = plot_area(decoded(progress_png(picture(12, 3))))
    assert pixels_of(marked, chart.MARK_COLOUR) > 500
    done = decoded(progress_png(picture(12, 12)))
    assert pixels_of(done, chart.MARK_COLOUR) == 0
    assert pixels_of(plot_area(done), chart.REMAINING_COLOUR) == 0


def _boxes(figure: object) -> dict[str, list[Bbox]]:
    """Where each kind of word landed, in pixels."""
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    assert isinstance(figure, Figure)
    figure.canvas.draw()  # the boxes around words are placed when drawn
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    [axes] = figure.axes
    months = [t.get_window_extent(renderer) for t in axes.get_xticklabels() if t.get_text()]
    amounts = [t.get_window_extent(renderer) for t in axes.get_yticklabels() if t.get_text()]
    marks = [
        t.get_bbox_patch().get_window_extent(renderer)
        for t in axes.texts
        if t.get_bbox_patch() is not None
    ]
    words = [
        t.get_window_extent(renderer)
        for t in figure.findobj(Text)
        if t.get_text() and t.get_visible()
    ]
    return {"months": months, "amounts": amounts, "marks": marks, "words": words}


@pytest.mark.parametrize(
    ("months", "paid", "amount"),
    [(1, 0, AMOUNT), (12, 3, AMOUNT), (36, 5, AMOUNT), (36, 30, AMOUNT), (120, 40, 99_999_999)],
)
def test_no_word_is_cut_off_or_lies_on_another(months: int, paid: int, amount: int) -> None:
    figure = draw_figure(picture(months, paid, amount=amount))
    boxes = _boxes(figure)
    whole = Bbox.from_bounds(0, 0, chart.WIDTH_PX, chart.HEIGHT_PX)
    for box in boxes["words"] + boxes["marks"]:
        assert whole.containsx(box.x0) and whole.containsx(box.x1), box
        assert whole.containsy(box.y0) and whole.containsy(box.y1), box
    for a, b in combinations(boxes["months"] + boxes["amounts"], 2):
        assert not a.overlaps(b), (a, b)
    [mark] = boxes["marks"]
    plot = figure.axes[0].get_window_extent()
    assert plot.x0 <= mark.x0 and mark.x1 <= plot.x1 + 1  # inside the plot, by the line
    above = [b for b in boxes["words"] if b.y0 > plot.y1]  # title, totals, legend, unit
    assert above and not any(mark.overlaps(b) for b in above)


def test_the_mark_sits_beside_its_line() -> None:
    figure = draw_figure(picture(12, 3))
    [axes] = figure.axes
    [line] = axes.get_lines()
    line_x = axes.transData.transform((line.get_xdata()[0], 0))[0]
    [mark] = _boxes(figure)["marks"]
    assert 0 < mark.x0 - line_x < 20  # right of it, close: it names that month
    late = draw_figure(picture(12, 10))
    [axes] = late.axes
    [line] = axes.get_lines()
    line_x = axes.transData.transform((line.get_xdata()[0], 0))[0]
    [mark] = _boxes(late)["marks"]
    assert 0 < line_x - mark.x1 < 20  # near the end: left of it


def test_each_month_needs_its_label_and_figures() -> None:
    with pytest.raises(ValueError):
        ProgressPicture("t", "s", "p", "r", "u", ["a", "b"], [1, 2], [1], None, "")
    with pytest.raises(ValueError):
        ProgressPicture("t", "s", "p", "r", "u", ["a"], [1], [1], 1, "m")
    with pytest.raises(ValueError):
        ProgressPicture("t", "s", "p", "r", "u", [], [], [], None, "")


def test_matplotlib_waits_for_the_first_picture_and_pyplot_never_comes() -> None:
    code = (
        "import sys\n"
        "import bot.render.chart as c\n"
        "assert 'matplotlib' not in sys.modules, 'imported at start-up'\n"
        "c.progress_png(c.ProgressPicture('t', 's', 'p', 'r', 'u', ['1'], [1], [1], 0, 'm'))\n"
        "assert 'matplotlib' in sys.modules\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot is not thread-safe'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_one_month_is_a_bar_not_a_wall() -> None:
    bars = plot_area(decoded(progress_png(picture(1, 0))))
    row = bars.crop((0, bars.height - 20, bars.width, bars.height - 19))  # just above 0
    assert pixels_of(row, chart.REMAINING_COLOUR) < bars.width / 6
