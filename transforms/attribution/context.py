"""What an attribution rule sees: the article, one quote with its sentence and paragraph, and the
quotes before it. Nothing is kept between quotes except what the context passes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from transforms.attribution.marks import QuoteSpan
from transforms.attribution.reported import ReportedClause
from transforms.doc_text import text_of
from transforms.gender import person_genders
from transforms.records import Mention, Quote


@dataclass(frozen=True)
class Speaker:
    """A quote's speaker as written and resolved, with the cue, the rule that found it and how the
    mention became a name (`resolution`: name, surname, pronoun, description, spokesperson, document,
    phrase, or empty when nothing was resolved)."""

    mention: str | None
    name: str | None
    entity_type: str | None
    cue_verb: str
    rule: str
    confidence: float
    resolution: str = ""


NO_SPEAKER = Speaker(None, None, None, "", "none", 0.3)
SCARE = Speaker(None, None, None, "", "scare", 0.6)


@dataclass(frozen=True)
class Article:
    """What every quote of one document shares: the parse, the text and the named entities."""

    doc: Doc
    mentions: Sequence[Mention]
    marked: Sequence[QuoteSpan] = ()  # every quotation in marks: words inside them never speak

    def in_quotation(self, char: int) -> bool:
        """Whether a character stands inside quotation marks (`on MSNBC's "Morning Joe," saying …`)."""
        return any(span.open_char <= char <= span.close_char for span in self.marked)

    @cached_property
    def text(self) -> str:
        return text_of(self.doc)

    @cached_property
    def genders(self) -> dict[str, str]:
        """`m` or `f` by person name, where the article tells it."""
        return person_genders(self.text, self.mentions)

    @cached_property
    def person_full_names(self) -> list[str]:
        return sorted({m.entity_name for m in self.mentions if m.entity_type == "PERSON" and " " in m.entity_name})

    def mention_at(self, char: int) -> Mention | None:
        """Return the mention that holds character offset `char`, if any."""
        return next((m for m in self.mentions if m.start_char <= char < m.end_char), None)


@dataclass(frozen=True)
class QuoteContext:
    """One quote as the rules see it: its tokens, how it was found, and the quotes before it."""

    article: Article
    tokens: Span
    kind: str  # direct | partial | indirect | belief
    marked: QuoteSpan | None = None  # the quotation marks, for a quote in marks
    reported: ReportedClause | None = None  # the clause and its cue, for reported speech
    earlier: tuple[Quote, ...] = ()  # every quote before this one, in text order
    previous_marked: tuple[QuoteSpan, Quote] | None = field(default=None)  # the last quote in marks

    @property
    def doc(self) -> Doc:
        return self.article.doc

    @cached_property
    def inside(self) -> frozenset[int]:
        """The token indices of the quote itself, which never hold its attribution."""
        return frozenset(range(self.tokens.start, self.tokens.end))

    @property
    def start_char(self) -> int:
        return self.marked.start_char if self.marked is not None else self.tokens.start_char

    @property
    def end_char(self) -> int:
        return self.marked.end_char if self.marked is not None else self.tokens.end_char

    @cached_property
    def sentences(self) -> Span:
        """The sentences the quote touches."""
        return self.doc[self.tokens[0].sent.start : self.tokens[-1].sent.end]

    @cached_property
    def paragraph(self) -> tuple[int, int]:
        """The (start, end) characters of the paragraph (line) the quote starts in."""
        text = self.article.text
        start = text.rfind("\n", 0, self.start_char) + 1
        end = text.find("\n", self.end_char)
        return start, len(text) if end < 0 else end
