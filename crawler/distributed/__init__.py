"""Scaling out: the ``news`` spider on scrapy-redis workers, one archive writer, nothing lost.

Workers (``scrapy worker``) share the request queue and duplicate filter in Redis
(``scheduler``, ``dupefilter``), read the run's seeds from Redis (``spider``), extract
in their own process pool and push items to a Redis list (``pipeline``). One writer
(``scrapy writer``, ``collector``) owns the SQLite archive and drains that list in
batched transactions; it keeps the ledger of the run's requests (``ledger``) and
re-queues whatever a dead worker took with it. ``scrapy seed`` starts a run
(``seeding``), ``scrapy clear`` removes a finished run's keys. Settings: see ``keys``.
"""
