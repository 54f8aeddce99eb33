"""The figures as the reader lists them (caption and credit apart, safe to show), and
stepping from block to block through them."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from reader.images.figures import article_figures
from reader.models import Span
from reader.ui.article_view.figure_steps import step
from tests.article_builder import ArticleBuilder


@given(
    figures=st.lists(st.integers(0, 200), unique=True).map(sorted),
    current=st.integers(-1, 201),
)
def test_step_goes_to_the_nearest_figure_either_way(figures: list[int], current: int) -> None:
    after = step(figures, current, forward=True)
    before = step(figures, current, forward=False)
    later = [f for f in figures if f > current]
    earlier = [f for f in figures if f < current]
    assert after == (later[0] if later else None)
    assert before == (earlier[-1] if earlier else None)


def test_captions_and_credits_are_apart_and_on_one_safe_line() -> None:
    builder = ArticleBuilder()
    builder.paragraph("Some text before.")
    caption = "The quay at dawn.\n\x1b[31mPhoto:\tMaren Holt"
    block = builder.figure(caption, "quay.jpg")
    credit_start = block.start + caption.index("\x1b")
    builder.blocks[-1] = dataclasses.replace(
        block, image="quay_files/quay.jpg", alt="The quay", credit=Span(credit_start, block.end)
    )
    builder.figure("", "https://cdn.example/gone.jpg")
    figures = article_figures(builder.build())
    first, second = figures
    assert (first.number, first.block) == (1, 1)
    assert first.caption == "The quay at dawn."
    assert first.credit == "Photo: Maren Holt"  # no escape sequence, no tab
    assert first.label == "The quay at dawn."
    assert first.image == "quay_files/quay.jpg"
    assert (second.number, second.image, second.caption) == (2, None, "")
    assert second.label == "Figure 2"
