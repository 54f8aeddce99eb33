"""Each named furniture rule on small hand-written pages, in several languages."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Limits
from reader.extract.blocks import build_drafts
from reader.extract.caption_images import attach_caption_images
from reader.extract.furniture import is_orphan_caption, names_of, strip_furniture
from reader.extract.furniture_rules import RULES, Place, furniture_rule, repeat_rule
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import BlockKind

TOP = Place(0, 10)
MIDDLE = Place(5, 10)
END = Place(9, 10)
PROSE = {
    "en": "The council met on Tuesday evening to decide the future of the harbour wall, "
    "which has kept the winter storms out of the old town for two hundred years.",
    "de": "Der Gemeinderat hat am Dienstagabend über die Zukunft der Hafenmauer beraten, "
    "die seit zweihundert Jahren die Winterstürme von der Altstadt fernhält.",
    "fr": "Le conseil municipal s'est réuni mardi soir pour décider de l'avenir de la digue "
    "qui protège la vieille ville des tempêtes d'hiver depuis deux cents ans.",
}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Updated 5:27 am CST, February 3, 2019", TOP),
        ("Published on 12 March 2021", END),
        ("Aktualisiert am 3. März 2021, 14:05 Uhr", TOP),
        ("Veröffentlicht: 12.03.2021", TOP),
        ("Publié le 4 avril 2022 à 10h30", TOP),
        ("Mis à jour le 5 avril 2022", END),
        ("Aggiornato il 7 maggio 2020 alle 09:15", TOP),
        ("Actualizado el 8 de junio de 2021", TOP),
        ("March 3, 2021", TOP),
        ("2021-03-03", END),
    ],
)
def test_stamp_lines_near_the_top_or_the_end(text: str, place: Place) -> None:
    assert furniture_rule(text, place) == "stamp-line"


@pytest.mark.parametrize(
    "text",
    [
        "Updated 5:27 am CST, February 3, 2019",
        "On March 3, 2021 the council voted to rebuild the wall.",
        "Am 3. März 2021 stimmte der Rat für den Neubau der Mauer.",
    ],
)
def test_a_date_in_the_middle_or_in_a_sentence_is_article(text: str) -> None:
    place = MIDDLE if text.startswith("Updated") else TOP
    assert furniture_rule(text, place) is None


@pytest.mark.parametrize(
    "text",
    [
        "© 2019 The Harbour Gazette. All rights reserved.",
        "Copyright 2020 Example Media",
        "© Hafenbote 2021 – Alle Rechte vorbehalten",
        "Tous droits réservés – La Gazette du Port",
        "Tutti i diritti riservati",
        "Todos los derechos reservados © El Puerto",
        "Copyright 2019 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        "This article is the property of the Gazette. Written permission must be obtained "
        "before reprint in online or print media.",
        "Nachdruck nur mit Genehmigung des Hafenboten.",
    ],
)
def test_copyright_lines_at_the_end(text: str) -> None:
    assert furniture_rule(text, END) == "copyright-line"
    assert furniture_rule(text, MIDDLE) is None


@pytest.mark.parametrize(
    "text",
    [
        "Tags: harbour, storms, council",
        "Schlagwörter: Hafen, Sturm",
        "Themen: Hafen, Gemeinderat",
        "Mots-clés : port, tempête",
        "Etiquetas: puerto, tormenta",
    ],
)
def test_tag_lines_at_the_end(text: str) -> None:
    assert furniture_rule(text, END) == "tag-line"


@pytest.mark.parametrize(
    "text",
    [
        "Follow us on Twitter and Facebook for more harbour news.",
        "Email the author at jane@gazette.example.",
        "Jane Doe is a staff reporter for the Gazette covering the coast.",
        "Folgen Sie uns auf Instagram.",
        "Anna Schmidt ist Redakteurin im Ressort Lokales.",
        "Suivez-nous sur Facebook.",
        "Síguenos en Twitter.",
    ],
)
def test_contact_lines_and_bios_at_the_end(text: str) -> None:
    assert furniture_rule(text, END) == "contact-or-bio"
    assert furniture_rule(text, MIDDLE) is None


@pytest.mark.parametrize(
    "text",
    [
        "Click here to get the harbour newsletter.",
        "Like this:",
        "Jetzt abonnieren und keine Ausgabe verpassen!",
        "Abonnez-vous à notre lettre d'information.",
        "Iscriviti alla newsletter.",
        "Suscríbete a nuestro boletín.",
        "Anzeige",
        "Reklama",
        "If you are seeing this message but you are already a subscriber, log in here.",
        "To read the full story, please subscribe to the Gazette.",
        "Download the Gazette News apps for iOS and Android.",
        "Sie sind aktuell nicht eingeloggt.",
        "Klicken Sie auf den unteren Button, um den Inhalt von www.karten.example zu laden.",
        "Dieses Skript als PDF herunterladen",
        "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.",
        "Bei den Links handelt es sich um Affiliate-Links.",
    ],
)
def test_promos_anywhere(text: str) -> None:
    assert furniture_rule(text, MIDDLE) == "promo"


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Related: Harbour wall repairs begin next spring", 40),
        ("Read more: Storm damage along the coast in pictures", 40),
        ("Lesen Sie auch: Sturmschäden an der Küste", 26),
        ("Mehr zum Thema: Der Hafen im Wandel", 20),
        ("Lire aussi : La digue sera reconstruite", 24),
        ("Leggi anche: Il porto dopo la tempesta", 25),
        ("Lee también: El puerto tras la tormenta", 26),
        ("Le puede interesar: El puerto tras la tormenta", 26),
        ("Auch lesen: Sturmschäden an der Küste", 26),
        ("Lesen Sie auch die folgenden Beiträge:", 0),
        ("Das Thema könnte dich auch interessieren:", 0),
        ("Weitere Beiträge aus der Kolumne:", 0),
    ],
)
def test_related_link_lines(text: str, links: int) -> None:
    assert furniture_rule(text, MIDDLE, links) == "related-line"


def test_a_related_label_before_plain_prose_is_article() -> None:
    text = "Read more: " + PROSE["en"]
    assert furniture_rule(text, MIDDLE, 0) is None


@pytest.mark.parametrize(
    "text",
    [
        "Photo by Jane Doe on Unsplash",
        "Foto: dpa",
        "Bild: Hafenbote/Archiv",
        "Titelbild: J. Schmidt/picture-alliance",
        "Crédits photos : Agence du Port",
        "Die Hafenmauer im Winter, vom Leuchtturm aus gesehen. © AFP / J. Schmidt",
        "The quay at dawn, before the storm. (J. Doe / iStock.com)",
        "La digue au lever du jour / (C) Marie Dupont",
    ],
)
def test_credit_lines_and_credited_captions_anywhere(text: str) -> None:
    assert furniture_rule(text, MIDDLE) == "credit-line"


@pytest.mark.parametrize(
    "text",
    [
        "Bilder von der Sitzung zeigen, dass der Rat über die Mauer lange und heftig stritt.",
        "Photographs of the quay were taken every spring from 1890 to 1910 by the harbourmaster.",
        "Linux usability, or why do I bother. © 2002, 2003 Jamie Zawinski",
        "© 2019 The Harbour Gazette",
    ],
)
def test_prose_about_pictures_and_copyright_lines_are_no_credit_lines(text: str) -> None:
    assert furniture_rule(text, MIDDLE) != "credit-line"


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe",
        "By Jane Doe and John Smith",
        "Von: Götz Warnke",
        "Par Marie Dupont et Jean Martin",
    ],
)
def test_byline_lines_near_the_top_or_the_end(text: str) -> None:
    assert furniture_rule(text, TOP) == "byline-line"
    assert furniture_rule(text, END) == "byline-line"
    assert furniture_rule(text, MIDDLE) is None


@pytest.mark.parametrize(
    "text", ["By the harbour the old men sat.", "Von Berlin aus fuhr der Zug nach Hamburg."]
)
def test_a_sentence_starting_like_a_byline_is_article(text: str) -> None:
    assert furniture_rule(text, TOP) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ever come home from a day of shopping and wondered why you bought it all?… Read more",
        "Der Hafen nach dem Sturm: Was jetzt repariert werden muss und was es kostet. mehr",
        "Le port après la tempête : ce qui doit être réparé... Lire la suite »",
        "El puerto tras la tormenta: lo que hay que reparar… Leer más",
    ],
)
def test_teasers_of_other_pages_anywhere(text: str) -> None:
    assert furniture_rule(text, MIDDLE) == "teaser"


@pytest.mark.parametrize(
    "text", ["He wanted more.", "Die Fischer wollten immer mehr", "It was over. More rain fell."]
)
def test_a_sentence_ending_in_more_is_no_teaser(text: str) -> None:
    assert furniture_rule(text, MIDDLE) is None


@pytest.mark.parametrize("language", sorted(PROSE))
def test_article_prose_breaks_no_rule(language: str) -> None:
    for place in (TOP, MIDDLE, END):
        assert furniture_rule(PROSE[language], place) is None


def page(language: str, body: str) -> str:
    return (
        f"<html lang='{language}'><head><title>Hafen</title></head><body><article>"
        f"{body}</article></body></html>"
    )


def test_a_german_page_loses_its_stamp_promo_related_and_end_matter() -> None:
    prose = PROSE["de"]
    html = page(
        "de",
        "<p>Aktualisiert am 3. März 2021, 14:05 Uhr</p>"
        f"<p>{prose}</p><p>{prose} Zweiter Absatz.</p>"
        "<p>Lesen Sie auch: <a href='/a'>Sturmschäden an der Küste</a></p>"
        f"<p>{prose} Dritter Absatz.</p><p>Jetzt abonnieren und keine Ausgabe verpassen!</p>"
        f"<p>{prose} Letzter Absatz.</p><p>Schlagwörter: Hafen, Sturm</p>"
        "<p>© Hafenbote 2021 – Alle Rechte vorbehalten</p>",
    )
    article = extract(RawDocument("t.html", DocumentKind.HTML, html), Limits())
    assert article.text.count(prose) == 4
    for junk in ("Aktualisiert", "Lesen Sie auch", "abonnieren", "Schlagwörter", "Rechte"):
        assert junk not in article.text


def test_a_caption_without_its_image_is_dropped_and_one_with_it_kept() -> None:
    prose = PROSE["en"]
    html = page(
        "en",
        f"<p>{prose}</p><div class='media'><figcaption>The harbour wall in 1900. "
        "Photo: J. Smith, AP</figcaption></div>"
        f"<p>{prose} Second paragraph.</p><figure><img src='https://x.example/wall.jpg'>"
        f"<figcaption>The wall today.</figcaption></figure><p>{prose} Last paragraph.</p>",
    )
    article = extract(RawDocument("t.html", DocumentKind.HTML, html), Limits())
    assert "in 1900" not in article.text
    assert "The wall today." in article.text


@pytest.mark.parametrize("text", ["more", "Less", "mehr anzeigen", "weniger", "moins", "Ver más"])
def test_caption_toggles_anywhere(text: str) -> None:
    assert furniture_rule(text, MIDDLE) == "toggle"


# --- the title repeated as the first block --------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The harbour wall will be rebuilt", "The harbour wall will be rebuilt"),
        ("The harbour wall will be rebuilt.", "The harbour wall will be rebuilt"),
        ("THE HARBOUR WALL WILL BE REBUILT", "The harbour wall will be rebuilt | Gazette"),
        ("Die Hafenmauer wird neu gebaut", "Hafenbote – Die Hafenmauer wird neu gebaut"),
        ("Wall", "Wall"),  # the whole title, however short
    ],
)
def test_the_title_repeated_is_a_title_repeat(text: str, title: str) -> None:
    assert repeat_rule(text, title) == "title-repeat"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("News", "News | The Harbour Gazette"),  # a short part is no title
        ("The harbour wall will be rebuilt, the council said.", "The harbour wall will be rebuilt"),
    ],
)
def test_a_block_that_is_not_the_title_stays(text: str, title: str) -> None:
    assert repeat_rule(text, title) is None


def test_a_german_page_loses_its_title_copy_and_keeps_its_standfirst() -> None:
    prose = PROSE["de"]
    standfirst = "Zweihundert Jahre hielt sie die Stürme ab; jetzt bröckelt sie."
    html = (
        "<html lang='de'><head><title>Die Hafenmauer wird neu gebaut | Hafenbote</title>"
        f"<meta name='description' content='{standfirst}'></head><body><article>"
        f"<h1>Die Hafenmauer wird neu gebaut</h1><h2>{standfirst}</h2>"
        f"<p>{prose}</p><p>{prose} Zweiter Absatz.</p><p>{prose} Letzter Absatz.</p>"
        "</article></body></html>"
    )
    article = extract(RawDocument("t.html", DocumentKind.HTML, html), Limits())
    assert "Die Hafenmauer wird neu gebaut" not in article.text
    # The standfirst is the article's own words: it stays, once.
    assert article.text.count(standfirst) == 1
    assert article.text.count(prose) == 3


# --- captions whose picture readability dropped ---------------------------------------


def _figures(article_html: str, page_html: str) -> list[tuple[str, str | None]]:
    """(caption, picture address) of each figure block once captions are joined."""
    article = lxml.html.fragment_fromstring(article_html)
    attach_caption_images(article, lxml.html.fromstring(page_html))
    strip_furniture(article)
    drafts = build_drafts(article, "https://x.example/")
    return [(d.text, d.src) for d in drafts if d.kind is BlockKind.FIGURE]


@pytest.mark.parametrize("name", ["media-caption", "bildunterschrift", "wp-caption-text"])
def test_a_caption_gets_back_the_picture_readability_dropped(name: str) -> None:
    prose = PROSE["de"]
    caption = f"<div class='{name}'>Die Hafenmauer im Jahr 1900. Foto: J. Schmidt</div>"
    page_html = (
        f"<html><body><div><p>{prose}</p><div class='media'><div class='image'>"
        f"<img src='/wall.jpg' width='800'></div></div>{caption}<p>{prose}</p></div></body></html>"
    )
    article_html = f"<div><p>{prose}</p>{caption}<p>{prose}</p></div>"
    assert _figures(article_html, page_html) == [
        ("Die Hafenmauer im Jahr 1900. Foto: J. Schmidt", "https://x.example/wall.jpg")
    ]


def test_a_figure_gets_back_its_picture_inside_it() -> None:
    page_html = (
        "<html><body><figure><div class='image'><img src='/wall.jpg'></div>"
        "<figcaption>The wall today. <span class='credit'>AP</span></figcaption></figure>"
        "</body></html>"
    )
    article_html = (
        "<div><p>Text.</p><figure><figcaption>The wall today. <span class='credit'>AP</span>"
        "</figcaption></figure></div>"
    )
    assert _figures(article_html, page_html) == [
        ("The wall today. AP", "https://x.example/wall.jpg")
    ]


def test_a_picture_kept_apart_from_its_caption_is_joined_with_it() -> None:
    article_html = (
        "<div><p>Text.</p><img src='/wall.jpg'><br><p><span class='pb-caption'>The wall today."
        "</span></p><p>More text.</p></div>"
    )
    assert _figures(article_html, "<html><body></body></html>") == [
        ("The wall today.", "https://x.example/wall.jpg")
    ]


def test_a_caption_whose_picture_is_nowhere_stays_an_orphan() -> None:
    page_html = (
        "<html><body><div class='video' data-id='7'></div>"
        "<p class='video-caption'>Gunmen stormed the museum. (Reuters)</p></body></html>"
    )
    article_html = (
        "<div><p>Text before.</p><p class='video-caption'>Gunmen stormed the museum. (Reuters)</p>"
        "<p>Text after.</p></div>"
    )
    article = lxml.html.fragment_fromstring(article_html)
    assert attach_caption_images(article, lxml.html.fromstring(page_html)) == 0
    strip_furniture(article)
    assert "Gunmen" not in article.text_content()


def test_a_picture_after_running_text_is_not_its_caption() -> None:
    page_html = (
        "<html><body><img src='/logo.png'><p>An unrelated paragraph.</p>"
        "<p class='caption'>The wall today.</p></body></html>"
    )
    article = lxml.html.fragment_fromstring("<div><p class='caption'>The wall today.</p></div>")
    assert attach_caption_images(article, lxml.html.fromstring(page_html)) == 0


def test_a_gallery_slide_caption_of_several_paragraphs_is_article() -> None:
    slide = lxml.html.fragment_fromstring(
        "<figure><div class='embed'></div><figcaption class='slide-caption'>"
        "<p>Last-minute costume idea right here!</p><p><strong>What you need:</strong> a "
        "bowler hat and an all-white outfit.</p></figcaption></figure>"
    )
    caption = slide.find("figcaption")
    assert not is_orphan_caption(caption, names_of(caption))
    single = lxml.html.fragment_fromstring(
        "<figure><div class='embed'></div><figcaption><p>The quay in 1900.</p></figcaption>"
        "</figure>"
    ).find("figcaption")
    assert is_orphan_caption(single, names_of(single))


def test_a_box_named_like_a_caption_that_holds_a_heading_is_article() -> None:
    box = lxml.html.fragment_fromstring(
        "<div class='item no_caption'><h2>Her daughter was burning up from within.</h2>"
        "<p class='attribution'>Police</p></div>"
    )
    assert not is_orphan_caption(box, names_of(box))


def test_a_caption_cell_of_a_layout_table_gets_its_picture_inside_it() -> None:
    page_html = (
        "<html><body><table class='tr-caption-container'><tr><td><a href='/big.png'>"
        "<img src='/diagram.png'></a></td></tr><tr><td class='tr-caption'>Block diagram "
        "(from the datasheet)</td></tr></table></body></html>"
    )
    article_html = (
        "<div><p>Text.</p><table class='tr-caption-container'><tr><td><a href='/big.png'></a>"
        "</td></tr><tr><td class='tr-caption'>Block diagram (from the datasheet)</td></tr>"
        "</table></div>"
    )
    assert _figures(article_html, page_html) == [
        ("Block diagram (from the datasheet)", "https://x.example/diagram.png")
    ]


def test_the_picture_of_a_figure_before_an_orphan_caption_stays_with_its_own_caption() -> None:
    article_html = (
        "<div><p>Text.</p><figure><img src='/a.jpg'><figcaption>The wall today.</figcaption>"
        "</figure><p class='caption'>The wall in 1900.</p><p>More text.</p></div>"
    )
    assert _figures(article_html, "<html><body></body></html>") == [
        ("The wall today.", "https://x.example/a.jpg")
    ]


def test_a_picture_in_a_figure_without_a_caption_is_the_next_captions() -> None:
    # Zoomable pictures sit in a <figure> of their own, the caption beside it.
    page_html = (
        "<html><body><div><div class='zoom'><figure><span><img src='/a.jpg'></span></figure>"
        "</div><div class='media-caption'>The wall today.</div></div></body></html>"
    )
    article_html = "<div><p>Text.</p><p class='media-caption'>The wall today.</p></div>"
    assert _figures(article_html, page_html) == [("The wall today.", "https://x.example/a.jpg")]


_PIECES = [*"abcMehrBy©().…:|/ -_'’1209\n", "Foto", "more", "Read", "Lesen Sie auch"]


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(st.sampled_from(_PIECES), max_size=120).map("".join),
    index=st.integers(0, 9),
    links=st.integers(0, 400),
)
def test_any_text_breaks_a_named_rule_or_none(text: str, index: int, links: int) -> None:
    assert furniture_rule(text, Place(index, 10), links) in {*(name for name, _ in RULES), None}


_HTML_PIECES = [
    "<p>Text before.</p>",
    "<div class='media-caption'>The wall today.</div>",
    "<p><span class='pb-caption'>The quay.</span></p>",
    "<img src='/a.jpg'>",
    "<div><img src='/b.jpg'></div>",
    "<figure>",
    "</figure>",
    "<figcaption>Storm.</figcaption>",
    "<table><tr><td class='tr-caption'>Diagram</td></tr></table>",
    "<br>",
]


@settings(max_examples=150, deadline=None)
@given(
    article=st.lists(st.sampled_from(_HTML_PIECES), max_size=12).map("".join),
    page=st.lists(st.sampled_from(_HTML_PIECES), max_size=12).map("".join),
)
def test_joining_captions_with_pictures_keeps_every_word(article: str, page: str) -> None:
    tree = lxml.html.fragment_fromstring(f"<div>{article}</div>")
    words = sorted(tree.text_content().split())
    attach_caption_images(tree, lxml.html.fromstring(f"<html><body>{page}</body></html>"))
    assert sorted(tree.text_content().split()) == words
