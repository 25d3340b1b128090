"""Command line: ``python -m pipelines.extract URL < page.html``.

Prints the article extracted from the page on standard input as one JSON object
with the archive's field names (``--encoding`` forces a charset, ``--min-words``
sets the shortest text kept as an article). Settings read: none. Stats: none.
"""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.extract.page import MIN_WORDS, extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.extract",
        description="Extract the article from an HTML page read on standard input.",
    )
    parser.add_argument("url", help="the page's URL (for links, canonical and ids)")
    parser.add_argument("--encoding", help="charset of the input (default: detect)")
    parser.add_argument("--min-words", type=int, default=MIN_WORDS)
    args = parser.parse_args(argv)
    body = sys.stdin.buffer.read()
    if args.encoding:  # forced: no detection
        body = body.decode(args.encoding, errors="replace")
    article = extract(body, args.url, encoding=args.encoding, min_words=args.min_words)
    json.dump(article, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
