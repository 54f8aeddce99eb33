"""The article view's roles: the names of the styles its runs and overlays are
painted with (``heading-1``, ``link``, ``entity-person``, ``highlight-yellow``…), and
how each looks.

Roles are produced by the layout (``layout/``: one or more space-separated roles per
run), by the overlays laid over it (search hits, names, dates, highlights, the passage
cursor) and by the painter; ``paint`` styles each as ``ROLE_LOOKS`` says. A StrEnum,
so a role compares equal to its name; runs keep the plain string (``Role.X.value``):
a tuple of plain strings leaves the cyclic collector's watch, one that holds an enum
member does not (see ``layout.lines.DisplayLine``).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    HEADING_1 = "heading-1"
    HEADING_2 = "heading-2"
    HEADING_3 = "heading-3"
    HEADING_4 = "heading-4"
    HEADING_5 = "heading-5"
    HEADING_6 = "heading-6"
    HEADING_RULE = "heading-rule"
    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"
    LINK_NUMBER = "link-number"
    LINK_HINT = "link-hint"
    LINK_URL = "link-url"
    BULLET = "bullet"
    QUOTE = "quote"
    QUOTE_BAR = "quote-bar"
    CODE_BLOCK = "code-block"
    CODE_KEYWORD = "code-keyword"
    CODE_STRING = "code-string"
    CODE_NUMBER = "code-number"
    CODE_COMMENT = "code-comment"
    CODE_NAME = "code-name"
    CODE_BUILTIN = "code-builtin"
    CODE_OPERATOR = "code-operator"
    MORE_SIDEWAYS = "more-sideways"
    """The ‹ › marking text beyond the column's edge (painted, not a run's role)."""
    TABLE_BORDER = "table-border"
    TABLE_HEADER = "table-header"
    FIGURE = "figure"
    FIGURE_IMAGE = "figure-image"
    """The rows a picture is drawn over (by the view, not by a look)."""
    RULE = "rule"
    SECTION_MARKER = "section-marker"
    SECTION_TITLE = "section-title"
    SECTION_SUMMARY = "section-summary"
    SECTION_LINE = "section-line"
    TITLE = "title"
    STANDFIRST = "standfirst"
    TITLE_DETAILS = "title-details"
    SEARCH_HIT = "search-hit"
    SEARCH_CURRENT = "search-current"
    ENTITY_PERSON = "entity-person"
    ENTITY_ORG = "entity-org"
    ENTITY_PLACE = "entity-place"
    ENTITY_OTHER = "entity-other"
    DATE = "date"
    HIGHLIGHT_YELLOW = "highlight-yellow"
    HIGHLIGHT_GREEN = "highlight-green"
    HIGHLIGHT_BLUE = "highlight-blue"
    HIGHLIGHT_PINK = "highlight-pink"
    HIGHLIGHT_PURPLE = "highlight-purple"
    NOTE_SIGN = "note-sign"
    MENTION_CURRENT = "mention-current"
    SELECTION = "selection"
    CURSOR = "cursor"


HEADING_ROLES: tuple[Role, ...] = (
    Role.HEADING_1,
    Role.HEADING_2,
    Role.HEADING_3,
    Role.HEADING_4,
    Role.HEADING_5,
    Role.HEADING_6,
)


def heading_role(level: int) -> str:
    """The role of a heading of ``level`` (kept within 1–6)."""
    return HEADING_ROLES[min(max(level, 1), 6) - 1].value


Look = tuple[str, str, str]
"""(text style, colour, background)."""

ROLE_LOOKS: dict[Role, Look] = {
    # A colour names theme variables, the first one the theme defines wins
    # ("link|text-primary": the reader's link colour, else Textual's); an opacity
    # ("primary 40%") blends it over the view's background.
    Role.HEADING_1: ("bold", "text-primary", ""),
    Role.HEADING_2: ("bold", "text-primary", ""),
    Role.HEADING_3: ("bold", "text-secondary", ""),
    Role.HEADING_4: ("bold italic", "text-secondary", ""),
    Role.HEADING_5: ("bold", "", ""),
    Role.HEADING_6: ("bold", "text-muted", ""),
    Role.HEADING_RULE: ("", "primary 50%", ""),
    Role.EMPHASIS: ("italic", "", ""),
    Role.STRONG: ("bold", "", ""),
    Role.CODE: ("", "", "code-background|surface"),
    Role.LINK: ("underline", "link|text-primary", ""),
    Role.LINK_NUMBER: ("", "link-number|text-accent", ""),
    Role.LINK_HINT: ("bold", "link-hint-text|background", "link-number|accent"),
    Role.LINK_URL: ("", "text-muted", ""),
    Role.BULLET: ("", "text-accent", ""),
    Role.QUOTE: ("italic", "quote|text-muted", ""),
    Role.QUOTE_BAR: ("", "quote|accent", ""),
    Role.CODE_BLOCK: ("", "", "code-background|surface"),
    Role.CODE_KEYWORD: ("bold", "text-secondary", ""),
    Role.CODE_STRING: ("", "text-success", ""),
    Role.CODE_NUMBER: ("", "text-accent", ""),
    Role.CODE_COMMENT: ("italic", "text-muted", ""),
    Role.CODE_NAME: ("", "text-primary", ""),
    Role.CODE_BUILTIN: ("", "text-primary", ""),
    Role.CODE_OPERATOR: ("", "text-warning", ""),
    Role.MORE_SIDEWAYS: ("", "text-muted", ""),
    Role.TABLE_BORDER: ("", "text-muted", ""),
    Role.TABLE_HEADER: ("bold", "", ""),
    Role.FIGURE: ("italic", "text-muted", ""),
    Role.FIGURE_IMAGE: ("", "", ""),
    Role.RULE: ("", "text-muted", ""),
    Role.SECTION_MARKER: ("", "text-accent", ""),
    Role.SECTION_TITLE: ("bold", "", ""),
    Role.SECTION_SUMMARY: ("italic", "text-muted", ""),
    Role.SECTION_LINE: ("", "", ""),
    Role.TITLE: ("bold", "text-primary", ""),
    Role.STANDFIRST: ("italic", "", ""),
    Role.TITLE_DETAILS: ("", "text-muted", ""),
    Role.SEARCH_HIT: ("", "", "search-hit|warning 40%"),
    Role.SEARCH_CURRENT: ("bold", "search-current-text|background", "search-current|accent"),
    Role.ENTITY_PERSON: ("underline", "entity-person|text-accent", ""),
    Role.ENTITY_ORG: ("underline", "entity-org|text-secondary", ""),
    Role.ENTITY_PLACE: ("underline", "entity-place|text-success", ""),
    Role.ENTITY_OTHER: ("underline", "entity-other|text-primary", ""),
    Role.DATE: ("underline", "date|text-warning", ""),
    Role.HIGHLIGHT_YELLOW: ("", "", "highlight-yellow|warning 35%"),
    Role.HIGHLIGHT_GREEN: ("", "", "highlight-green|success 35%"),
    Role.HIGHLIGHT_BLUE: ("", "", "highlight-blue|primary 35%"),
    Role.HIGHLIGHT_PINK: ("", "", "highlight-pink|error 35%"),
    Role.HIGHLIGHT_PURPLE: ("", "", "highlight-purple|secondary 35%"),
    Role.NOTE_SIGN: ("bold", "text-accent", ""),
    Role.MENTION_CURRENT: ("bold reverse", "", ""),
    Role.SELECTION: ("", "", "primary 35%"),
    Role.CURSOR: ("bold", "accent", ""),
}
"""How each role looks. In Python rather than as component classes of the view: each
of those is a styled DOM node (~50 here) at every start and every restyle, which made
the article's first paint about twice as slow as a bare app's."""
