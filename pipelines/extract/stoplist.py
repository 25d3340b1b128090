"""justext's stop-word list, built once per crawl instead of once per worker and per call.

trafilatura's last rescues run justext (``external.try_justext``, about one page in
twenty): with no target language it hands justext the union of all justext's stop-word
lists, a tuple of 154,000 words it builds the first time a process needs it (``JT_STOPLIST``,
about 70 ms), and justext turns that into a set of lower-cased words through a cache keyed
on the list (``justext.core.define_stoplist``, 50 ms the first time, and 3 ms each call
after: a tuple's hash is not kept, so each call hashes all 154,000 words again).
``warm_up()`` gives trafilatura that set itself, a ``frozenset`` of lower-cased words,
whose hash Python keeps, and puts it in justext's cache: the same words for every
paragraph, so the same classification, built once in the warm process the workers fork
from (``pipelines.extract.warm``). Settings read: none. Stats: none.
"""

from __future__ import annotations

from justext.core import define_stoplist
from trafilatura import external


def warm_up() -> None:
    """Give trafilatura justext's stop words as a lower-cased ``frozenset``, cached."""
    if isinstance(external.JT_STOPLIST, frozenset):
        return
    words = define_stoplist(external.JT_STOPLIST or external.jt_stoplist_init())
    external.JT_STOPLIST = words
    define_stoplist(words)  # justext's cache now answers for the set itself
