"""Items as JSON messages for the writer, and back (no Scrapy).

A message is one JSON object with ``t`` (its type) and ``run`` (the run id):
``article`` (an ``ArticleItem``: the article, its page and its MinHash, bytes base64),
``error`` (an ``ErrorItem``), ``frontier`` (a ``FrontierItem``), ``queued`` (a
request a worker scheduled: the ledger's record, see ``crawler.distributed.ledger``)
and ``worker`` (a worker's stats). Settings read: none.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, fields
from typing import Any

from pipelines.items import ArticleItem, ErrorItem, FrontierItem, PageItem

ITEM_TYPES = {"error": ErrorItem, "frontier": FrontierItem}


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()


def decode(data: bytes | str) -> dict[str, Any]:
    return json.loads(data)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def item_message(item: Any, run_id: int | None) -> dict[str, Any] | None:
    """The message for an item the archive keeps, or None for any other item."""
    if isinstance(item, ArticleItem):
        page = asdict(item.page)
        page["body"] = b64(item.page.body)
        return {
            "t": "article",
            "run": run_id,
            "article": item.article,
            "page": page,
            "minhash": b64(item.minhash) if item.minhash else None,  # computed by the worker
            "minhash_of": item.minhash_of,
        }
    for kind, cls in ITEM_TYPES.items():
        if isinstance(item, cls):
            return {"t": kind, "run": run_id, **asdict(item)}
    return None


def message_item(message: dict[str, Any]) -> Any:
    """The item a message carries (``ArticleItem``, ``ErrorItem``, ``FrontierItem``)."""
    kind = message["t"]
    if kind == "article":
        page = dict(message["page"])
        page["body"] = base64.b64decode(page["body"])
        minhash = message.get("minhash")
        return ArticleItem(
            article=message["article"],
            page=PageItem(**page),
            minhash=base64.b64decode(minhash) if minhash else None,
            minhash_of=message.get("minhash_of"),
        )
    cls = ITEM_TYPES[kind]
    return cls(**{f.name: message[f.name] for f in fields(cls) if f.name in message})
