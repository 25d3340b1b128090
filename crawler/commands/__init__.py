"""The project's ``scrapy`` commands (``COMMANDS_MODULE``): crawl, export, import, reextract, ..."""
