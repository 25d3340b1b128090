"""Fixture sites for the tests (served on loopback by ``sites.demo.server.SiteServer``)."""
