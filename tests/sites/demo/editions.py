"""What the demo outlet publishes between two ``make demo`` runs: an edit and a wire copy.

Edition 0 is the site as ``build_site`` serves it (8 stories in 6 languages). From
edition 1 on, the newest story (the Garut floods, 108) carries a correction in
Indonesian (new figures, a later modified time), and the news agency's copy of it is
published too: story 109, the same text under the agency's dateline without its last
paragraph, in every language. ``make demo`` (``sites.demo.run``) serves edition N on
its N-th run with the crawl's clock (``NEWS_CLOCK``) at ``clock(N)``, a day later each
run, so the edited story is due for a revisit and the wire copy is new: the archive's
``edits`` and ``duplicate_clusters`` views have rows. Settings read: none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sites.demo.site import Route, build_site
from sites.demo.stories import STORIES, STORIES_BY_ID, Story

# The first run's clock: after every date the site shows (story 108 was modified at 19:30).
FIRST_CLOCK = datetime.fromisoformat("2026-10-02T20:00:00+07:00")
EDITED_ID, WIRE_ID = 108, 109
AGENCY = "Antara"
WRONG = "sekitar 3.400 warga terdampak dan 620 di antaranya"
RIGHT = "sekitar 4.100 warga terdampak dan 780 di antaranya"


def clock(run: int) -> str:
    """The crawl clock of the demo's ``run``-th run (0 = the first), ISO 8601."""
    return (FIRST_CLOCK + timedelta(days=run)).isoformat()


def edited(story: Story) -> Story:
    """The story with the corrected figures in its Indonesian version."""
    version = story.versions["id"]
    paragraphs = tuple(p.replace(WRONG, RIGHT) for p in version.paragraphs)
    assert paragraphs != version.paragraphs, "the corrected sentence is gone from the story"
    versions = {**story.versions, "id": replace(version, paragraphs=paragraphs)}
    return replace(story, modified="2026-10-03T09:00:00+07:00", versions=versions)


def wire_copy(story: Story) -> Story:
    """The agency's copy of the story: its dateline, without the story's last paragraph."""
    versions = {}
    for lang, version in story.versions.items():
        first, *rest = version.paragraphs[:-1]
        first = first.replace("GARUT –", f"GARUT ({AGENCY}) –", 1)
        versions[lang] = replace(version, paragraphs=(first, *rest))
    return replace(
        story,
        id=WIRE_ID,
        slug=f"{story.slug}-{AGENCY.lower()}",
        authors=(AGENCY,),
        published="2026-10-03T08:15:00+07:00",
        modified=None,
        versions=versions,
    )


def stories(edition: int) -> tuple[Story, ...]:
    """The stories the site shows in ``edition``."""
    if edition == 0:
        return STORIES
    changed = edited(STORIES_BY_ID[EDITED_ID])
    return (*(changed if s.id == EDITED_ID else s for s in STORIES), wire_copy(changed))


def site(edition: int):
    """A ``SiteServer`` routes factory serving ``edition``."""

    def routes(base_url: str) -> dict[str, Route]:
        return build_site(base_url, stories(edition))

    return routes
