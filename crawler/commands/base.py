"""The shell every project command shares: its help, its options, its arguments, its errors.

``NewsCommand`` is mixed into a Scrapy command class (``class Command(NewsCommand,
ScrapyCommand)``; it is no command itself, so ``scrapy`` does not list it): the class
states its ``usage`` line, ``summary`` and ``options`` (``(flags, argparse keywords)``
pairs) and implements ``execute(args, opts)``, which returns the exit status (None: 0).
``run`` refuses arguments with a ``UsageError`` (``NAME takes no arguments``) unless
``takes_arguments`` (or the command checks its own, ``check_arguments``), then
``settle``s ``execute``: a ``CommandFailed`` raised there (``failing`` turns listed
exceptions into one) is ``error: MESSAGE`` on standard error and its exit status.
``scrapy crawl`` (Scrapy's command, extended) settles its checks the same way.
``readable_files`` refuses the files an import cannot read before the archive is opened
(``scrapy import`` and ``scrapy import-warc``).
``news_sources`` resolves and names the sources file of a crawl or a seed.
``archive()`` is the archive the command works on (``crawler.archive.archive_path``),
``existing_archive()`` the same when it must exist already; ``archived_sources`` checks
the ``--source`` names a command is given against the archive's articles.
Commands are imported by every ``scrapy`` invocation: what they run is imported in
``execute``. Settings read: ``ARCHIVE_DB`` (through ``archive()``), ``NEWS_SOURCES``.
Stats: none.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.archive import archive_path
from crawler.sources import sources_file

# ``--wait SECONDS``, of the distributed run's writer and workers.
WAIT = (("--wait",), {"type": float, "default": 0, "help": "seconds to wait for a run"})


class CommandFailed(Exception):
    """The command cannot go on: ``error: MESSAGE`` and exit status ``status``."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@contextmanager
def failing(statuses: dict[type[BaseException], int], prefix: str = "") -> Iterator[None]:
    """Turn the listed exceptions into ``CommandFailed`` with their exit status."""
    try:
        yield
    except tuple(statuses) as exc:
        status = next(s for kind, s in statuses.items() if isinstance(exc, kind))
        raise CommandFailed(f"{prefix}{exc}", status) from exc


def news_sources(settings: Any, given: str | None) -> Path:
    """The sources file of a crawl or seed: ``given``, else ``NEWS_SOURCES``, named in the log.

    ``NEWS_SOURCES`` set above the project's priority (``-s``, the environment) counts
    as named; left at its default it may not be the example file (``SourcesError``).
    """
    default_given = settings.getpriority("NEWS_SOURCES") > SETTINGS_PRIORITIES["project"]
    path = sources_file(given, settings.get("NEWS_SOURCES"), default_given)
    how = "-a sources=" if given else "NEWS_SOURCES"
    print(f"sources file: {path.resolve()} ({how})", file=sys.stderr)
    return path


def settle(command: Any, function: Any, *args: Any) -> None:
    """Run ``function``: its exit status, or a ``CommandFailed``'s, becomes the command's."""
    try:
        status = function(*args)
    except CommandFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        status = exc.status
    if status:
        command.exitcode = status


def readable_files(paths: list[str], stdin: bool = False) -> None:
    """Refuse (exit status 2) before the archive is opened, so nothing is left behind,
    when a file to import cannot be read; ``-`` is standard input when ``stdin``."""
    for path in paths:
        if stdin and path == "-":
            continue
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise CommandFailed(f"{path}: {exc.strerror or exc}", 2) from exc


class NewsCommand:
    requires_project = True
    requires_crawler_process = False
    usage = ""
    summary = ""
    options: ClassVar[tuple[tuple[tuple[str, ...], dict[str, Any]], ...]] = ()
    takes_arguments = False
    settings: Any
    exitcode: int

    @property
    def name(self) -> str:
        return type(self).__module__.rsplit(".", 1)[-1]

    def syntax(self) -> str:
        return self.usage

    def short_desc(self) -> str:
        return self.summary

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)  # type: ignore[misc]
        for flags, keywords in self.options:
            parser.add_argument(*flags, **keywords)

    def check_arguments(self, args: list[str]) -> None:
        """No arguments, unless ``takes_arguments``; a command may check its own."""
        if args and not self.takes_arguments:
            raise UsageError(f"{self.name} takes no arguments")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        self.check_arguments(args)
        settle(self, self.execute, args, opts)

    def execute(self, args: list[str], opts: argparse.Namespace) -> int | None:
        raise NotImplementedError

    def archive(self) -> Path:
        return archive_path(self.settings)

    def existing_archive(self, path: Path | None = None) -> Path:
        """The archive a command reads (``path`` or ``archive()``), which must exist: a
        command that only reads or rewrites archived articles never creates one."""
        path = path or self.archive()
        if not path.exists():
            raise CommandFailed(f"no archive at {path}", 2)
        return path


def archived_sources(db: Any, wanted: list[str], path: Path) -> list[str]:
    """The sources with articles in the archive; a wanted one without is an error."""
    known = [row[0] for row in db.execute("SELECT DISTINCT source FROM articles ORDER BY 1")]
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        listed = ", ".join(known) or "none"
        raise CommandFailed(
            f"no articles of source(s) {', '.join(unknown)} in {path} (its sources: {listed})", 2
        )
    return known
