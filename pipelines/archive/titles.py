"""Site-level titles: a title segment that many articles of one site share is the site's own.

A title cut at a separator (those of ``pipelines.extract.titles.SEPARATORS``: " | ",
" - ", " – ", " — ", " :: ", " · ", " / ", " » "...) has a leading and a trailing segment,
its affixes ("The Alder Valley Evening Ledger" in "Headline | The Alder Valley Evening
Ledger" or "The Alder Valley Evening Ledger - Headline"). Per source, the archive's
``title_affixes`` table counts, for each affix fingerprint (``boilerplate.fingerprint``:
Unicode-normalised, case-folded, whitespace folded), the distinct articles whose title
starts or ends with it, and (the row with an empty fingerprint) the articles counted.
Only the outermost segments are counted: in "Name - Opinion | Headline" the column name
is inside, and counts only on the titles it starts.
An affix becomes the site's own (``learned``) once it is on at least
``TITLES_MIN_ARTICLES`` distinct articles and on at least ``TITLES_MIN_SHARE`` of the
source's articles: a site's name is on (nearly) every title, while a segment that is a
real part of some headlines, a column name ("Opinion | ...") or a running story's
kicker ("Harbour strike - ..."), is on a part of them and stays. Learned affixes are
stripped from either end of the titles of that source, the segments next to them too
when they are learned as well; the title as extracted is kept in ``raw_title`` (NULL when
nothing was stripped), so cleaning can be redone. A title is never stripped to nothing:
one segment always stays: a title that is a single segment (the site's name alone) has no
affix, and one made of learned affixes only ("Name | Name") keeps its first (counted
``whole``).

The learned mark is kept: an affix stays learned when the share falls later (the titles
stripped stay consistent); ``scrapy titles`` recounts a source from its archived articles,
decides again with the current settings and cleans them all (``rebuild``), restoring the
titles whose affixes no longer qualify. Cold start: when an affix becomes learned, the
source's archived articles whose title carries it are cleaned in the same transaction
(``finish``; a source's titles are short, read once per affix learned). Counts persist in
the archive, so learning carries over from run to run; an archive made before schema
version 10 gets its counts from its archived titles (``pipelines.archive.migrations``).
Cleaning is not an edit of the article: it changes ``title``, ``raw_title`` and
``content_hash`` without making a new version.

Runs inside the archive's write transaction (on its writer thread), before the
boilerplate step: per new article, one read by primary key, one upsert per affix and
one for the source's count (the upserts return the affixes' marks, so a lookup of the
learned affixes is needed only when a segment inside may be one too); a re-fetch reads
the stored copy and the learned affixes, and upserts only affixes its title did not have;
the content hash is computed again only when a title changes. Decisions are counted for
``drain``. Settings read: none
(``crawler.pipelines.archive.site_learner`` makes the learner from ``TITLES_ENABLED``,
``TITLES_MIN_ARTICLES`` and ``TITLES_MIN_SHARE``). Stats (the callers add ``drain``'s
counts): ``news/titles/{stripped,affixes,whole,learned,recleaned}``: titles stripped as
written, affixes stripped from them, titles made of learned affixes only (one kept),
affixes learned, archived titles cleaned again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from pipelines.archive.boilerplate import fingerprint
from pipelines.archive.learners import Decisions, marked
from pipelines.extract.text import content_hash
from pipelines.extract.titles import SEPARATORS

MIN_ARTICLES = 5
MIN_SHARE = 0.5
SAMPLE_CHARS = 200
TOTAL = ""  # the fingerprint of a source's row that counts its articles
WORD = re.compile(r"\w")
STATS = "news/titles"


SPLIT = re.compile(f"({SEPARATORS.pattern})")  # one pass: segments and separators


@dataclass
class Segments:
    """A title (``text``) cut at its separators: segment i is followed by separator i;
    ``prints``, the segments' fingerprints (none for a title of one segment: no affix)."""

    text: str
    parts: list[str]
    seps: list[str]
    prints: list[str]


def split_title(title: str | Segments | None) -> Segments:
    if isinstance(title, Segments):
        return title
    pieces = SPLIT.split(title or "")
    parts = pieces[0::2]
    prints = [fingerprint(p.strip()) for p in parts] if len(parts) > 1 else []
    return Segments(title or "", parts, pieces[1::2], prints)


def affixes(title: str | Segments | None) -> dict[str, str]:
    """The title's leading and trailing segments by fingerprint; none for a single segment."""
    cut = split_title(title)
    if len(cut.parts) < 2:
        return {}
    ends = ((cut.prints[i], cut.parts[i].strip()) for i in (0, -1))
    return {fp: part for fp, part in ends if WORD.search(part)}


def strip_title(title: str | Segments, learned: set[str]) -> tuple[str, int]:
    """(the title without its learned affixes at either end, how many went); one segment
    always stays."""
    cut = split_title(title)
    parts, seps, prints = cut.parts, cut.seps, cut.prints
    start, end = 0, len(parts)
    while end - start > 1 and prints[end - 1] in learned:
        end -= 1
    while end - start > 1 and prints[start] in learned:
        start += 1
    if (start, end) == (0, len(parts)):
        return cut.text, 0
    kept = parts[start] + "".join(seps[i - 1] + parts[i] for i in range(start + 1, end))
    kept = kept.strip()
    if not WORD.search(kept):
        return cut.text, 0
    return kept, len(parts) - (end - start)


class TitleLearner(Decisions):
    """Counts title affixes per site in the archive and strips the site's own."""

    stats = STATS

    def __init__(self, min_articles: int = MIN_ARTICLES, min_share: float = MIN_SHARE) -> None:
        if min_articles < 2:
            raise ValueError("TITLES_MIN_ARTICLES must be at least 2")
        if not 0 <= min_share <= 1:
            raise ValueError("TITLES_MIN_SHARE must be between 0 and 1")
        super().__init__()
        self.min_articles = min_articles
        self.min_share = min_share

    def qualifies(self, articles: int, total: int) -> bool:
        """An affix on ``articles`` of the source's ``total`` articles is the site's own."""
        return articles >= self.min_articles and articles >= self.min_share * total

    def learned(self, db: Any, source: str, title: str | Segments | None) -> set[str]:
        """The fingerprints of ``title``'s segments that are learned affixes of ``source``."""
        prints = set(split_title(title).prints)
        return marked(db, "title_affixes", "learned = 1", source, [], prints)

    def count(
        self, db: Any, source: str, article_id: str, new: dict[str, str], now: str
    ) -> tuple[bool, set[str]]:
        """Count ``article_id`` once for each affix its title did not have before; returns
        whether the article was archived already, and which affixes counted are learned."""
        row = db.execute(
            "SELECT coalesce(raw_title, title) FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        old = affixes(row[0]) if row else {}
        counted = new.keys() - old.keys()
        total = 0
        if row is None:  # a new article of the source
            (total,) = db.execute(
                "INSERT INTO title_affixes (source, fingerprint, articles, learned, first_seen, "
                "last_seen) VALUES (?, ?, 1, 0, ?, ?) ON CONFLICT (source, fingerprint) "
                "DO UPDATE SET articles = articles + 1, last_seen = excluded.last_seen "
                "RETURNING articles",
                [source, TOTAL, now, now],
            ).fetchone()
        elif counted:
            found = db.execute(
                "SELECT articles FROM title_affixes WHERE source = ? AND fingerprint = ?",
                [source, TOTAL],
            ).fetchone()
            total = found[0] if found else 1
        known = set()
        for fp in counted:
            articles, learned = db.execute(
                "INSERT INTO title_affixes (source, fingerprint, articles, affix, learned, "
                "first_seen, last_seen) VALUES (?, ?, 1, ?, 0, ?, ?) "
                "ON CONFLICT (source, fingerprint) DO UPDATE SET articles = articles + 1, "
                "last_seen = excluded.last_seen RETURNING articles, learned",
                [source, fp, new[fp][:SAMPLE_CHARS], now, now],
            ).fetchone()
            if not learned and self.qualifies(articles, total):
                db.execute(
                    "UPDATE title_affixes SET learned = 1 WHERE source = ? AND fingerprint = ?",
                    [source, fp],
                )
                self.crossed.setdefault(source, set()).add(fp)
                self._inc("learned")
                learned = 1
            if learned:
                known.add(fp)
        for fp in old.keys() - new.keys():
            db.execute(
                "UPDATE title_affixes SET articles = max(articles - 1, 0) "
                "WHERE source = ? AND fingerprint = ?",
                [source, fp],
            )
        return row is not None, known

    def apply(self, db: Any, article: dict[str, Any], source: str, now: str) -> None:
        """Count a freshly extracted article's affixes; strip its learned ones (in place)."""
        raw = article.get("raw_title") or article.get("title")
        if not raw:
            return
        cut = split_title(raw)
        archived, learned = self.count(db, source, article["id"], affixes(cut), now)
        if archived:
            # The stored copy is cleaned with the same counts first, so that a re-fetch is
            # compared with like: cleaning alone never makes a new version.
            self.reclean(db, source, [article["id"]])
            learned = self.learned(db, source, cut)
        elif learned and len(cut.parts) > 2:  # the segments inside may be learned too
            learned = self.learned(db, source, cut)
        # else a new article: its affixes were all counted, and their marks returned
        stripped = self._clean(article, cut, learned)
        self._inc("stripped", bool(stripped))
        self._inc("affixes", stripped)
        self._inc("whole", fingerprint(article["title"].strip()) in learned)  # kept as it is

    def _clean(self, article: dict[str, Any], raw: str | Segments, learned: set[str]) -> int:
        """Set title, raw_title (and content_hash when the title changes) from ``raw``;
        returns the affixes stripped."""
        title, stripped = strip_title(raw, learned)
        if title != article.get("title"):
            article["content_hash"] = content_hash(title, article.get("text") or "")
        article["title"] = title
        article["raw_title"] = split_title(raw).text if stripped else None
        return stripped

    def reclean(self, db: Any, source: str, article_ids: list[str]) -> int:
        """Clean archived titles again with the current counts; returns how many changed."""
        changed = 0
        for article_id in article_ids:
            row = db.execute(
                "SELECT title, raw_title, text, content_hash FROM articles WHERE id = ?",
                [article_id],
            ).fetchone()
            if row is None:
                continue
            title, raw, text, old_hash = row
            article = {"title": title, "text": text, "content_hash": old_hash}
            cut = split_title(raw or title)
            self._clean(article, cut, self.learned(db, source, cut))
            if article["title"] == title and article["raw_title"] == raw:
                continue
            changed += 1
            db.execute(
                "UPDATE articles SET title = ?, raw_title = ?, content_hash = ? WHERE id = ?",
                [article["title"], article["raw_title"], article["content_hash"], article_id],
            )
            db.execute(  # the text is the same: its near-duplicate signature still holds
                "UPDATE minhashes SET content_hash = ? WHERE article_id = ? AND content_hash = ?",
                [article["content_hash"], article_id, old_hash],
            )
        self._inc("recleaned", changed)
        return changed

    def finish(self, db: Any, sign: bool = False) -> None:
        """Clean the archived titles that carry an affix which has just been learned
        (``sign``, whether the batch clusters, changes nothing here: no text changes)."""
        crossed, self.crossed = self.crossed, {}
        for source, prints in crossed.items():
            ids = [
                article_id
                for article_id, title in db.execute(
                    "SELECT id, coalesce(raw_title, title) FROM articles WHERE source = ?",
                    [source],
                ).fetchall()
                if affixes(title).keys() & prints
            ]
            self.reclean(db, source, ids)

    def rebuild(self, db: Any, source: str, now: str) -> dict[str, int]:
        """Recount ``source`` from its archived titles, decide again, then clean them all."""
        article_ids, counts = recount(db, source, now, self)
        changed = self.reclean(db, source, article_ids)
        learned = db.execute(
            "SELECT count(*) FROM title_affixes WHERE source = ? AND learned = 1", [source]
        ).fetchone()[0]
        return {"articles": len(article_ids), "learned": learned, "changed": changed}


def recount(
    db: Any, source: str, now: str, learner: TitleLearner | None = None
) -> tuple[list[str], Counter[str]]:
    """Count ``source``'s affixes from its archived titles into ``title_affixes`` (its rows
    replaced); marked learned as ``learner`` decides (none without one). Returns the
    source's article ids and the counts."""
    counts: Counter[str] = Counter()
    samples: dict[str, str] = {}
    article_ids = []
    for article_id, title in db.execute(
        "SELECT id, coalesce(raw_title, title) FROM articles WHERE source = ? ORDER BY rowid",
        [source],
    ).fetchall():
        article_ids.append(article_id)
        for fp, affix in affixes(title).items():
            counts[fp] += 1
            samples.setdefault(fp, affix[:SAMPLE_CHARS])
    total = len(article_ids)
    db.execute("DELETE FROM title_affixes WHERE source = ?", [source])
    rows = [(TOTAL, total, None, False)] + [
        (fp, n, samples[fp], learner is not None and learner.qualifies(n, total))
        for fp, n in counts.items()
    ]
    db.table("title_affixes").insert_all(
        (
            {
                "source": source,
                "fingerprint": fp,
                "articles": n,
                "affix": affix,
                "learned": int(learned),
                "first_seen": now,
                "last_seen": now,
            }
            for fp, n, affix, learned in rows
        ),
        batch_size=500,
    )
    return article_ids, counts
