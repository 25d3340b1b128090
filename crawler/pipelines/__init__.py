"""The crawl's item pipelines (``ITEM_PIPELINES``): thin adapters over ``pipelines``."""
