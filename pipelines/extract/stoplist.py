"""justext's stop-word list, built once per crawl instead of once per worker and per call.

trafilatura's last rescues run justext (``external.try_justext``, about one page in
twenty): with no target language it hands justext the union of all justext's stop-word
lists, a tuple of 154,000 words it builds the first time a process needs it
(``JT_STOPLIST``, about 70 ms), and justext turns that into a set of lower-cased words
through a cache keyed on the list (``justext.core.define_stoplist``, 50 ms the first
time; after that each call hashes the tuple's 154,000 words again to find it in the
cache, since a tuple keeps no hash: a justext call on real pages took 14.6 ms with the
tuple, 11.2 ms with the set, 31.6 and 12.6 ms on a busier machine, ``bench/reuse.py``).
``warm_up()`` gives trafilatura that set itself, a ``frozenset`` of lower-cased words,
and justext a ``define_stoplist`` that returns it as it is (justext's own would make an
equal set of new strings): the same words for every paragraph, so the same
classification, built once in the warm process the workers fork from
(``pipelines.extract.warm``): one set, 29 MB shared by the workers, instead of a tuple
and a set, 35 MB, in each worker that runs justext. Settings read: none. Stats: none.
"""

from __future__ import annotations

from collections.abc import Iterable

from justext import core as justext
from trafilatura import external

LIBRARY = justext.define_stoplist  # justext's own, which ``warm_up`` wraps


def define_stoplist(stoplist: Iterable[str]) -> frozenset[str]:
    """justext's ``define_stoplist``: the project's set is lower-cased already."""
    if isinstance(stoplist, frozenset) and stoplist is external.JT_STOPLIST:
        return stoplist
    return LIBRARY(stoplist)


def warm_up() -> None:
    """Give trafilatura justext's stop words as a lower-cased ``frozenset``, and justext a
    ``define_stoplist`` that takes it as it is."""
    if not isinstance(external.JT_STOPLIST, frozenset):
        words = external.JT_STOPLIST or external.jt_stoplist_init()
        external.JT_STOPLIST = frozenset(word.lower() for word in words)
    justext.define_stoplist = define_stoplist
