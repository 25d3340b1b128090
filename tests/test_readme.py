"""Every command in the README runs: each ``$`` line of its console blocks is tried here.

Commands that would touch the user's own ``data/news.db`` or the internet run
with the archive path and the sources file replaced by temporary ones serving
the demo site on 127.0.0.1; a README command with no entry below fails the test.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import textwrap
import time
import urllib.request

import pytest

from conftest import ROOT, assert_clean_log, free_port, write_sources

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"^\s*\$ (.+)$", README, flags=re.MULTILINE)


def test_readme_commands_are_all_covered():
    assert set(COMMANDS) == set(COVERED), set(COMMANDS) ^ set(COVERED)


def sh(command: str, env: dict | None = None, timeout: float = 600, **kwargs):
    return subprocess.run(
        command,
        shell=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def run_make_demo(command, tmp_path, demo_server):
    """``make demo`` twice: the second run is incremental and finds the site's next edition
    (an edited story, a wire copy), so the edits and near-duplicate clusters are there."""
    import json

    import sqlite_utils

    port = free_port()
    env = {"DB": str(tmp_path / "news.db"), "DEMO_PORT": str(port)}
    done = sh(command, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"serving at http://127.0.0.1:{port}" in done.stdout
    assert "articles per language:" in done.stdout and "errors and skips" in done.stdout
    assert re.search(r"^\s+all\s+48$", done.stdout, flags=re.MULTILINE), done.stdout
    assert "make serve" in done.stdout
    again = sh(command, env=env)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "Traceback" not in again.stdout + again.stderr
    assert re.search(r"^\s+all\s+54$", again.stdout, flags=re.MULTILINE), again.stdout
    assert "edits kept (article_versions): 1; near-duplicate clusters: 6" in again.stdout
    db = sqlite_utils.Database(tmp_path / "news.db")
    first, second = (
        json.loads(r["counts"])["demo"] for r in db.query("select counts from crawl_runs")
    )
    assert second["fetched"] * 3 < first["fetched"], (first, second)  # not everything again
    assert (second["new"], second["updated"], second.get("duplicate", 0)) == (6, 1, 0), second
    edit = next(db.query("select cause, diff from article_versions"))
    assert edit["cause"] == "edit" and "4.100" in edit["diff"], edit
    elsewhere = sh(command, env={**env, "DEMO_PORT": str(free_port())})
    assert elsewhere.returncode == 2 and f"DEMO_PORT={port}" in elsewhere.stderr


def run_make_serve(command, tmp_path, demo_server):
    (tmp_path / "news.db").touch()
    port = free_port()
    process = subprocess.Popen(
        shlex.split(command) + [f"DB={tmp_path / 'news.db'}", f"PORT={port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
                    assert "News archive" in response.read().decode()
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail("make serve did not answer")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


def run_crawl_command(command, tmp_path, demo_server):
    sources = write_sources(tmp_path / "sources.toml", demo_server.url, name="kabar")
    db = tmp_path / "news.db"
    command = command.replace("sources=my-sources.toml", f"sources={sources}")
    command = command.replace("ARCHIVE_DB=data/news.db", f"ARCHIVE_DB={db}")
    if "ARCHIVE_DB" not in command:
        command += f" -s ARCHIVE_DB={db}"
    command += " -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_START_DELAY=0"
    done = sh(command)
    assert done.returncode == 0, done.stderr[-3000:]
    assert_clean_log(done.stderr)
    import sqlite_utils

    assert sqlite_utils.Database(db)["articles"].count == 48


def run_extract_command(command, tmp_path, demo_server):
    from sites.demo.site import build_site, expected_articles

    want = next(a for a in expected_articles(demo_server.url) if a["language"] == "id")
    url = want["url"]
    html = build_site(demo_server.url)[url.removeprefix(demo_server.url)].body
    (tmp_path / "page.html").write_bytes(html)
    command = command.replace("https://kabar.example/berita/1/panen", url)
    done = sh(command.replace("page.html", str(tmp_path / "page.html")))
    assert done.returncode == 0, done.stderr
    import json

    article = json.loads(done.stdout)
    assert article["title"] == want["title"] and article["language"] == "id"


def crawl_then(command, tmp_path, site, off: str) -> str:
    """Crawl a fixture site (as source ``kabar``) with a site-level step off (``off``,
    its setting), then run ``command`` on the archive; returns what it printed."""
    from sites.demo.server import SiteServer

    db = tmp_path / "news.db"
    with SiteServer(site.build_site) as server:
        sources = write_sources(tmp_path / "sources.toml", server.url, name="kabar")
        crawl = sh(
            f"{ROOT}/.venv/bin/scrapy crawl news -a sources={sources} -s ARCHIVE_DB={db} "
            f"-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_START_DELAY=0 -s {off}=false"
        )
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    done = sh(f"{command} --db {db}")
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def run_boilerplate_command(command, tmp_path, demo_server):
    """Crawl the template-heavy fixture site with the site-level step off, then apply it."""
    from sites.demo import template_site

    out = crawl_then(command, tmp_path, template_site, "BOILERPLATE_ENABLED")
    articles = template_site.ARTICLES
    assert f"kabar: {articles} articles" in out, out
    assert f"{articles} articles changed" in out, out
    every_page = template_site.EVERY_PAGE[0]
    assert f"{articles}  template  {every_page[:40]}" in out, out


def run_titles_command(command, tmp_path, demo_server):
    """Crawl the fixture site that writes its name into titles with the title step off,
    then apply it."""
    from sites.demo import titled_site

    out = crawl_then(command, tmp_path, titled_site, "TITLES_ENABLED")
    articles = titled_site.ARTICLES
    assert f"kabar: {articles} articles, 1 site affixes" in out, out
    assert f"{articles} titles changed" in out, out
    assert f"{articles:>8}  site  {titled_site.OUTLET}" in out, out
    assert f"{3:>8}  kept  {titled_site.OPINION}" in out, out


def run_bench_command(command, tmp_path, demo_server):
    import json

    corpus = tmp_path / "corpus"
    (corpus / "eval").mkdir(parents=True)
    story = "".join(
        f"<p>The lighthouse keeper of Port Alder logged {n} ships passing the cape in the "
        "storm, and the harbour master thanked the crews of the pilot boats.</p>"
        for n in range(5)
    )
    (corpus / "eval" / "a.html").write_text(
        f"<html><body><nav>Home | Sports | Weather</nav><article>{story}</article>"
        "<footer>Contact the Gazette</footer></body></html>"
    )
    evaldata = {
        "https://gazette.example/a": {
            "file": "a.html",
            "with": ["logged 3 ships passing the cape"],
            "without": ["Contact the Gazette"],
        }
    }
    (corpus / "evaldata.json").write_text(json.dumps(evaldata))
    done = sh(command.replace("/tmp/corpus/tests", str(corpus)), timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Corpus: " in done.stdout and "(1 pages)" in done.stdout
    assert re.search(r"^trafilatura\s+1\.000\s+1\.000\s+1\.000", done.stdout, re.M), done.stdout
    assert re.search(r"^project\s+1\.000\s+1\.000\s+1\.000", done.stdout, re.M), done.stdout
    assert re.search(
        r"^template\s+project \+ site \(k=5\)\s+100\.00%\s+100\.00%", done.stdout, re.M
    )
    assert "Threshold sweep" in done.stdout


ARCHIVE: dict[str, object] = {}  # one crawled "kabar" archive for the archive commands below


def run_archive_command(command, tmp_path, demo_server):
    """Commands over an archive: run in a copy of a crawled one, in place of ``data/``."""
    import shutil

    if "dir" not in ARCHIVE:
        crawled = tmp_path.parent / "readme-archive"
        crawled.mkdir(exist_ok=True)
        sources = write_sources(crawled / "sources.toml", demo_server.url, name="kabar")
        done = sh(f".venv/bin/scrapy crawl news -a sources={sources} "
                  f"-s ARCHIVE_DB={crawled / 'news.db'} -s DOWNLOAD_DELAY=0")  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        ARCHIVE["dir"] = crawled
    data = tmp_path / "data"
    shutil.copytree(ARCHIVE["dir"], data)
    command = command.replace("data/", f"{data}/")
    command = command.replace("-o news", f"-o {tmp_path}/news").replace(
        " news.jsonl", f" {data}.jsonl"
    )
    if command.startswith(".venv/bin/scrapy") and "ARCHIVE_DB" not in command:
        command += f" -s ARCHIVE_DB={data / 'news.db'}"
    if " import " in command:
        assert (
            sh(
                f".venv/bin/scrapy export -o {data}.jsonl -s ARCHIVE_DB={data / 'news.db'}"
            ).returncode
            == 0
        )
    done = sh(command)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    if "reextract" in command:
        assert "re-extracted 48 articles: 0 changed" in done.stdout, done.stdout
    elif " maintain " in command:
        assert "maintenance run 1: finished" in done.stdout, done.stdout
    elif "--format csv" in command:
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(done.stdout)))
        assert len(rows) == 8 and {r["language"] for r in rows} == {"en"}
    elif "--format warc" in command:
        assert (tmp_path / "news-en.warc.gz").stat().st_size > 0
    elif "--format jsonl" in command:
        assert len((tmp_path / "news.jsonl").read_text().splitlines()) == 48
    elif " import " in command:
        assert "48 articles" in done.stdout
    elif "--format wacz" in command:
        import zipfile

        with zipfile.ZipFile(tmp_path / "news.wacz") as package:
            assert "indexes/index.cdx" in package.namelist()
            assert len(package.read("pages/pages.jsonl").splitlines()) == 1 + 48


def run_import_warc_command(command, tmp_path, demo_server):
    """Another crawler's WARC file: the crawled archive's WARC files as one (gzip members
    concatenate), imported into a new archive."""
    import sqlite_utils

    run_archive_command(".venv/bin/warcio check data/warc/*.warc.gz", tmp_path, demo_server)
    name = command.split()[2]
    with open(tmp_path / name, "wb") as out:
        for path in sorted((tmp_path / "data" / "warc").glob("*.warc.gz")):
            out.write(path.read_bytes())
    db = tmp_path / "imported.db"
    done = sh(command.replace(name, str(tmp_path / name)) + f" -s ARCHIVE_DB={db}")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    print(done.stdout)
    assert " 48 new" in done.stdout, done.stdout
    assert sqlite_utils.Database(db)["articles"].count == 48


def run_near_duplicates_bench(command, tmp_path, demo_server):
    done = sh(command + " --stories 30")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "<- THRESHOLD" in done.stdout and "recall by edit rate" in done.stdout


def run_metadata_bench(command, tmp_path, demo_server):
    """The metadata-only extraction bench on the tiny corpora the test writes."""
    from sites.corpus_fixture import write_corpora

    trafilatura, wcxb = write_corpora(tmp_path / "corpora")
    command = command.replace("/tmp/wcxb/dev", str(wcxb))
    done = sh(command.replace("/tmp/corpus/tests", str(trafilatura)), timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "trafilatura eval set, part" in done.stdout, done.stdout
    # the fixture articles' headline is their title: the project gets every one
    assert re.search(r"^project\s+-\s+-\s+-\s+1\.000", done.stdout, re.M), done.stdout
    assert re.search(r"^bare_extraction\s+-", done.stdout, re.M), done.stdout


def run_discovery_bench(command, tmp_path, demo_server):
    """The discovery bench, crawling a tiny corpus in both formats that the test writes."""
    from sites.corpus_fixture import TRAFILATURA, WCXB, write_corpora

    trafilatura, wcxb = write_corpora(tmp_path / "corpora")
    done = sh(f"{command} --trafilatura {trafilatura} --wcxb {wcxb} --sites 2", timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr
    served = re.findall(r"^pages served\s+(\d+)\s+(\d+)\s+(\d+)", done.stdout, re.M)
    assert [int(row[2]) for row in served] == [len(TRAFILATURA), len(WCXB)], done.stdout
    assert done.stdout.count("answered by the loopback sites") == 2
    assert len(re.findall(r"loopback sites: (\d+) / \1 \(ok\)", done.stdout)) == 2
    assert done.stdout.count("URLs recorded in the archive outside 127.0.0.0/8: 0\n") == 2
    assert "tracebacks in the crawl log: 0" in done.stdout
    assert re.search(r"^word F1, archived article pages\s+[\d.-]+", done.stdout, re.M)


def is_this_suite(command, tmp_path, demo_server):
    """``make test`` is the command running this very test."""


def run_bench(command, tmp_path, demo_server):
    """The benchmarks, on a small size (they print figures; each must finish cleanly)."""
    small = (
        command.replace("--pages 2000", "--pages 24")
        .replace("--memory 5000,50000", "--memory 12,24")
        .replace("--sizes 100000,1000000", f"--sizes 300,1200 --new 40 --dir {tmp_path}")
        .replace("--articles 3000 --rounds 5", "--articles 60 --sources 3 --rounds 1")
    )
    if "archive_scale" in command:  # its made archives cached here, not under /tmp
        small += f" --cache {tmp_path / 'cache'} --repeat 2"
    done = sh(small, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    if "--memory" in command:
        assert "peak RSS at 24 pages / at 12 pages" in done.stdout
    elif "dedupe_close" in command:
        assert "incremental close at 1200 / at 300" in done.stdout, done.stdout
        assert "full pass" in done.stdout and "through write_batch, clustered" in done.stdout
        assert "'banded': 0" in done.stdout, done.stdout  # each batch banded its own
    elif "site_learners" in command:
        assert "titles + boilerplate" in done.stdout, done.stdout
        assert "titles stripped: 60" in done.stdout, done.stdout
    elif "throughput" in command:
        assert "project / limit" in done.stdout and "trafilatura CLI" in done.stdout
        assert "project CPU s/page by stage" in done.stdout
        assert "Scrapy alone" in done.stdout and "ceiling of project / limit" in done.stdout
    else:
        assert "p95 ms" in done.stdout and " 200 " in done.stdout
        assert "close at 1200 / at 300" in done.stdout, done.stdout
        assert "the run's writes and close: time x" in done.stdout, done.stdout
        assert "projection to 10000000" in done.stdout, done.stdout


def run_scale_out_bench(command, tmp_path, demo_server):
    """The writer's ceiling and the counts after writer restarts, on a small size (the
    crawl and SIGKILL parts are tests/test_distributed.py's scenarios, timed)."""
    import redis_server

    if not redis_server.available():
        pytest.skip("no redis-server (make test installs Debian's: tests/system.sh)")
    small = command.replace("--pages 600", "--pages 24 --messages 60 --only writer,restart")
    done = sh(small, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"with captures\s+60 items", done.stdout), done.stdout
    assert re.search(r"no captures\s+60 items", done.stdout), done.stdout
    assert "run counts == archive after writer restart: yes" in done.stdout, done.stdout


def run_language_bench(command, tmp_path, demo_server):
    done = sh(command, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "py3langid" in done.stdout or "bigram" in done.stdout, done.stdout
    assert "%" in done.stdout or " MB " in done.stdout, done.stdout


def run_politeness_bench(command, tmp_path, demo_server):
    """bench/feeds.py and bench/politeness.py, on a small size."""
    small = f"{command} --repeat 3" if "feeds" in command else f"{command} --pages 8"
    done = sh(small, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    if "feeds" in command:
        assert "fallback/fast" in done.stdout and "recovered" in done.stdout, done.stdout
    else:
        polite = re.search(r"PoliteDownloader\s+(\d+)", done.stdout)
        assert polite and polite[1] == "2", done.stdout
        assert "gaps between requests: min" in done.stdout, done.stdout


SCALE_OUT: dict[str, object] = {}  # the README's scaling-out commands, run once in order


def run_scale_out_command(command, tmp_path, demo_server):
    """Seed, writer, one worker, clear: the README's commands, in order, on a real Redis."""
    import redis_server

    if not redis_server.available():
        pytest.skip("no redis-server (make test installs Debian's: tests/system.sh)")
    if not SCALE_OUT:
        with redis_server.RedisServer() as redis:
            SCALE_OUT.update(scale_out_session(redis.url, tmp_path, demo_server.url))
    done = SCALE_OUT[command]
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    if " seed " in command:
        assert "run 1 seeded: 3 seeds" in done.stdout  # feed, sitemap, start page
    elif " writer " in command:
        assert "run 1 finished: 48 new" in done.stderr and SCALE_OUT["articles"] == 48
    elif " worker " in command:
        assert_clean_log(done.stderr)
    else:
        assert "cleared run 1 (finished)" in done.stdout


def scale_out_session(url: str, tmp_path, site: str) -> dict[str, object]:
    import sqlite_utils

    sources = write_sources(tmp_path / "sources.toml", site, name="kabar")
    db = tmp_path / "news.db"
    extra = (
        f" -s ARCHIVE_DB={db} -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_START_DELAY=0"
        " -s DISTRIBUTED_IDLE_GRACE=1 -s DISTRIBUTED_HEARTBEAT=0.3"
    )
    commands = [c for c in COVERED if COVERED[c] is run_scale_out_command]
    order = {" seed ": 0, " writer ": 1, " worker ": 2, " clear ": 3}
    commands.sort(key=lambda c: next(v for k, v in order.items() if k in c))
    local = {
        c: c.replace("redis://127.0.0.1:6379/0", url).replace("sources.toml", str(sources)) + extra
        for c in commands
    }
    results: dict[str, object] = {commands[0]: sh(local[commands[0]])}
    running = {
        c: subprocess.Popen(
            local[c],
            shell=True,
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for c in commands[1:3]
    }
    for c, process in running.items():
        stdout, stderr = process.communicate(timeout=180)
        results[c] = subprocess.CompletedProcess(c, process.returncode, stdout, stderr)
    results[commands[3]] = sh(local[commands[3]])
    results["articles"] = sqlite_utils.Database(db)["articles"].count
    return results


COVERED = {
    ".venv/bin/python bench/throughput.py --pages 2000": run_bench,
    ".venv/bin/python bench/throughput.py --memory 5000,50000": run_bench,
    ".venv/bin/python bench/archive_scale.py --sizes 100000,1000000": run_bench,
    ".venv/bin/python bench/site_learners.py --articles 3000 --rounds 5": run_bench,
    ".venv/bin/python bench/dedupe_close.py --sizes 100000,1000000": run_bench,
    ".venv/bin/python bench/language.py --limit 40": run_language_bench,
    ".venv/bin/python bench/search.py --articles 300 --repeat 3": run_language_bench,
    "make demo": run_make_demo,
    "make serve": run_make_serve,
    "make test": is_this_suite,
    ".venv/bin/scrapy crawl news -a sources=my-sources.toml -s ARCHIVE_DB=data/news.db": (
        run_crawl_command
    ),
    ".venv/bin/scrapy crawl news -a sources=my-sources.toml -a source=kabar": run_crawl_command,
    ".venv/bin/python -m pipelines.extract https://kabar.example/berita/1/panen < page.html": (
        run_extract_command
    ),
    ".venv/bin/scrapy boilerplate --source kabar --show 5": run_boilerplate_command,
    ".venv/bin/scrapy titles --source kabar --show 5": run_titles_command,
    ".venv/bin/scrapy maintain -s ARCHIVE_DB=data/news.db": run_archive_command,
    ".venv/bin/python bench/extraction.py --corpus /tmp/corpus/tests --sweep": run_bench_command,
    ".venv/bin/python bench/extraction.py --wcxb /tmp/wcxb/dev --corpus /tmp/corpus/tests "
    "--metadata-only": run_metadata_bench,
    ".venv/bin/warcio check data/warc/*.warc.gz": run_archive_command,
    ".venv/bin/scrapy reextract --source kabar --since 2026-01-01": run_archive_command,
    ".venv/bin/python bench/near_duplicates.py": run_near_duplicates_bench,
    ".venv/bin/scrapy export --format jsonl -o news.jsonl": run_archive_command,
    ".venv/bin/scrapy export --format csv --source kabar --language en --since 2026-01-01": (
        run_archive_command
    ),
    ".venv/bin/scrapy export --format warc --language en -o news-en.warc.gz": run_archive_command,
    ".venv/bin/scrapy import news.jsonl -s ARCHIVE_DB=data/restored.db": run_archive_command,
    ".venv/bin/scrapy export --format wacz --source kabar -o news.wacz": run_archive_command,
    ".venv/bin/scrapy import-warc CC-NEWS-20260304020000-00001.warc.gz --source ccnews": (
        run_import_warc_command
    ),
    ".venv/bin/scrapy seed --sources sources.toml -s REDIS_URL=redis://127.0.0.1:6379/0": (
        run_scale_out_command
    ),
    ".venv/bin/scrapy writer -s REDIS_URL=redis://127.0.0.1:6379/0": run_scale_out_command,
    ".venv/bin/scrapy worker -s REDIS_URL=redis://127.0.0.1:6379/0": run_scale_out_command,
    ".venv/bin/scrapy clear -s REDIS_URL=redis://127.0.0.1:6379/0": run_scale_out_command,
    ".venv/bin/python bench/scale_out.py --pages 600": run_scale_out_bench,
    ".venv/bin/python bench/feeds.py": run_politeness_bench,
    ".venv/bin/python bench/politeness.py": run_politeness_bench,
    ".venv/bin/python bench/discovery.py": run_discovery_bench,
}


@pytest.mark.parametrize("command", sorted(COVERED))
def test_readme_command_runs(command, tmp_path, demo_server):
    COVERED[command](command, tmp_path, demo_server)


def test_example_sources_file_is_valid():
    from crawler.sources import load_sources

    assert len(load_sources(ROOT / "sources.toml")) >= 3


def test_readme_sources_names_match_its_sources_file(tmp_path):
    """The sources file the README declares is valid, and every source a README command
    names (``-a source=``, ``--source``) is one it declares (``import-warc --source``
    names a new one: the label of the imported files)."""
    from crawler.sources import load_sources

    snippet = re.search(r"```toml\n(.*?)```", README, flags=re.DOTALL).group(1)
    path = tmp_path / "my-sources.toml"
    path.write_text(textwrap.dedent(snippet), encoding="utf-8")
    declared = {source.name for source in load_sources(path)}
    crawled = [command for command in COMMANDS if " import-warc " not in command]
    named = set(re.findall(r"(?:-a source=|--source )([a-z0-9_-]+)", "\n".join(crawled)))
    assert named and named <= declared, named - declared


def test_schema_section_lists_every_table_and_column(tmp_path):
    from pipelines.archive.schema import TABLES, VIEWS, open_archive

    db = open_archive(tmp_path / "news.db")
    views = {name: {"columns": db[name].columns_dict} for name in VIEWS}
    for table, spec in {**TABLES, **views}.items():
        section = re.search(rf"### `{table}`(.*?)(?=\n### |\n## )", README, re.S)
        assert section, f"README has no schema section for {table}"
        missing = [c for c in spec["columns"] if f"`{c}`" not in section.group(1)]
        assert not missing, f"README's {table} section lacks {missing}"


PROJECT_PREFIXES = (
    "NEWS_", "ARCHIVE_", "EXTRACT_", "BOILERPLATE_", "TITLES_", "WARC_", "DEDUPE_",
    "DISTRIBUTED_",
)  # fmt: skip


def settings_table() -> dict[str, str]:
    """The README's settings table: setting -> its default column."""
    text = README
    section = text[
        text.index("## Settings\n") : text.index("\n## ", text.index("## Settings\n") + 1)
    ]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        names = [n.strip("` ") for n in cells[0].split(",")]
        defaults = [d.strip() for d in cells[1].split(",")] if len(names) > 1 else [cells[1]]
        rows.update(zip(names, defaults, strict=True))
    return rows


def test_the_settings_table_names_every_project_setting_with_its_default():
    from crawler import settings as project

    table = settings_table()
    declared = [n for n in dir(project) if n.startswith(PROJECT_PREFIXES)]
    assert [n for n in declared if n not in table] == []
    for name, shown in table.items():
        if name not in declared or not (shown.startswith("`") and shown.count("`") == 2):
            continue  # a Scrapy setting, or a default said in words ("cores", "real time")
        value = getattr(project, name)
        literal = shown.strip("`")
        if isinstance(value, bool):
            assert literal == str(value).lower(), name
        elif isinstance(value, int | float):
            assert float(literal) == value, name
        else:
            assert literal == str(value), name


def test_browse_section_names_every_canned_query_plugin_and_screenshot():
    """The README's Datasette section matches deploy/datasette: each canned query of
    ``archive.yml`` and each plugin is named, each screenshot it shows exists (the
    queries themselves run, with and without parameters, in tests/test_reading_room.py)."""
    import yaml

    section = README.split("## Browse with Datasette", 1)[1].split("\n## ", 1)[0]
    deploy = ROOT / "deploy" / "datasette"
    queries = yaml.safe_load((deploy / "archive.yml").read_text(encoding="utf-8"))["queries"]
    for name in queries:
        assert f"`{name}`" in section, name
    for plugin in (deploy / "plugins").glob("*.py"):
        assert f"`{plugin.stem}`" in section, plugin.stem
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", section):
        assert (ROOT / image).is_file(), image
