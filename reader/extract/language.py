"""Guess the language of a text that does not declare one (text dumps, bare HTML).

Counts the most frequent function words of a few languages; answers only when one
language clearly leads, because a wrong guess is worse than none.
"""

from __future__ import annotations

import re

_STOPWORDS = {
    "en": "the of and to in is that for it was on with as he be at by this had not are but "
    "from or have an they which you were her all she there would their we him been has when "
    "who will more no if out so said what up its about into than them can only other new",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
    "auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über "
    "einen so zum war haben nur oder aber vor zur bis mehr durch man",
    "fr": "de la le et les des en un du une est pour que qui dans a par au pas sur plus ne il "
    "se ce sont avec son sa ses ou mais nous elle aux été cette leur comme on ont tout",
    "es": "de la que el en y a los se del las un por con no una su para es al lo como más pero "
    "sus le ya o fue este ha sí porque esta son entre está cuando muy sin sobre ser también",
    "it": "di e il la che in a per un è non del le si da una con i al dei come più anche ma "
    "della sono nel lo gli alla ha se delle questo o nella dalla era suo sua tra",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi "
    "ao ele das tem à seu sua ou ser quando muito há nos já está eu também",
    "nl": "de en van het een in is dat op te zijn met voor niet aan er die ook als bij door "
    "maar om nog dan wel naar uit was ze hij tot over worden wordt heeft hebben",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 20_000


def guess_language(text: str) -> str | None:
    words = _WORD.findall(text[:_SAMPLE_CHARS].lower())
    if len(words) < 20:
        return None
    scores = {lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in _SETS.items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, score), (_, runner_up) = ranked[0], ranked[1]
    if score >= 0.15 and score >= runner_up * 1.5:
        return best
    return None
