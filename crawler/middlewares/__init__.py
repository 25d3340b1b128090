"""Downloader middlewares: address guard, redirect loops, meta refresh, Retry-After, WARC."""
