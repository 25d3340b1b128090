"""Crawl extensions (``EXTENSIONS``): progress lines, the run recorder, Crawl-delay, duplicates."""
