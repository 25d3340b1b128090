"""Scrapy settings of the news archive, with the project's own namespaced settings.

This module is the one home of every project setting's default: components read
their settings plainly (``settings.getint("X")``), never restating a default.
Override any with ``-s NAME=VALUE``. Project settings: ``NEWS_*`` (crawl, sources,
politeness), ``ARCHIVE_*`` (``crawler.pipelines.archive``, ``crawler.archive``),
``EXTRACT_*`` (``crawler.pipelines.extract``), ``GUARD_*``, ``BOILERPLATE_*``, ``TITLES_*``,
``WARC_*``, ``DEDUPE_*``, ``DISTRIBUTED_*`` and ``REDIS_URL`` (``crawler.distributed``).
Each dict (``ITEM_PIPELINES``, ``EXTENSIONS``, ``DOWNLOADER_MIDDLEWARES``,
``SPIDER_MIDDLEWARES``) is defined once; ``EXTENSIONS_BASE`` is Scrapy's without its two
consoles (never imported).
"""

from scrapy.settings import default_settings as scrapy_defaults

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# Identify ourselves; sites can contact us or block us by name.
USER_AGENT = "newsarchive/0.1 (+https://github.com/newsarchive/newsarchive; news archiving bot)"
ROBOTSTXT_OBEY = True

# Politeness: adapt to each site's latency, few requests per site at once.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Scrapy starts this many tasks for each response's output, which here is one page item
# or a few requests: 100, its default, cost 0.5 ms of the reactor's CPU a page.
CONCURRENT_ITEMS = 16
# Scrapy's stats collector wraps every attribute access (2 µs an inc_value): ours does not.
STATS_CLASS = "crawler.stats.NewsStats"
DOWNLOAD_DELAY = 0.25

# Politeness that holds (issue 15): crawler/downloader.py keeps the per-host bound
# whatever DOWNLOAD_DELAY is (a Scrapy 2.19 downloader behaviour it works around), a
# robots.txt Crawl-delay raises a host's delay up to NEWS_CRAWL_DELAY_MAX seconds, and
# Retry-After on 429/503 pauses the host up to NEWS_RETRY_AFTER_MAX seconds (longer:
# not retried in this run). 0 switches either off.
DOWNLOADER = "crawler.downloader.PoliteDownloader"
NEWS_CRAWL_DELAY_MAX = 10.0
NEWS_RETRY_AFTER_MAX = 60.0

# Bounds: news pages are rarely above a few MB.
DOWNLOAD_MAXSIZE = 2 * 1024 * 1024
DOWNLOAD_WARNSIZE = 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 3

# Non-2xx responses go to the errback (and so to the errors table).
HTTPERROR_ALLOW_ALL = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control (an HTTP server on localhost that runs the Python code it
# is sent): off, like the telnet console, and both left out of Scrapy's EXTENSIONS_BASE
# (below), so that the crawl does not even import them: Scrapy imports every extension
# either dict names, None or not, to compare their paths (aiohttp's server: 0.12 s of CPU).
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
# No per-page DEBUG message is built when no log handler would show it (crawler.logformatter).
LOG_FORMATTER = "crawler.logformatter.QuietLogFormatter"
# Scrapy reads each callback's source (inspect, ast) to warn of a generator that returns a
# value, and caches the answer by bound method: requests read back from the disk queue
# carry new ones, so it read parse_page again for 22 of 300 pages (1.7 ms each: 0.12 ms a page).
# tests/test_crawl_scrapy.py checks every spider callback once instead.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Scrapy's warning for a request that copies internal keys of response.meta: one more async
# generator around every output of every response; the spider builds each request's meta
# itself (NewsSpider.request), and tests/test_crawl_scrapy.py checks it once instead.
SPIDER_MIDDLEWARES = {"scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None}

ITEM_PIPELINES = {
    "crawler.pipelines.extract.ExtractPipeline": 300,
    "crawler.pipelines.warc_metadata.WarcMetadataPipeline": 750,  # see WARC captures below
    "crawler.pipelines.archive.ArchivePipeline": 800,
}
EXTENSIONS = {
    "crawler.extensions.progress.ProgressLogger": 50,
    "crawler.extensions.runs.RunRecorder": 100,
    "crawler.extensions.crawldelay.CrawlDelay": 150,
    "crawler.extensions.dedupe.DedupeExtension": 200,  # see Duplicates below
}
consoles = (
    "scrapy.extensions.telnet.TelnetConsole",
    "scrapy.extensions.remote_control.RemoteControl",
)
EXTENSIONS_BASE = {k: v for k, v in scrapy_defaults.EXTENSIONS_BASE.items() if k not in consoles}

NEWS_SOURCES = "sources.toml"
NEWS_CLOCK = None  # the crawl's clock starts at this time (ISO 8601); None: the real clock

# The archive (crawler.archive, crawler.pipelines.archive): off = nothing is written
# (distributed workers run with it off), and every archive component switches off.
ARCHIVE_ENABLED = True
ARCHIVE_DB = "data/news.db"
ARCHIVE_BATCH_SIZE = 200
ARCHIVE_BATCH_SECONDS = 2.0
ARCHIVE_CAPTURES = True  # index each article page in `captures` (re-extraction reads it)

# Extraction (crawler.pipelines.extract): EXTRACT_FUNCTION runs in worker processes.
EXTRACT_ENABLED = True
EXTRACT_FUNCTION = "pipelines.extract.page.extract_page"
EXTRACT_MIN_WORDS = 40  # shorter texts are not articles (pipelines.extract.page.MIN_WORDS)

FEED_EXPORT_ENCODING = "utf-8"

# Throughput (issue 7): a page may hold a worker this long before the worker is
# replaced and the page recorded as extract_timeout (0 = no limit). EXTRACT_WORKERS
# (None: the machine's cores; 0: inline) and EXTRACT_MAX_PENDING (None or 0: 8 per
# worker) bound the pool; the downloader starts no transfer while the crawl holds
# EXTRACT_MAX_PENDING responses not yet extracted (crawler/downloader.py).
EXTRACT_TIMEOUT = 60.0
EXTRACT_WORKERS = None
EXTRACT_MAX_PENDING = None

# Requests wait on disk in a temporary JOBDIR (crawler/commands/crawl.py), so memory
# does not grow with the number of URLs discovered; set JOBDIR to choose the place.
NEWS_DISK_QUEUE = True
# Scrapy's pickled LIFO disk queue, which names each request's callback by reading every
# attribute of the spider (1 ms a request): this one reads the spider's methods once.
SCHEDULER_DISK_QUEUE = "crawler.diskqueue.CallbackLifoDiskQueue"

# Incremental crawling (crawler/spiders/incremental.py, pipelines/archive/frontier.py):
# revisit known articles this long after publication (or first sighting), then never.
NEWS_REVISIT_AFTER = "1h,6h,24h,3d"
NEWS_ROBOTS_SITEMAPS = True  # read Sitemap: lines of robots.txt
NEWS_FEED_AUTODISCOVERY = True  # follow <link rel="alternate"> feeds of start pages
NEWS_SECTION_DEPTH = 1  # section pages followed from start pages (0 = start pages only)
NEWS_SECTION_PAGES = 30  # at most this many section pages per source and run
NEWS_PAGINATION_MAX = 3  # follow ?page=N / /page/N up to this N
NEWS_PROGRESS_INTERVAL = 30  # seconds between progress lines (0 = off)

# Address guard (issue 8): refuse loopback/private/link-local/metadata addresses,
# checked on the resolved address at every hop, before robots.txt is fetched.
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's offsite filter reads the spider's allowed_domains, which no spider of the
    # project has (a source's hosts and allowed_domains are the spider's own business): it
    # let every request through, twice each (request_scheduled and the chain).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.guard.AddressGuardMiddleware": 50,
    # a source's headers and cookies (sources file), before Scrapy's default headers
    "crawler.middlewares.fetchoptions.FetchOptionsMiddleware": 60,
    # robots.txt before any page of its host, unreachable = disallowed (RFC 9309)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.RobotsMiddleware": 100,
    "crawler.middlewares.redirects.RedirectLoopMiddleware": 650,
    # Scrapy's decodes every page to look for a meta refresh; ours looks at bytes first
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.metarefresh.MetaRefreshMiddleware": 580,
    # before RetryMiddleware (550) sees a 429/503: responses go up the chain
    "crawler.middlewares.retryafter.RetryAfterMiddleware": 560,
    # next to the downloader: every response as received (see WARC captures below)
    "crawler.middlewares.warc.WarcCaptureMiddleware": 950,
    # pages of `render` sources go to the browser (see Rendering below)
    "crawler.middlewares.render.RenderMiddleware": 960,
}
GUARD_ENABLED = True
GUARD_ALLOW_NETWORKS: list[str] = []
TWISTED_DNS_RESOLVER = "crawler.resolver.PinnedResolver"
DNS_PINS: dict[str, str] = {}

# Rendering (crawler/render.py, crawler/middlewares/render.py): pages of sources with
# `render = true` are loaded in headless Chromium (the installed one; Playwright's own
# browser is never downloaded). At most NEWS_RENDER_CONCURRENCY pages at once per render
# source, each given NEWS_RENDER_TIMEOUT seconds to load and then until NEWS_RENDER_WAIT.
NEWS_RENDER_BROWSER = "/usr/bin/chromium"
NEWS_RENDER_CONCURRENCY = 2
NEWS_RENDER_TIMEOUT = 30.0
NEWS_RENDER_WAIT = "networkidle"  # load, domcontentloaded or networkidle

# Resume (issue 8): a crawl after an interrupted or killed one skips what it archived.
NEWS_RESUME = True

# Site-level boilerplate (pipelines/archive/boilerplate.py): a paragraph found on at least
# this many distinct articles of a source is template and is removed from `text`.
BOILERPLATE_ENABLED = True
BOILERPLATE_MIN_ARTICLES = 5

# Site-level titles (pipelines/archive/titles.py): a leading or trailing title segment (cut
# at " | ", " - ", " – "...) found on at least TITLES_MIN_ARTICLES distinct articles of a
# source and on at least TITLES_MIN_SHARE of them is the site's own (its name) and is
# stripped from the source's titles (kept in `raw_title`); a segment on fewer (a column
# name such as "Opinion") stays.
TITLES_ENABLED = True
TITLES_MIN_ARTICLES = 5
TITLES_MIN_SHARE = 0.5

# WARC captures (crawler.middlewares.warc, crawler.pipelines.warc_metadata): every response
# as WARC records under WARC_DIR (None: warc/ next to ARCHIVE_DB), indexed in
# the archive's warc_records table.
WARC_ENABLED = True
WARC_DIR = None
WARC_MAX_SIZE = 100 * 1000 * 1000  # bytes per file before a new one starts
WARC_GZIP_LEVEL = 2  # 1-3 ISA-L's, 4-9 zlib's (pipelines.archive.warc.GZIP_LEVEL)

# Duplicates (pipelines.archive.dedupe): near-duplicate clusters recomputed after each crawl.
DEDUPE_ENABLED = True
DEDUPE_THRESHOLD = 0.3  # Jaccard similarity (pipelines.archive.dedupe.THRESHOLD: best F1)

# Scaling out (issue 9, crawler/distributed): scrapy-redis workers, one archive writer.
# `scrapy seed`, `scrapy worker`, `scrapy writer`, `scrapy clear`; see README "Scaling out".
REDIS_URL = "redis://127.0.0.1:6379/0"
DISTRIBUTED_KEY = "news"  # prefix of the run's Redis keys
DISTRIBUTED_WORKER_NAME = None  # a worker's name in heartbeats (None: HOST:PID)
DISTRIBUTED_SEED_BATCH = 500  # seeds a worker takes from Redis at once
DISTRIBUTED_POLL = 0.2  # seconds between a worker's looks at Redis when it has nothing to do
DISTRIBUTED_HEARTBEAT = 1.0  # seconds between a worker's heartbeats
DISTRIBUTED_WORKER_TIMEOUT = 15.0  # a worker silent this long is dead: its work is re-queued
DISTRIBUTED_IDLE_GRACE = 3.0  # seconds of quiet before the writer reconciles or finishes
DISTRIBUTED_MAX_ATTEMPTS = 3  # a request is re-queued at most this many times
DISTRIBUTED_WRITER_BATCH = 500  # messages per writer transaction
DISTRIBUTED_PROGRESS = 5.0  # seconds between progress updates of crawl_runs


def project_settings(overrides: dict | None = None):  # -> scrapy.settings.Settings
    """These settings over Scrapy's, with ``overrides`` above them as ``-s`` sets them: for
    code that builds settings without the ``scrapy`` command (benchmarks, tests)."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(__name__, priority="project")
    settings.update(overrides or {}, priority="cmdline")
    return settings
