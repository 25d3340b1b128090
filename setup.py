"""Build shim for ``scrapyd-deploy``, which packs the project with ``setup.py bdist_egg``.

Everything is declared in pyproject.toml (packages, package data, the ``scrapy``
entry point that tells Scrapyd where the settings are); without this file
``scrapyd-deploy`` writes a setup.py of its own into the checkout.
"""

from setuptools import setup

setup()
