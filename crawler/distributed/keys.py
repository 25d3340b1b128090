"""The Redis keys of a distributed run, and the connection to Redis.

All keys share one prefix (``DISTRIBUTED_KEY``):
``PREFIX:requests`` (scrapy-redis's request queue, a sorted set),
``PREFIX:dupefilter`` (request fingerprints, a set), ``PREFIX:seeds`` (JSON seeds,
a list), ``PREFIX:items`` and ``PREFIX:items:processing`` (JSON messages for the
writer, a reliable queue), ``PREFIX:run`` (a hash: run id, state, sources file),
``PREFIX:workers`` (a hash: worker name -> JSON heartbeat).
Settings read (defaults in ``crawler/settings.py``): ``REDIS_URL``, ``DISTRIBUTED_KEY``.
"""

from __future__ import annotations

from typing import Any

import redis


class Keys:
    """The key names under one prefix."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.requests = f"{prefix}:requests"
        self.dupefilter = f"{prefix}:dupefilter"
        self.seeds = f"{prefix}:seeds"
        self.items = f"{prefix}:items"
        self.processing = f"{prefix}:items:processing"
        self.run = f"{prefix}:run"
        self.workers = f"{prefix}:workers"

    def all(self) -> list[str]:
        return [value for name, value in vars(self).items() if name != "prefix"]


def keys_from(settings: Any) -> Keys:
    return Keys(settings["DISTRIBUTED_KEY"])


def connect(settings: Any) -> redis.Redis:
    """A client for ``REDIS_URL`` (checked with a PING, so a wrong URL fails at once)."""
    url = settings["REDIS_URL"]
    client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise RedisUnavailable(f"cannot reach Redis at {url}: {exc}") from exc
    return client


class RedisUnavailable(RuntimeError):
    """Redis is not reachable at ``REDIS_URL``."""
