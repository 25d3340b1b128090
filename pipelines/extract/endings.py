"""Headings that open what a page puts after its article, in the project's languages.

After the last paragraph of an article, pages add sections of their own under a short
heading: the author's or reviewer's biography ("About the author", "Über den Autor",
"Tentang penulis"), sources and references, a disclaimer, a FAQ block, tags, a newsletter
prompt, "related" and "read next" lists. ``is_end_heading(line)`` says whether one paragraph is
such a heading: a label of ``END_LABELS`` at its start, then at most a short remainder
("FAQs about this recipe", "About the author: Jane Doe") with no sentence end. A heading
alone is no proof (articles have sections called "References" or "FAQ" that are theirs):
``pipelines.extract.opinion`` cuts the text there only when a second extractor's text
ends right before it. A heading with nothing after it is no part of the article at all:
``drop_dangling_headings(text)`` drops the text's last lines while each is such a heading
or a label of the site's other pages (``MORE_LABEL``: "Discover more from ...", "You'll
also love", "Back to our picks"), ``DANGLING_WORDS`` words or fewer; the first line always
stays. Languages: English, Indonesian/Malay, French, German, Spanish,
Portuguese, Italian, Dutch, Arabic, Chinese, Japanese, Korean, Russian, Turkish.
Plain functions; no Scrapy. Settings read: none. Stats: none.
"""

from __future__ import annotations

import re

from pipelines.extract.notices import TEASER_LABELS

END_LABELS = [
    # about the author / reviewer, written by
    r"about the (?:authors?|reviewers?|writers?|experts?)|written by|reviewed by"
    r"|tentang (?:penulis|pengarang)|ditulis oleh|à propos de l'auteur|(?:à propos de )?l'auteur"
    r"|écrit par|über (?:den|die) autor(?:in)?|zum autor|zur autorin|geschrieben von"
    r"|sobre (?:el|la|o|a) autora?|escrito por|sull'autore|l'autore|scritto da"
    r"|over de (?:auteur|schrijver)|geschreven door|عن الكاتب|عن المؤلف|بقلم|关于作者|關於作者"
    r"|作者简介|作者簡介|著者について|執筆者|筆者について|저자 소개|기자 소개|об авторе"
    r"|yazar hakkında",
    # sources and references
    r"(?:article )?(?:sources|references|citations|bibliography)|referensi|daftar pustaka"
    r"|références|quellen(?:angaben)?|literatur(?:verzeichnis)?|einzelnachweise|referencias"
    r"|fuentes|bibliografía|referências|fontes|riferimenti|fonti|bronnen|المراجع|المصادر"
    r"|参考文献|参考资料|參考資料|出典|참고 ?문헌|출처|источники|литература|kaynaklar",
    # disclaimers
    r"disclaimers?|penafian|avertissement|haftungsausschluss|descargo de responsabilidad"
    r"|aviso legal|isenção de responsabilidade|esclusione di responsabilità|إخلاء المسؤولية"
    r"|免责声明|免責聲明|免責事項|면책 ?조항|отказ от ответственности|sorumluluk reddi",
    # questions and answers
    r"faqs?|frequently asked questions|pertanyaan (?:yang sering diajukan|umum)"
    r"|questions fréquentes|foire aux questions|häufig gestellte fragen|häufige fragen"
    r"|preguntas frecuentes|perguntas frequentes|domande frequenti|veelgestelde vragen"
    r"|الأسئلة الشائعة|常见问题|常見問題|よくある質問|자주 묻는 질문|часто задаваемые вопросы"
    r"|sıkça sorulan sorular",
    # tags, newsletter, more of the site
    r"tags?|filed under|schlagwörter|étiquettes|etiquetas|标签|標籤|タグ|태그|теги|etiketler"
    r"|subscribe(?: to \w+)?|newsletter|recommended|related|more (?:from|like this|to read)"
    r"|(?:you (?:may|might) )?also like|read (?:this|these) next|up next|keep reading"
    r"|what to read next",
]
END_HEADING = re.compile(
    r"^\W*(?:" + "|".join(END_LABELS) + r")\b[^.!?。！？]{0,60}[:：?？]?\s*$", re.IGNORECASE
)


def is_end_heading(line: str) -> bool:
    """Whether ``line`` is a heading that opens a page's tail (see the module)."""
    return bool(END_HEADING.match(line))


DANGLING_WORDS = 10  # a heading or a label; a longer last line is a sentence
# other pages' labels beyond the "read also" ones of ``notices.TEASER_LABELS``
MORE_ONLY = [
    r"discover more from", r"other posts", r"you['’]?ll also (?:love|like)", r"explore more",
    r"see more", r"next article", r"previous article", r"back to", r"mehr (?:von|aus)",
    r"weitere artikel", r"vous aimerez aussi", r"plus d['’]articles", r"más de", r"mais de",
    r"altri articoli", r"meer van", r"artikel lainnya",
]  # fmt: skip
MORE_LABEL = re.compile(
    r"^\W*(?:" + "|".join([*TEASER_LABELS, *MORE_ONLY]) + r")\b[^.!?。！？]{0,60}"
    r"(?:[:：]|\.\.\.|…)?\s*$",
    re.IGNORECASE,
)


def is_dangling(line: str) -> bool:
    """Whether ``line``, the text's last, is a tail's heading or a label of other pages."""
    if len(line.split()) > DANGLING_WORDS:
        return False
    return bool(END_HEADING.match(line) or MORE_LABEL.match(line))


def drop_dangling_headings(text: str) -> str:
    """``text`` without the headings and labels it ends with (see the module)."""
    lines = text.split("\n")
    end = len(lines)
    while end > 1 and (not lines[end - 1].strip() or is_dangling(lines[end - 1])):
        end -= 1
    if end == len(lines) or not any(line.strip() for line in lines[:end]):
        return text
    return "\n".join(lines[:end]).rstrip()
