"""Grammatical gender of the people an article names, so `he` and `she` agree with their antecedent.

Evidence, strongest first: an honorific written before any mention of the person in the
article (`Ms Kite`, `Sir Alex`), then a common first name (`transforms/data/first_names.tsv`).
A person with no evidence, or contradicting evidence, has no gender and agrees with both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from transforms.lexicon import first_name_genders, honorific_genders
from transforms.records import Mention

_HONORIFIC_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
PRONOUN_GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def person_genders(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Return `m` or `f` for each PERSON entity name with consistent evidence in the article."""
    evidence: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.entity_type != "PERSON":
            continue
        found = _honorific_gender(text, mention)
        if found is not None:
            evidence.setdefault(mention.entity_name, set()).add(found)
    genders = {name: next(iter(found)) for name, found in evidence.items() if len(found) == 1}
    names = first_name_genders()
    for mention in mentions:
        name = mention.entity_name
        if mention.entity_type == "PERSON" and name not in evidence and " " in name:
            gender = names.get(name.split()[0].casefold())
            if gender is not None:
                genders[name] = gender
    return genders


def _honorific_gender(text: str, mention: Mention) -> str | None:
    words = (mention.title or "").split()
    if words:
        return honorific_genders().get(words[0].rstrip(".").lower())
    before = _HONORIFIC_BEFORE.search(text[max(0, mention.start_char - 12) : mention.start_char])
    return honorific_genders().get(before.group(1).lower()) if before else None
