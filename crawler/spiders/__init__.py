"""The spiders: ``news`` (start pages, feeds, sitemaps, listings) and its incremental part."""
