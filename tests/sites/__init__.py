"""Fixture sites for the tests (served on loopback by ``crawler.demo.server.SiteServer``)."""
