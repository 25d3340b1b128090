"""Duplicates: exact copies are one article, near copies cluster, translations do not."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import yaml
from datasette.app import Datasette
from test_pipeline_archive import page

from pipelines.archive import dedupe
from pipelines.archive.batch import write_batch
from pipelines.archive.schema import open_archive
from pipelines.extract import minhash
from pipelines.extract.text import content_hash
from pipelines.items import ArticleItem

from sites.demo.synthetic import edit, story

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT / "deploy" / "datasette" / "metadata.yml"


def article(number: int, title: str, text: str, site: str = "k.example", language: str = "en"):
    url = f"https://{site}/news/{number}"
    return {
        "id": f"{site[:1]}{number:015d}",
        "url": url,
        "canonical_url": url,
        "title": title,
        "text": text,
        "language": language,
        "content_hash": content_hash(title, text),
    }


def item(data: dict, source: str = "kabar") -> ArticleItem:
    fetched = page(body=data["text"].encode())
    fetched.url = data["url"]
    fetched.source = source
    return ArticleItem(data, fetched)


def write_clustered(db, batches: list, first_run: int) -> None:
    """Write each batch as a run of its own; after each, what is stored is what a full pass
    gives, every signature is banded and the bands are the expected ones."""
    for run, batch in enumerate(batches, first_run):
        write_batch(db, batch, run, True, None, None, dedupe.THRESHOLD)
        assert stored(db) == full_pass(db), f"batch {run}"
        assert band_rows(db) == expected_bands(db)
        assert not db.execute("SELECT 1 FROM minhashes WHERE banded IS NULL").fetchall()


def test_exact_copies_are_one_article_with_their_urls(tmp_path):
    db = open_archive(tmp_path / "news.db")
    title, text = story(random.Random(1))
    original = article(1, title, text)
    syndicated = article(7, title, text, site="wire.example")
    amp = {**article(1, title, text), "url": "https://k.example/amp/news/1"}  # canonical → original
    outcomes = write_batch(db, [item(original), item(syndicated, "wire"), item(amp)], 1, True)
    assert [o for o in outcomes if o[1] != "captures"] == [
        ("kabar", "new"), ("wire", "duplicate"), ("kabar", "unchanged")
    ]  # fmt: skip
    assert db["articles"].count == 1
    urls = {r["url"]: (r["article_id"], r["kind"]) for r in db["article_urls"].rows}
    assert urls == {
        "https://wire.example/news/7": (original["id"], "duplicate"),
        "https://k.example/amp/news/1": (original["id"], "variant"),
    }
    assert {r["article_id"] for r in db["captures"].rows} == {original["id"]}


def test_near_copies_cluster_and_others_do_not(tmp_path):
    db = open_archive(tmp_path / "news.db")
    rng = random.Random(6)
    items, expected = [], {}
    for number in range(1, 21):
        title, text = story(rng)
        items.append(item(article(number, title, text)))
        if number <= 5:  # republished by a wire site with 5 % of the words edited
            copy = article(number, title, edit(text, 0.05, rng), site="wire.example")
            items.append(item(copy, "wire"))
            expected[items[-2].article["id"]] = expected[copy["id"]] = number
        if number == 6:  # the same text tagged as another language is not a duplicate
            items.append(item(article(number, title, text + " ", site="fr.example", language="fr")))
    write_batch(db, items, 1, True)
    report = dedupe.cluster(db)
    assert report.clusters == 5 and report.clustered == 10
    clustered = {
        r["id"]: r for r in db.query("select * from articles where cluster_id is not null")
    }
    assert set(clustered) == set(expected)
    for article_id, row in clustered.items():
        partner = next(
            k for k, n in expected.items() if n == expected[article_id] and k != article_id
        )
        assert row["cluster_id"] == min(article_id, partner)
        assert 0.5 < row["cluster_similarity"] < 1
    assert dedupe.cluster(db).signatures == 0  # signatures kept until the text changes
    # Datasette's canned query lists them.
    datasette = Datasette(
        [str(tmp_path / "news.db")],
        metadata=yaml.safe_load(METADATA.read_text()),
        plugins_dir=str(METADATA.parent / "plugins"),
    )
    response = asyncio.run(datasette.client.get("/news/duplicate_clusters.json?_shape=array"))
    assert response.status_code == 200, response.text
    rows = response.json()
    assert len(rows) == 5 and all(r["articles"] == 2 and r["sources"] == 2 for r in rows)


def test_demo_translations_are_not_duplicates(demo_crawl):
    db = demo_crawl.db
    assert (
        db.execute("select count(*) from articles where cluster_id is not null").fetchone()[0] == 0
    )
    assert db["minhashes"].count == 48 and db["article_urls"].count == 0
    assert "'news/dedupe/clusters': 0" in demo_crawl.log


def test_lsh_pairs_are_datasketch_pairs():
    # similar_pairs does MinHash LSH with NumPy on the stored bytes: same bands, same
    # candidates and same similarities as datasketch's MinHashLSH and MinHash.jaccard.
    from datasketch import MinHashLSH

    rng = random.Random(11)
    texts = {}
    for number in range(40):
        _, text = story(rng)
        texts[f"s{number:02d}"] = text
        for rate in (0.05, 0.2, 0.5):
            texts[f"s{number:02d}-{rate}"] = edit(text, rate, rng)
    signed = {key: minhash.signature(text) for key, text in texts.items()}
    for threshold in (0.3, 0.6):
        lsh = MinHashLSH(threshold=threshold, num_perm=minhash.NUM_PERM)
        for key, signed_text in signed.items():
            lsh.insert(key, signed_text)
        expected = {}
        for key, signed_text in signed.items():
            for other in lsh.query(signed_text):
                similarity = signed_text.jaccard(signed[other])
                if other > key and similarity >= threshold:
                    expected[(key, other)] = similarity
        stored = [(key, "en", minhash.signature_bytes(texts[key])) for key in signed]
        assert dedupe.similar_pairs(stored, threshold) == expected
        assert len(expected) > 30


def test_signature_bytes_are_datasketch_minhash():
    # the worker signs with NumPy alone (no datasketch import): the very values of
    # datasketch's MinHash, empty, short, CJK and long texts alike
    rng = random.Random(5)
    texts = ["", "one", "two words", "three words here", "日本語の記事です", "a " * 10]
    texts += [story(rng)[1] for _ in range(20)]
    for text in texts:
        expected = minhash.signature(text).hashvalues.astype("<u4").tobytes()
        assert minhash.signature_bytes(text) == expected


def test_shingle_list_holds_the_shingles():
    # the signature's shingles are cut from the encoded text at byte offsets: the same
    # shingles as the words joined, multi-byte letters and CJK characters included
    rng = random.Random(7)
    texts = ["", "one", "two words", "Straße über Äpfel öffnen", "日本語の記事です", "a " * 10]
    texts += ["".join(rng.choice("ab é日 \n.ſİ") for _ in range(30)) for _ in range(200)]
    for text in texts:
        assert set(minhash.shingle_list(text)) == minhash.shingles(text)


def test_signature_without_lines_is_the_signature_of_what_is_left():
    # the boilerplate step takes whole lines out: the signature it derives from the old
    # one, hashing only the shingles that change, is the new text's, or None (sign whole)
    rng = random.Random(11)
    short = ["Share this story.", "Advertisement", "Follow us on our pages.", "— • —"]
    derived = 0
    for _ in range(40):
        lines = [line for _ in range(3) for line in story(rng)[1].split("\n")] + short
        rng.shuffle(lines)
        old = "\n".join(lines)
        blob = minhash.signature_bytes(old)
        for _ in range(5):  # short lines taken out (the template), now and then a long one
            out = {lines.index(line) for line in rng.sample(short, rng.randint(1, 3))}
            out.add(rng.randrange(len(lines)) if rng.random() < 0.3 else min(out))
            new = "\n".join(line for i, line in enumerate(lines) if i not in out)
            result = minhash.signature_without(blob, old, new)
            assert result in (None, minhash.signature_bytes(new)), (old, new)
            derived += result is not None
    assert 30 < derived < 200  # derived often, and signed whole when it cannot tell
    bare = "A first line of words.\n***\nA last line of words."
    assert minhash.signature_without(b"same", bare, bare.replace("***\n", "")) == b"same"
    assert minhash.signature_without(b"x", "one line\ntwo lines", "one line\ntwo line") is None


def test_signature_without_looks_only_around_the_lines_taken_out():
    # each line taken out at the text's edges, between one-word lines, among wordless ones:
    # the signature derived from the lines around it is the new text's, or None
    lines = [
        "Opening words of the story here.",
        "one",
        "— • —",
        "two",
        "A middle paragraph with several words in it.",
        "x",
        "Another paragraph, of the same report, longer still than that.",
        "three",
        "The closing paragraph ends the story.",
    ]
    filler = [" ".join(f"w{n}x{i}" for i in range(10)) for n in range(60)]
    lines += filler
    old = "\n".join(lines)
    blob = minhash.signature_bytes(old)
    for size in (1, 2, 3):
        for first in [*range(9), len(lines) - size - 3]:
            for gap in (1, 2):
                out = set(range(first, first + size)) | {min(first + size + gap, len(lines) - 1)}
                new = "\n".join(line for i, line in enumerate(lines) if i not in out)
                result = minhash.signature_without(blob, old, new)
                assert result in (None, minhash.signature_bytes(new)), sorted(out)
    assert minhash.signature_without(blob, old, old.replace("— • —\n", "")) == blob
    assert minhash.signature_without(blob, "a b\nc d", "c d") is None  # too short: whole


def full_pass(db, threshold: float = dedupe.THRESHOLD) -> dict[str, tuple[str, float]]:
    """The clusters a pass over the whole archive gives (the algorithm before incremental
    clustering): every signature, LSH, connected components, smallest id names a cluster."""
    items = db.execute(
        "SELECT a.id, a.language, m.signature FROM articles a JOIN minhashes m "
        "ON m.article_id = a.id"
    ).fetchall()
    components, best = dedupe._Components(), {}
    for (a, b), similarity in dedupe.similar_pairs(items, threshold).items():
        components.union(a, b)
        best[a] = max(best.get(a, 0.0), similarity)
        best[b] = max(best.get(b, 0.0), similarity)
    return {key: (components.find(key), round(value, 4)) for key, value in best.items()}


def stored(db) -> dict[str, tuple[str, float]]:
    return {
        i: (c, s)
        for i, c, s in db.execute(
            "SELECT id, cluster_id, cluster_similarity FROM articles WHERE cluster_id IS NOT NULL"
        )
    }


def test_incremental_clusters_are_the_full_pass_clusters_at_every_step(tmp_path):
    db = open_archive(tmp_path / "news.db")
    rng = random.Random(21)
    stories = {n: story(rng) for n in range(1, 13)}
    steps = []
    # 1: twelve stories, two of them already with a wire copy
    steps.append([article(n, *stories[n]) for n in stories])
    steps[-1] += [
        article(n, stories[n][0], edit(stories[n][1], 0.05, rng), "w.example") for n in (1, 2)
    ]
    # 2: more copies join existing clusters, a new story arrives with its copy
    title, text = story(rng)
    steps.append(
        [article(n, stories[n][0], edit(stories[n][1], 0.05, rng), "x.example") for n in (1, 3)]
        + [article(20, title, text), article(20, title, edit(text, 0.05, rng), "w.example")]
    )
    # 3: a story rewritten entirely leaves its cluster; another is corrected slightly
    steps.append(
        [
            article(1, "Rewritten", story(rng)[1]),
            article(2, stories[2][0], edit(stories[2][1], 0.02, rng)),
        ]
    )
    # 4: a page holding the text of two unrelated stories bridges their clusters
    halves = stories[4][1] + "\n" + stories[5][1]
    steps.append(
        [article(30, "Two stories", halves), article(4, *stories[4]), article(5, *stories[5])]
    )
    changed = [14, 4, 2, 1]  # new articles and changed texts (4 and 5 come back unchanged)
    for step, batch in enumerate(steps, 1):
        write_batch(db, [item(a) for a in batch], step, True)
        report = dedupe.cluster(db)
        assert stored(db) == full_pass(db), f"step {step}"
        assert report.banded == changed[step - 1]  # only what the step wrote
        assert band_rows(db) == expected_bands(db), f"step {step}"  # replaced ones went
    assert report.clusters >= 3 and len({c for c, _ in stored(db).values()}) == report.clusters
    # a deleted bridge splits its cluster again
    bridge = article(30, "Two stories", halves)["id"]
    two = {article(n, *stories[n])["id"] for n in (4, 5)}
    assert stored(db)[bridge][0] == stored(db)[min(two)][0] == stored(db)[max(two)][0]
    with db.conn:
        db.execute("DELETE FROM articles WHERE id = ?", [bridge])
    dedupe.cluster(db)
    assert stored(db) == full_pass(db) and not two & set(stored(db))
    assert band_rows(db) == expected_bands(db)  # the deleted signature's bands went too
    # a run that wrote nothing bands nothing and examines nothing
    quiet = dedupe.cluster(db)
    assert (quiet.banded, quiet.examined, quiet.signatures) == (0, 0, 0)
    # an archive banded before (or a new threshold) is banded again in full, same result
    db.execute("DELETE FROM lsh_params")
    again = dedupe.cluster(db)
    assert again.banded == db["articles"].count and stored(db) == full_pass(db)


def band_rows(db) -> set[tuple[int, int]]:
    """The band index: ``lsh_bands`` and the bands not merged into it yet."""
    return set(
        db.execute(
            "SELECT hash, item FROM lsh_bands UNION ALL SELECT hash, item FROM lsh_recent"
        ).fetchall()
    )


def expected_bands(db) -> set[tuple[int, int]]:
    """The band keys of every stored signature, as a full banding makes them."""
    import numpy as np

    b, r = db.execute("SELECT bands, rows FROM lsh_params").fetchone()
    rows = db.execute("SELECT rowid, signature FROM minhashes WHERE signature IS NOT NULL")
    expected = set()
    for item, signature in rows.fetchall():
        keys = dedupe.band_matrix(np.frombuffer(signature, dtype="<u4")[None, :], b, r)
        expected.update((key, item) for key in keys.ravel().tolist())
    return expected


def signed(data: dict, source: str = "kabar") -> ArticleItem:
    """An item with the signature the extraction worker gives it."""
    fetched = item(data, source)
    fetched.minhash = minhash.signature_bytes(data["text"])
    fetched.minhash_of = data["content_hash"]
    return fetched


def test_batches_are_clustered_as_they_are_written(tmp_path):
    # each batch bands and clusters its own signed articles in its transaction: the clusters
    # are a full pass's after every batch, and the crawl's close has nothing left to band
    db = open_archive(tmp_path / "news.db")
    rng = random.Random(33)
    stories = {n: story(rng) for n in range(1, 9)}
    write_batch(db, [signed(article(n, *stories[n])) for n in stories], 1, True)
    assert dedupe.cluster(db).banded == 8  # the first close bands the archive (no lsh_params)
    batches = [
        [signed(article(n, stories[n][0], edit(stories[n][1], 0.05, rng), "w.example"))
         for n in (1, 2, 3)],
        [signed(article(n, stories[n][0], edit(stories[n][1], 0.05, rng), "x.example"))
         for n in (1, 4)] + [signed(article(2, "Rewritten", story(rng)[1]))],
        [item(article(9, stories[5][0], edit(stories[5][1], 0.05, rng), "y.example"))],
    ]  # fmt: skip
    write_clustered(db, batches, first_run=2)
    # the last item came without a signature: its batch signed, banded and clustered it
    report = dedupe.cluster(db)
    assert (report.signatures, report.banded) == (0, 0)
    assert stored(db) == full_pass(db) and band_rows(db) == expected_bands(db)
    assert report.clusters == 4  # stories 1, 3, 4 and 5 with their copies; 2 was rewritten
    # with clustering off (no threshold) a batch leaves its articles to the close
    write_batch(db, [signed(article(10, *story(rng)))], 5, True)
    assert dedupe.cluster(db).banded == 1
    # another threshold than the bands were made for: the batch leaves them to the close
    write_batch(db, [signed(article(11, *story(rng)))], 6, True, None, None, 0.5)
    assert db.execute("SELECT count(*) FROM minhashes WHERE banded IS NULL").fetchone()[0] == 1


def test_a_first_close_clusters_in_chunks_as_in_one_pass(tmp_path):
    # a first crawl leaves every article to the close (no lsh_params yet); banding and
    # clustering them a few at a time gives the clusters and bands of one pass
    rng = random.Random(47)
    stories = {n: story(rng) for n in range(1, 11)}
    batch = [article(n, *stories[n]) for n in stories]
    batch += [
        article(n, stories[n][0], edit(stories[n][1], 0.05, rng), site)
        for n, site in ((1, "w.example"), (1, "x.example"), (4, "w.example"), (9, "y.example"))
    ]
    results = []
    for chunk in (3, 1000):
        db = open_archive(tmp_path / f"news-{chunk}.db")
        write_batch(db, [item(a) for a in batch], 1, True)
        report = dedupe.cluster(db, chunk=chunk)
        assert report.banded == len(batch) and report.clusters == 3
        assert stored(db) == full_pass(db) and band_rows(db) == expected_bands(db)
        assert not db.execute("SELECT 1 FROM lsh_recent").fetchall()  # all in lsh_bands
        results.append((stored(db), band_rows(db)))
    assert results[0] == results[1]


def test_a_new_archive_is_clustered_by_its_batches(tmp_path, monkeypatch):
    # a first crawl into a new archive bands and clusters each batch as it is written (its
    # texts changed after extraction signed there too), so its close has nothing left; an
    # archive never banded that holds more than CLOSE_CHUNK articles waits for the close
    rng = random.Random(52)
    stories = {n: story(rng) for n in range(1, 7)}
    batches = [
        [signed(article(n, *stories[n])) for n in (1, 2, 3)],
        [signed(article(n, stories[n][0], edit(stories[n][1], 0.05, rng), "w.example"))
         for n in (1, 2)] + [item(article(4, *stories[4]))],
        [item(article(n, stories[n][0], edit(stories[n][1], 0.05, rng), "x.example"))
         for n in (3, 4)] + [signed(article(n, *stories[n])) for n in (5, 6)],
    ]  # fmt: skip
    db = open_archive(tmp_path / "news.db")
    write_clustered(db, batches, first_run=1)
    report = dedupe.cluster(db)
    assert (report.signatures, report.banded, report.clusters) == (0, 0, 4)
    closed = tmp_path / "closed.db"  # the same batches left to the close: the same clusters
    monkeypatch.setattr(dedupe, "CLOSE_CHUNK", 2)
    old = open_archive(closed)
    for run, batch in enumerate(batches, 1):
        write_batch(old, batch, run, True, None, None, dedupe.THRESHOLD)
    assert old.execute("SELECT 1 FROM lsh_params").fetchone() is None
    assert dedupe.cluster(old).banded == sum(map(len, batches))
    assert stored(old) == stored(db)


def test_tokens_split_cjk_characters_only_when_there_are_some():
    # the substitution runs only on a text with a CJK character: the same words
    rng = random.Random(9)
    words = ["straße", "über", "日", "本", "語", "café"]
    assert minhash.tokens("Straße über 日本語, café") == words
    texts = ["".join(rng.choice("ab é日 \n.ſİ한") for _ in range(30)) for _ in range(200)]
    for text in texts:
        lower = text.lower()
        assert minhash.tokens(text) == minhash.WORD.findall(minhash.CJK.sub(r" \g<0> ", lower))


def test_the_known_bands_are_those_the_search_finds():
    from crawler import settings
    from pipelines.archive import dedupe

    assert (settings.DEDUPE_THRESHOLD, dedupe.NUM_PERM) in dedupe.KNOWN_BANDS  # the default's
    for (threshold, num_perm), known in dedupe.KNOWN_BANDS.items():
        assert dedupe.searched_bands(threshold, num_perm) == known
    assert dedupe.bands(0.5) == dedupe.searched_bands(0.5, dedupe.NUM_PERM)
