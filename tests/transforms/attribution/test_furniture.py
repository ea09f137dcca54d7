"""Page furniture: teasers, captions, credits and embeds are recognised; prose is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transforms.attribution.furniture import furniture_lines, furniture_patterns, is_furniture

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"

# Made-up lines in the shapes the corpora show, by group of the data file.
FURNITURE = {
    "link teaser": [
        "READ MORE: Council approves new budget after late-night session",
        "Read more »",
        "WATCH: Mayor's full remarks at the ribbon cutting",
        "Related: How the new tax bill affects renters",
        "RELATED:",
        '"Related:"',
        "SEE ALSO",
        "Also on HuffPost:",
        "Click here to see the full list of candidates.",
        "Watch the full interview below:",
        "Listen to the latest episode of the podcast embedded above.",
        "Read the rest of the story at The Daily Ledger.",
        "Article Continued Below",
        "Advertisement",
        "Story continues below advertisement",
    ],
    "follow and contact prompt": [
        "Follow us on Twitter and Facebook.",
        "Follow Jane Roe on Twitter @janeroe.",
        "Follow @CityDesk.",
        "Twitter: @janeroe.",
        "Feedback? Email us at desk@example.com.",
        "Follow Sam Lee on Twitter: @samlee. Reach him directly at slee@example.com.",
        "Do you support Jane Roe? Like the page:",
        "FACEBOOK.",
    ],
    "newsletter prompt": [
        "Sign up for our morning newsletter.",
        "Want more updates from Jane? Sign up for her newsletter, City Notes.",
        "For more, sign up for the Weekly Digest newsletter.",
        "Subscribe to our politics podcast here.",
        "Enter your email address:",
        "Get the best of the week delivered to your inbox.",
    ],
    "caption and photo credit": [
        "Protesters gather outside the state capitol on Monday. (Photo: Jane Roe/AP)",
        "Senator Mary Smith speaks in Des Moines. (AP Photo/John Doe)",
        "Firefighters work through the night in Ventura County. (John Doe/Reuters)",
        "Supporters cheer at a rally in Ohio. (JANE ROE/AFP/Getty Images.)",
        "Jim Park / Reuters.",
        "Handout/Reuters.",
        "Mary Smith via Getty Images.",
        "Getty.",
        "ASSOCIATED PRESS.",
        "Image caption The bridge was closed for two days",
        "Media caption Residents describe the flooding",
        "Facebook/Jane Roe.",
        "Photo: Jane Roe for The Daily Ledger",
    ],
    "byline and wire credit": [
        "By Jane Roe",
        "By JANE ROE and JOHN DOE, Associated Press",
        "Jane Roe, The Associated Press",
        "— Reuters",
        "- Reuters.",
        "Associated Press writer John Doe contributed from Boston.",
        "Jane Roe contributed reporting.",
        "John Doe contributed to this story.",
        "Mary Smith contributed.",
        "(Reporting by Jane Roe; Editing by John Doe)",
        "(Additional reporting by Mary Smith in London; Editing by John Doe.)",
        "--additional reporting by Sam Lee.",
    ],
    "copyright": [
        "Copyright 2019 The Associated Press. All rights reserved.",
        "© 2016 Daily Ledger Media",
        "This material may not be published, broadcast, rewritten or redistributed.",
    ],
    "embedded social post": [
        "Crews are working to restore power to 4,000 customers. pic.twitter.com/xYz12AbC — City Hydro (@CityHydro) May 2, 2019",
        "Proud of our volunteers today! — Jane Roe (@janeroe) March 9, 2016",
        '<tweet tweet-author="@janeroe" tweet-date="March 9, 2016">Big crowd tonight<tweet/>.',
        "A photo posted by Jane Roe (@janeroe) on Jun 3, 2016 at 4:12pm PDT",
    ],
    "link": [
        "http://example.com/poll.",
        "View full results: http://exm.pl/1aBcD.",
    ],
    "editorial note": [
        "This story has been updated with comments from the mayor's office.",
        "This is a developing story and will be updated.",
        "Editor's note: An earlier version of this article misstated the date of the vote.",
        "CORRECTION:",
        "Correction: An earlier version of this story gave the wrong name for the county.",
        "As published in the International Daily Ledger.",
    ],
    "label, separator, markup and time stamp": [
        "ABSTRACT.",
        "FULL TEXT.",
        "___.",
        "* * *",
        ".image-wrap {",
        "width:100%;",
        "}",
        "We Are Sorry,This video is restricted from playing in your location",
        "9:05 p.m.",
        "11 a.m. ET",
    ],
}

PROSE = [
    '"We will win," she said.',
    "The Associated Press reported that the deal collapsed.",
    "Reuters said on Tuesday the talks ended.",
    "He said he would read more books.",
    "WASHINGTON (Reuters) - The Senate passed the bill on Tuesday, two aides said.",
    "DALLAS (AP) — The governor signed the measure into law on Friday.",
    "By contrast, the state's jobless rate fell to 4 percent.",
    "By Tuesday, the campaign had spent $2 million on advertising.",
    "Following the vote, the mayor thanked the council.",
    "''Follow us,'' Ms. Gil said, and the boys trailed behind.",
    "Trump took to Twitter to fire back at the columnist.",
    "She told The Associated Press on Monday that the inquiry was independent.",
    "Soros contributed more than $2 million to the group in 2015.",
    "Copyright law has not kept up with streaming, the panel said.",
    "The photo was bought from Getty Images.",
    '"VIDEO: They all told me it was a video," she said.',
    "- Sanders.",
    "Poll: 3 battleground Senate races are tight;",
    '"Watch what happens next," he said.',
    "Supporters can sign up for email alerts on the campaign website, the aide said.",
    "Related talks in Geneva ended without a deal.",
    "More than 1,200 emails are now deemed classified.",
    "An AP-GfK poll found that voters see the race as close.",
    "Clinton won New York, which she represented for eight years in the Senate, the AP said.",
]

# A quotation closed and attributed with `said`, the shape of reported speech in prose.
ATTRIBUTED_QUOTE = re.compile(r"[“\"][^”\"]{10,}[,.?!][”\"]\s+(?:\S+\s+){0,3}said\b|\bsaid,?\s+[“\"]\w")


@pytest.mark.parametrize(
    "line", [pytest.param(line, id=f"{group}: {line[:40]}") for group, lines in FURNITURE.items() for line in lines]
)
def test_is_furniture_recognises_page_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", PROSE)
def test_is_furniture_leaves_prose_alone(line: str) -> None:
    assert not is_furniture(line)


def test_is_furniture_long_line_ending_in_a_bare_credit_is_prose() -> None:
    caption = "Residents of the flooded valley wait for buses to take them to shelters on Monday"
    assert is_furniture(f"{caption}. Jane Roe/Reuters.") is False
    assert is_furniture("Residents wait for buses on Monday. Jane Roe/Reuters.")


def test_is_furniture_blank_line_is_not_furniture() -> None:
    assert not is_furniture("")
    assert not is_furniture("  \ufeff ")


def test_furniture_lines_offsets_index_the_stripped_lines_in_order() -> None:
    text = (
        "Council approves budget\n\n"
        "  READ MORE: Mayor defends plan  \n"
        '"We will win," she said.\r\n'
        "\ufeffGetty.\n"
        "The vote was 7-2.\n"
        "By Jane Roe"
    )
    spans = furniture_lines(text)
    assert [text[start:end] for start, end in spans] == ["READ MORE: Mayor defends plan", "Getty.", "By Jane Roe"]
    assert spans == sorted(spans)


def test_furniture_patterns_every_data_line_compiles_and_is_cached() -> None:
    assert len(furniture_patterns()) > 40
    assert furniture_patterns() is furniture_patterns()


def _articles() -> list[Path]:
    polnear = sorted((CORPUS / "polnear-train" / "text").glob("*.txt"))[::4][:200]
    return polnear + sorted((CORPUS / "bbc").glob("*_*.txt"))


@pytest.mark.skipif(
    len(_articles()) < 1000, reason=f"needs the PolNeAR training split and the BBC corpus under {CORPUS}"
)
def test_furniture_lines_over_real_articles_flag_few_lines_and_no_reported_speech() -> None:
    total, flagged = 0, []
    for path in _articles():
        text = path.read_text(encoding="utf-8")
        total += sum(1 for line in text.splitlines() if line.strip())
        flagged += [text[start:end] for start, end in furniture_lines(text)]
    assert ATTRIBUTED_QUOTE.search(PROSE[0]), "the sanity check must recognise reported speech"
    assert len(flagged) < 0.03 * total
    assert [line for line in flagged if ATTRIBUTED_QUOTE.search(line)] == []
