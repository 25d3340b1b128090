"""The Scrapy adapters: settings, spiders, middlewares, extensions, commands, item pipelines.

Each is thin and calls the processing in ``pipelines``; nothing in ``pipelines`` imports
from here.
"""
