"""Site-level boilerplate: a paragraph that many articles of one site share is template.

Per source, the archive's ``boilerplate`` table counts, for each paragraph
fingerprint (SHA-1 of the paragraph, Unicode-normalised, case-folded,
whitespace folded), the distinct articles whose extracted text contains it. A
paragraph is a line of the extracted text: a dateline that starts a paragraph is
part of that paragraph, never a match of its own. When an article is archived
its paragraphs are counted (a re-fetch counts only paragraphs it did not have
before), and those seen on at least ``BOILERPLATE_MIN_ARTICLES`` distinct
articles of the site are moved out of ``text`` into ``removed_paragraphs``
(JSON ``[[position, paragraph], ...]``), so the extracted text can always be
rebuilt and cleaned again. An article whose every paragraph is template is left
as it is (it is a copy of another article, not a template).

Cold start: the first articles of a new site are archived before any count
reaches the threshold. The table keeps the ids of the first articles that
contained each paragraph; when a paragraph crosses the threshold, those earlier
articles are cleaned in the same transaction (``finish``). Counts persist in the
archive, so learning carries over from run to run; ``scrapy boilerplate``
recounts a source from its archived articles and cleans them all
(``rebuild``). Cleaning is not an edit of the article: it changes ``text``,
``word_count`` and ``content_hash`` without making a new version.

Runs inside the archive's write transaction (on its writer thread): hashing the
paragraphs (once: the fingerprints counted are those matched), one read of the stored
copy (a re-fetch's, hashed once too: counted against, then cleaned; a new article has
none), one upsert per new paragraph, then one lookup of the template paragraphs of both
with their counts (a new paragraph whose count is now the threshold has just crossed
it); an article's
``content_hash`` (of its title and text as given) is computed again only when its text
changes. Decisions are counted for ``drain``.
Settings read: none (``crawler.pipelines.archive.site_learner`` makes the learner
from ``BOILERPLATE_ENABLED`` and ``BOILERPLATE_MIN_ARTICLES``). Stats: none of its own:
the callers add the counts of ``drain`` as
``news/boilerplate/{removed,articles,learned,recleaned,all_template}``.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Collection
from typing import Any

from pipelines.archive import signatures
from pipelines.archive.learners import Decisions, marks
from pipelines.extract.text import content_hash, word_count

MIN_ARTICLES = 5  # chosen by measurement: see bench/extraction.py --sweep and the README
KEEP_IDS = 50  # article ids kept per paragraph, to clean them when it crosses the threshold
SAMPLE_CHARS = 500


def fingerprint(paragraph: str) -> str:
    folded = " ".join(unicodedata.normalize("NFKC", paragraph).casefold().split())
    return hashlib.sha1(folded.encode()).hexdigest()[:16]


def rebuild_paragraphs(text: str | None, removed: str | list | None) -> list[str]:
    """The extracted paragraphs before removal: ``text`` lines with the removed ones put back."""
    paragraphs = [line for line in (text or "").split("\n") if line.strip()]
    if isinstance(removed, str):
        removed = json.loads(removed or "[]")
    for position, paragraph in sorted(removed or [], key=lambda pair: pair[0]):
        paragraphs.insert(min(position, len(paragraphs)), paragraph)
    return paragraphs


def split_template(
    paragraphs: list[str], template: Collection[str], prints: list[str] | None = None
) -> tuple[list[str], list[list]]:
    """(kept paragraphs, removed ``[position, paragraph]`` pairs); never removes everything.
    ``prints``: the paragraphs' fingerprints, when the caller has them already."""
    if not template:
        return paragraphs, []
    if prints is None:
        prints = [fingerprint(p) for p in paragraphs]
    marked = [fp in template for fp in prints]
    if all(marked):
        return paragraphs, []
    kept = [p for p, is_template in zip(paragraphs, marked, strict=True) if not is_template]
    removed = [[i, p] for i, (p, t) in enumerate(zip(paragraphs, marked, strict=True)) if t]
    return kept, removed


class _Stored:
    """An archived article's title, text and paragraphs (removed ones put back), with the
    paragraphs' fingerprints."""

    def __init__(self, row: tuple[str | None, str | None, str | None]) -> None:
        self.title, self.text, removed = row
        self.paragraphs = rebuild_paragraphs(self.text, removed)
        self.prints = [fingerprint(p) for p in self.paragraphs]


class BoilerplateLearner(Decisions):
    """Counts paragraphs per site in the archive and removes the template ones."""

    stats = "news/boilerplate"  # the prefix of its decisions' stats

    def __init__(self, min_articles: int = MIN_ARTICLES) -> None:
        if min_articles < 2:
            raise ValueError("BOILERPLATE_MIN_ARTICLES must be at least 2")
        super().__init__()
        self.min_articles = min_articles

    def template(self, db: Any, source: str, fingerprints: set[str]) -> dict[str, int]:
        """Which of ``fingerprints`` are template on ``source``, with their counts."""
        args = [self.min_articles]
        return marks(db, "boilerplate", "articles >= ?", source, args, fingerprints)

    def count(
        self,
        db: Any,
        source: str,
        article_id: str,
        new: dict[str, str],
        now: str,
        old: Collection[str] = (),
    ) -> set[str]:
        """Count ``article_id`` once for each paragraph it did not contain before (``old``:
        the fingerprints of its archived paragraphs); returns those paragraphs'
        fingerprints."""
        old = set(old)
        added = new.keys() - old
        # one statement for all the article's new paragraphs
        db.conn.executemany(
            "INSERT INTO boilerplate (source, fingerprint, articles, paragraph, article_ids, "
            "first_seen, last_seen) VALUES (?, ?, 1, ?, json_array(?), ?, ?) "
            "ON CONFLICT (source, fingerprint) DO UPDATE SET articles = articles + 1, "
            "last_seen = excluded.last_seen, article_ids = CASE "
            "WHEN json_array_length(article_ids) < ? "
            "THEN json_insert(article_ids, '$[#]', ?) ELSE article_ids END",
            [
                [source, fp, new[fp][:SAMPLE_CHARS], article_id, now, now, KEEP_IDS, article_id]
                for fp in added
            ],
        )
        for fp in old - new.keys():
            db.execute(
                "UPDATE boilerplate SET articles = max(articles - 1, 0) "
                "WHERE source = ? AND fingerprint = ?",
                [source, fp],
            )
        return added

    def apply(self, db: Any, article: dict[str, Any], source: str, now: str) -> None:
        """Count a freshly extracted article's paragraphs; remove its template ones (in place)."""
        paragraphs = rebuild_paragraphs(article.get("text"), article.get("removed_paragraphs"))
        fingerprints = [fingerprint(p) for p in paragraphs]  # once: counted, then matched
        prints = dict(zip(fingerprints, paragraphs, strict=True))
        row = db.execute(
            "SELECT title, text, removed_paragraphs FROM articles WHERE id = ?", [article["id"]]
        ).fetchone()
        stored = _Stored(row) if row else None
        old = stored.prints if stored else []
        added = self.count(db, source, article["id"], prints, now, old)
        # The stored copy is cleaned with the same counts first, so that a re-fetch is
        # compared with like: cleaning alone never makes a new version (a new article has
        # no stored copy). One lookup of the counts serves both: cleaning changes none.
        template = self.template(db, source, {*prints, *old})
        if stored:
            changed = self._reclean_row(db, article["id"], stored, template)
            self._inc("recleaned", changed)
        template = {fp: template[fp] for fp in prints if fp in template}
        for fp in added:  # each count went up by one: those at the bar just crossed it
            if template.get(fp) == self.min_articles:
                self.crossed.setdefault(source, set()).add(fp)
                self._inc("learned")
        self._clean(article, paragraphs, template, fingerprints)
        removed = len(article["removed_paragraphs"])
        self._inc("removed", removed)
        self._inc("articles", bool(removed))

    def _clean(
        self,
        article: dict[str, Any],
        paragraphs: list[str],
        template: Collection[str],
        prints: list[str] | None = None,
    ) -> bool:
        """Set text, removed_paragraphs, word_count, content_hash; True if the text changed."""
        kept, removed = split_template(paragraphs, template, prints)
        if template and not removed:
            self._inc("all_template")
        text = "\n".join(kept)
        changed = text != article.get("text")
        article["text"] = text
        article["removed_paragraphs"] = removed
        if changed or article.get("word_count") is None:
            article["word_count"] = word_count(text)
        if changed or not article.get("content_hash"):  # else the hash given holds
            article["content_hash"] = content_hash(article.get("title"), text)
        return changed

    def reclean(self, db: Any, source: str, article_ids: list[str], sign: bool = False) -> int:
        """Clean archived articles again with the current counts; returns how many changed.
        ``sign`` (the batch clusters): a cleaned text's signature is derived from its stored
        one when that can tell (``signatures.resign``)."""
        changed = 0
        for article_id in article_ids:
            row = db.execute(
                "SELECT title, text, removed_paragraphs FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if row is None:
                continue
            stored = _Stored(row)
            template = self.template(db, source, set(stored.prints))
            changed += self._reclean_row(db, article_id, stored, template, sign)
        self._inc("recleaned", changed)
        return changed

    def _reclean_row(
        self,
        db: Any,
        article_id: str,
        stored: _Stored,
        template: dict[str, int],
        sign: bool = False,
    ) -> bool:
        """Clean one archived article with ``template`` (a lookup covering its paragraphs);
        True if its text changed (and was written). ``sign``: see ``reclean``."""
        article = {"title": stored.title, "text": stored.text}
        own = {fp: template[fp] for fp in stored.prints if fp in template}
        if not self._clean(article, stored.paragraphs, own, stored.prints):
            return False
        if sign:  # before the update: the stored signature is checked against the old hash
            signatures.resign(
                db, article_id, stored.text or "", article["text"], article["content_hash"]
            )
        db.execute(
            "UPDATE articles SET text = ?, removed_paragraphs = ?, word_count = ?, "
            "content_hash = ? WHERE id = ?",
            [
                article["text"],
                json.dumps(article["removed_paragraphs"], ensure_ascii=False),
                article["word_count"],
                article["content_hash"],
                article_id,
            ],
        )
        return True

    def finish(self, db: Any, sign: bool = False) -> None:
        """Clean the earlier articles that hold a paragraph which has just become template.
        ``sign``: the batch clusters (see ``reclean``)."""
        crossed, self.crossed = self.crossed, {}
        for source, prints in crossed.items():
            ids: set[str] = set()
            for fp in prints:
                (listed,) = db.execute(
                    "SELECT article_ids FROM boilerplate WHERE source = ? AND fingerprint = ?",
                    [source, fp],
                ).fetchone()
                ids.update(json.loads(listed or "[]"))
            self.reclean(db, source, sorted(ids), sign)

    def rebuild(self, db: Any, source: str, now: str) -> dict[str, int]:
        """Recount ``source`` from its archived articles, then clean them all."""
        counts: Counter[str] = Counter()
        samples: dict[str, str] = {}
        ids: dict[str, list[str]] = {}
        article_ids = []
        for article_id, text, removed in db.execute(
            "SELECT id, text, removed_paragraphs FROM articles WHERE source = ? ORDER BY rowid",
            [source],
        ).fetchall():
            article_ids.append(article_id)
            paragraphs = rebuild_paragraphs(text, removed)
            for fp, paragraph in {fingerprint(p): p for p in paragraphs}.items():
                counts[fp] += 1
                samples.setdefault(fp, paragraph[:SAMPLE_CHARS])
                if len(ids.setdefault(fp, [])) < KEEP_IDS:
                    ids[fp].append(article_id)
        db.execute("DELETE FROM boilerplate WHERE source = ?", [source])
        db.table("boilerplate").insert_all(
            (
                {
                    "source": source,
                    "fingerprint": fp,
                    "articles": n,
                    "paragraph": samples[fp],
                    "article_ids": json.dumps(ids[fp]),
                    "first_seen": now,
                    "last_seen": now,
                }
                for fp, n in counts.items()
            ),
            batch_size=500,
        )
        changed = self.reclean(db, source, article_ids)
        template = sum(1 for n in counts.values() if n >= self.min_articles)
        return {"articles": len(article_ids), "template": template, "changed": changed}
