"""``crawler.logformatter``: Scrapy's per-page DEBUG messages only when a handler shows them."""

from __future__ import annotations

import logging

import pytest
from scrapy.http import Request, Response

from crawler.logformatter import QuietLogFormatter, shown


@pytest.fixture
def isolated_logger():
    """A logger under a parent of its own, outside logging's tree (no handler, no root)."""
    parent = logging.Logger("quiet-parent", logging.DEBUG)
    parent.propagate = False
    child = logging.Logger("quiet-parent.child")
    child.parent = parent
    return parent, child


def test_shown_follows_the_handlers_levels(isolated_logger):
    parent, child = isolated_logger
    assert not shown(child, logging.DEBUG)  # no handler: the last resort takes WARNING only
    assert shown(child, logging.WARNING)
    handler = logging.NullHandler()
    handler.setLevel(logging.INFO)
    parent.addHandler(handler)
    assert not shown(child, logging.DEBUG)
    assert shown(child, logging.INFO)
    handler.setLevel(logging.DEBUG)
    assert shown(child, logging.DEBUG)
    refusing = logging.Logger("quiet-parent.refusing", logging.INFO)  # refuses DEBUG itself
    refusing.parent = parent
    assert not shown(refusing, logging.DEBUG)
    parent.propagate, parent.parent = True, logging.Logger("above")  # a handler above it
    parent.removeHandler(handler)
    above = logging.NullHandler()
    parent.parent.addHandler(above)
    assert shown(child, logging.DEBUG)
    parent.propagate = False  # not reached: no handler at all, the last resort's WARNING
    assert not shown(child, logging.DEBUG)


def test_messages_only_when_shown(monkeypatch):
    formatter = QuietLogFormatter()
    request = Request("http://example.com/a")
    response = Response("http://example.com/a", request=request)
    monkeypatch.setattr("crawler.logformatter.shown", lambda logger, level: False)
    assert formatter.crawled(request, response, None) is None
    assert formatter.scraped({"a": 1}, response, None) is None
    monkeypatch.setattr("crawler.logformatter.shown", lambda logger, level: True)
    crawled = formatter.crawled(request, response, None)
    assert crawled["level"] == logging.DEBUG and crawled["args"]["status"] == 200
    assert formatter.scraped({"a": 1}, response, None)["args"]["item"] == {"a": 1}


def test_the_crawl_uses_it():
    from scrapy.utils.project import get_project_settings

    assert get_project_settings().get("LOG_FORMATTER") == "crawler.logformatter.QuietLogFormatter"
