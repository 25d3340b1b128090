"""The real-page corpora of ``../shared/corpus``, read in place, and the measures over them.

Two corpora, both untarred to /tmp by the user (they are never copied into the project):

- the trafilatura evaluation set (``tar -xJf ../shared/corpus/trafilatura-eval.tar.xz -C
  /tmp/corpus``): ``tests/evaldata.json`` gives, per URL, the page's file under
  ``tests/eval/``, text segments that must (``with``) and must not (``without``) be
  extracted and, for most pages, the title, author and date (read as ``title``,
  ``author`` and ``publish_date``, WCXB's names);
- WCXB's development split (``tar -xJf ../shared/corpus/wcxb-dev.tar.xz -C /tmp/wcxb``):
  ``dev/html/<id>.html.gz`` and ``dev/ground-truth/<id>.json`` with the page's URL, its
  type (``_internal.page_type.primary``: article, listing, collection, forum, product,
  documentation, service) and the ground-truth main text, title, author and date.

Every page belongs to one of two parts, fixed by a hash of its key: ``tune`` (four in
five pages), on which rules may be tuned, and ``held`` (one in five), which is only ever
measured. ``word_f1`` is WCXB's metric: per page, 2PR/(P+R) over the multisets of
lower-cased ``\\w+`` tokens. Settings read: none.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORD = re.compile(r"\w+", re.UNICODE)
HELD_EVERY = 5  # one page in five is held aside


def part_of(key: str) -> str:
    """``held`` for the pages set aside from tuning, ``tune`` for the others."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "held" if digest[0] % HELD_EVERY == 0 else "tune"


@dataclass
class Page:
    corpus: str  # "trafilatura" or "wcxb"
    key: str  # evaldata URL or WCXB file id
    url: str
    path: Path
    part: str  # "tune" or "held"
    page_type: str = "article"  # WCXB's primary page type; the eval set is articles
    truth: dict[str, Any] = field(default_factory=dict)

    def body(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if self.path.suffix == ".gz" else data


def find(directory: str | Path, marker: str) -> Path | None:
    """``directory`` or the folder below it that holds ``marker``."""
    directory = Path(directory)
    for candidate in (directory, directory / "tests", directory / "dev"):
        if (candidate / marker).exists():
            return candidate
    return None


def trafilatura_pages(directory: str | Path) -> Iterator[Page]:
    """The evaluation set's pages whose file exists, with their ``with``/``without``."""
    root = find(directory, "evaldata.json")
    if root is None:
        raise FileNotFoundError(f"no evaldata.json under {directory}")
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for url, entry in data.items():
        path = root / "eval" / entry["file"]
        if path.exists():
            truth = {"with": entry.get("with", []), "without": entry.get("without", [])}
            truth |= {key: entry[key] for key in ("title", "author") if entry.get(key)}
            if entry.get("date"):  # named as in WCXB's truth, so one scorer reads both
                truth["publish_date"] = entry["date"]
            yield Page("trafilatura", url, url, path, part_of(url), "article", truth)


def wcxb_pages(directory: str | Path) -> Iterator[Page]:
    """WCXB's pages with their type and ground truth, in file-id order."""
    root = find(directory, "ground-truth")
    if root is None:
        raise FileNotFoundError(f"no ground-truth/ under {directory}")
    for truth_path in sorted((root / "ground-truth").glob("*.json")):
        record = json.loads(truth_path.read_text(encoding="utf-8"))
        file_id = record.get("file_id") or truth_path.stem
        path = root / "html" / f"{file_id}.html.gz"
        if not path.exists():
            path = root / "html" / f"{file_id}.html"
        if not path.exists():
            continue
        kind = record.get("_internal", {}).get("page_type", {}).get("primary") or "article"
        url = record.get("url") or f"https://wcxb.invalid/{file_id}"  # one page has none
        yield Page(
            "wcxb",
            file_id,
            url,
            path,
            part_of(file_id),
            kind,
            record.get("ground_truth", {}),
        )


def tokens(text: str | None) -> Counter[str]:
    return Counter(WORD.findall((text or "").lower()))


def word_prf(predicted: str | None, truth: str | None) -> tuple[float, float, float]:
    """Precision, recall and F1 over the multisets of lower-cased ``\\w+`` tokens."""
    got, want = tokens(predicted), tokens(truth)
    if not got and not want:
        return 1.0, 1.0, 1.0
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def word_f1(predicted: str | None, truth: str | None) -> float:
    return word_prf(predicted, truth)[2]
