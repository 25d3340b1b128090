"""Cut the author's biography that the extracted text ends with.

Many pages close an article with a line or two about its writer, in the third person and
without a heading ("Jane Doe is a health reporter based in Leeds. She has covered..."),
and trafilatura keeps it as the article's last paragraphs. An article seldom speaks of its
own writer by name: ``drop_author_bio(text, authors)`` cuts the text from the first of its
last ``EDGE`` paragraphs that opens with the name of one of the page's authors (the whole
name, or its first name of ``MIN_FIRST_NAME`` letters or more, of an author named in two
words or more) and a verb of a biography (``BIO_VERB``: "Jane Doe is...", "Jane
started...", not "Jane Doe, a nurse, said" nor "Jane Doe's report") and holds
``MIN_WORDS`` words or more (a sentence about them, not a signature). The first paragraph
is never cut.
Others close it with an author box: a heading ("About the author", "Written by Jane Doe")
or the author's name on a line of its own ("Jane Doe", "Jane DoeAuthor"), then a role and
a biography that need not open with the name ("Technical writer. With a background in...").
``drop_author_box(text, authors)`` cuts the text from the first of its last ``BOX_EDGE``
paragraphs that is such a heading, or such a name line with more text after it (a name
alone at the very end is a signature, and stays).
Plain functions; no Scrapy. Settings read: none. Stats: none (``pipelines.extract.page``
names the cut, counted by the item pipeline).
"""

from __future__ import annotations

import re

from pipelines.extract.text import cut_from_last

EDGE = 3  # the last paragraphs examined (tuned on WCXB dev's tune part)
MIN_WORDS = 6  # a shorter paragraph that opens with the name is a signature, not a biography
MIN_FIRST_NAME = 3  # a first name shorter than this ("Al", "Jo") is not matched alone
# the name opens a biography only with one of these verbs after it: an article's own
# "Jane Doe, a nurse, said..." is no biography, and a name that is an institution's
# ("Harvard Health Publishing") would otherwise cut "Harvard researchers..."
BIO_VERB = (
    r"\s+(?:is|was|has|had|started|founded|co-founded|writes|wrote|covers|joined|lives|holds"
    r"|worked|works|serves|teaches|leads|enjoys)\b"
)


def bio_opening(authors: list[str]) -> re.Pattern[str] | None:
    """What a paragraph about one of ``authors`` opens with; ``None`` without a full name."""
    names = [name.split() for name in authors if len(name.split()) >= 2]
    if not names:
        return None
    alternatives = [re.escape(" ".join(words)) for words in names]  # whole names first
    alternatives += [re.escape(words[0]) for words in names if len(words[0]) >= MIN_FIRST_NAME]
    return re.compile(r"^\W*(?:" + "|".join(alternatives) + ")" + BIO_VERB, re.IGNORECASE)


# a biography's verb anywhere in a line: a line without one opens no biography
VERB = re.compile(BIO_VERB, re.IGNORECASE)


def drop_author_bio(text: str, authors: list[str]) -> str:
    """``text`` without the biography of its author it ends with (see the module). The
    authors' pattern (``bio_opening``, a compile of a quarter of a millisecond) is made
    only for a paragraph long enough that holds one of the verbs."""
    if not any(len(name.split()) >= 2 for name in authors):
        return text  # no full name: no pattern
    made: list[re.Pattern[str] | None] = []

    def opens_bio(line: str) -> bool:
        if len(line.split()) < MIN_WORDS or not VERB.search(line):
            return False
        if not made:
            made.append(bio_opening(authors))
        opening = made[0]
        return opening is not None and bool(opening.match(line))

    return cut_from_last(text, EDGE, opens_bio)


BOX_EDGE = 6  # the last paragraphs examined for an author box (4, 6 and 8 tried on both tunes)
BOX_HEADING = re.compile(
    r"^\W*(?:(?i:about the authors?|about the writer|meet the author|author bio(?:graphy)?"
    r"|über (?:den autor|die autorin|die autoren)|à propos de l['’]auteur(?:e)?"
    r"|sobre (?:el autor|la autora|o autor|a autora))"
    r"|(?i:written|posted|authored) (?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\W*$"
)
NAME_ROLE = re.compile(r"\s*(?:author|writer|editor|contributor)$")


def is_name_line(line: str, names: set[str]) -> bool:
    """Whether ``line`` is only one of ``names`` (lower case, whitespace folded), maybe
    with "About" before it or a role word after it ("Jane DoeAuthor")."""
    folded = " ".join(line.strip(" \t*-•|:").lower().split())
    folded = folded.removeprefix("about ")
    return folded in names or NAME_ROLE.sub("", folded) in names


def drop_author_box(text: str, authors: list[str]) -> str:
    """``text`` without the author box it ends with: from the first of its last
    ``BOX_EDGE`` paragraphs that is the box's heading ("About the author", "Written by
    Jane Doe") or the name of one of ``authors`` alone with more after it (the box's
    name line, then a role or a biography; a name alone at the very end is a signature
    and stays). The first paragraph is never cut."""
    names = {" ".join(name.lower().split()) for name in authors if len(name.split()) >= 2}
    lines = text.split("\n")
    for index in range(max(1, len(lines) - BOX_EDGE), len(lines)):
        line = lines[index]
        if BOX_HEADING.match(line.strip()) or (
            index < len(lines) - 1 and names and is_name_line(line, names)
        ):
            return "\n".join(lines[:index]).rstrip()
    return text
