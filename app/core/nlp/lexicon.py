"""Word lists per language: speech verbs, pronouns, role nouns, titles.

Verbs are listed as lemmas and the common inflected forms, so attribution works
both with a lookup lemmatizer and without one (languages spaCy has no table for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Lexicon", "lexicon_for", "cue_pattern"]


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]  # verbs that introduce direct or reported speech
    indirect_verbs: frozenset[str]  # verbs that take a "that"-clause of reported speech or view
    complementizers: frozenset[str]  # "that"
    pronouns: frozenset[str]  # personal pronouns that can stand for a speaker
    role_nouns: frozenset[str]  # lower-case heads of role phrases ("president", "head of state")
    titles: frozenset[str]  # words before a name that are not part of it ("President", "Mr")
    determiners: frozenset[str]  # "the", "his" before a role noun
    role_words: frozenset[str] = frozenset()  # lower-case words of titles and offices ("minority", "whip")
    first_person: frozenset[str] = frozenset()  # "I", "we": the document's own speaker (its author)
    non_speakers: frozenset[str] = frozenset()  # "it", "you", "my": words that never begin or are a speaker
    speech_stems: tuple[str, ...] = ()  # stems of inflected speech verbs ("сказа" for сказал, сказала, …)
    addressee_verbs: frozenset[str] = frozenset()  # "told": the noun phrase after it is spoken to, not speaking
    indefinites: frozenset[str] = frozenset()  # "a", "an": "a spokeswoman" is an unnamed speaker
    clause_verbs: frozenset[str] = frozenset()  # verbs reporting a clause without "that" ("said he would")
    sources: frozenset[str] = frozenset()  # "according to", "по данным": the source comes after
    function_words: frozenset[str] = frozenset()  # never the first word of a name ("Regarding", "In")

    def is_role_word(self, word: str) -> bool:
        """True for a word of a title or office, so "Interior Minister" is not part of a person's name."""
        w = word.lower().strip(".,")
        return (
            w in self.role_words
            or w in self.role_nouns
            or word in self.titles
            or any(p in self.role_words for p in w.split("-") if p)
        )

    def _stem(self, lower: str) -> bool:
        return any(lower.startswith(s) and len(lower) > len(s) for s in self.speech_stems)

    def is_speech_verb(self, lower: str, lemma: str) -> bool:
        return lower in self.speech_verbs or lemma in self.speech_verbs or self._stem(lower)

    def is_indirect_verb(self, lower: str, lemma: str) -> bool:
        return lower in self.indirect_verbs or lemma in self.indirect_verbs or self._stem(lower)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


_EN_SPEECH = _words(
    """say says said saying tell tells told add adds added stress stresses stressed note notes noted
    emphasize emphasizes emphasized emphasise emphasised underline underlined underscore underscored
    state states stated declare declared announce announced explain explained remark remarked
    reply replied respond responded answer answered ask asked continue continued conclude concluded
    write wrote writes tweet tweeted insist insisted argue argued claim claimed warn warned
    recall recalled remind reminded point pointed observe observed comment commented affirm affirmed
    acknowledge acknowledged admit admitted mention mentioned urge urged call called suggest suggested
    assert asserted report reported quote quoted exclaim exclaimed promise promised vow vowed
    announces explains replies continues concludes insists argues claims warns recalls reminds points
    observes comments urges suggests reports mentions admits acknowledges affirms declares
    caution cautioned cautions reveal revealed reveals maintain maintained maintains allege alleged
    alleges reiterate reiterated reiterates reaffirm reaffirmed reaffirms complain complained
    describe described describes describing term termed dub dubbed calling
    posted speaking telling adding noting stressing insisting arguing warning claiming writing"""
)
_EN_INDIRECT = _EN_SPEECH | _words(
    """believe believes believed think thinks thought consider considers considered feel feels felt
    hope hopes hoped expect expects expected agree agrees agreed deny denies denied confirm confirms
    confirmed convinced express expressed expresses allege alleges alleged estimate estimated predict predicted fear feared"""
)
_EN_FUNCTION = _words(
    """it you me us my our your myself ourselves yourself this that these those there here which who
    what whom one everyone everybody someone somebody anyone nobody nothing something all both each
    many some few most fellow as and but so now today then when while if in on at for with to"""
)
_EN = Lexicon(
    speech_verbs=_EN_SPEECH,
    indirect_verbs=_EN_INDIRECT,
    complementizers=_words("that"),
    pronouns=_words("he she they"),
    role_nouns=frozenset(
        {
            "president", "head of state", "prime minister", "minister", "chairman", "chair", "leader",
            "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "senator", "secretary",
            "chancellor", "king", "queen", "speaker", "ambassador", "official", "officials", "police",
            "premier", "representative", "director", "ceo", "head", "judge", "prosecutor", "general",
            "agency", "ministry", "newspaper", "broadcaster", "government", "company", "statement",
        }
    ),
    titles=frozenset(
        {
            "President", "Prime", "Minister", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
            "Senator", "Governor", "Mayor", "Chancellor", "Secretary", "General", "Speaker", "Premier",
            "Chairman", "King", "Queen", "Prince", "Ambassador", "Foreign", "Defence", "Defense", "State",
            "Deputy", "Vice", "US", "U.S.", "Russian", "Turkish", "Kazakh", "Representative", "Rep.", "Sen.",
        }
    ),
    determiners=_words("the his her their its our"),
    role_words=_words(
        """president prime minister deputy vice ex former acting senate house minority majority leader whip
        speaker interior foreign health defence defense finance justice economy state secretary general
        chief executive police spokesman spokeswoman spokesperson governor mayor senator chancellor
        chairman chairwoman chair head of the regional emergency situations emergencies mr mrs ms dr
        sir lord king queen prince ambassador premier representative rep sen us u.s. united states
        russian turkish kazakh polish french german british american iranian ukrainian kremlin
        prosecutor judge director ceo founder minister's president's opposition party mp mps
        lawmaker legislator adviser advisor envoy commissioner official officials spokesman's"""
    ),
    first_person=_words("i we"),
    non_speakers=_EN_FUNCTION,
    addressee_verbs=_words("tell tells told telling"),
    indefinites=_words("a an one another some several two three"),
    clause_verbs=_words(
        """say says said tell tells told announce announced announces add added adds note noted notes
        state stated states claim claimed claims argue argued argues warn warned warns insist insisted
        insists acknowledge acknowledged admit admitted believe believes believed think thinks thought
        confirm confirmed confirms report reported reports write wrote writes tweet tweeted explain
        explained stress stressed emphasise emphasised emphasize emphasized suggest suggested reveal
        revealed underline underlined underlined reaffirm reaffirmed maintain maintained allege alleged
        caution cautioned expect expects expected estimate estimated predict predicted fear feared
        hope hoped deny denied assert asserted declare declared remark remarked observe observed
        conclude concluded concede conceded reiterate reiterated mention mentioned agree agreed"""
    ),
    sources=_words("according"),
    function_words=_EN_FUNCTION | _words(
        """regarding according following during after before despite under since about against among
        between by from into over through toward towards upon within without speaking asked meanwhile
        however also yesterday tomorrow last next earlier later monday tuesday wednesday thursday
        friday saturday sunday january february march april may june july august september october
        november december"""
    ),
)

_RU = Lexicon(
    speech_verbs=_words(
        """сказать сказал сказала сказали заявить заявил заявила заявили отметить отметил отметила
        подчеркнуть подчеркнул подчеркнула добавить добавил добавила сообщить сообщил сообщила
        пояснить пояснил пояснила напомнить напомнил напомнила ответить ответил ответила
        указать указал указала говорить говорит говорил говорила считать считает считал"""
    ),
    indirect_verbs=_words(
        """сказать сказал сказала заявить заявил заявила отметить отметил отметила подчеркнуть
        подчеркнул подчеркнула добавить добавил добавила сообщить сообщил сообщила напомнить
        напомнил напомнила считать считает считал считала уверен уверена полагать полагает"""
    ),
    complementizers=_words("что"),
    pronouns=_words("он она они"),
    role_nouns=frozenset({"президент", "глава государства", "премьер-министр", "министр", "председатель",
                          "представитель", "глава", "спикер", "пресс-секретарь", "посол", "губернатор"}),
    titles=frozenset({"Президент", "Премьер-министр", "Министр", "Председатель", "Глава", "господин",
                      "госпожа", "г-н", "г-жа", "президент", "министр"}),
    determiners=frozenset(),
    role_words=_words(
        """президент премьер-министр министр председатель глава государства правительства представитель
        господин госпожа г-н г-жа спикер посол губернатор мэр депутат сенатор генеральный секретарь
        основательница основатель директор руководитель эксперт аналитик"""
    ),
    first_person=_words("я мы"),
    non_speakers=_words("это то так как и но а или если когда же ли не уже ещё еще все всё там тут здесь"),
    speech_stems=(
        "сказа", "заяви", "заявля", "отмети", "отмеча", "подчеркну", "подчеркива", "подчёркива", "добави",
        "добавля", "сообщи", "сообща", "поясни", "поясня", "напомни", "напомина", "ответи", "отвеча",
        "указа", "указыва", "говор", "счита", "пише", "пишу", "написа", "объясня", "объясни", "рассказа",
        "рассказыва", "призна", "замети", "замеча", "уточни", "предупреди", "предупрежда", "утвержда",
        "полага", "увер", "призва", "призыва", "настаива", "считае",
    ),
    clause_verbs=frozenset(),
    sources=_words("по данным словам сообщению мнению"),
    function_words=_words("по в на о об с со к от для при после до из за же и а но"),
)

_KK = Lexicon(
    speech_verbs=_words(
        """деді деп деген айтты мәлімдеді хабарлады жазды түсіндірді атап өтті қосты сөзінше"""
    ),
    indirect_verbs=_words("деп деді айтты мәлімдеді хабарлады"),
    complementizers=frozenset(),
    pronouns=_words("ол олар"),
    role_nouns=frozenset({"мемлекет басшысы", "президент", "премьер-министр", "министр", "басшысы"}),
    titles=frozenset({"Президент", "Премьер-министр", "Министр", "Мемлекет", "басшысы"}),
    determiners=frozenset(),
    role_words=_words("мемлекет басшысы президент премьер-министр министр төраға ұлы"),
    first_person=_words("мен біз"),
    speech_stems=("мәлімде", "хабарла", "айт", "түсіндір"),
    function_words=frozenset(),
)

_TR = Lexicon(
    speech_verbs=_words(
        """de dedi diye söyle söyledi ifade etti belirt belirtti vurgula vurguladı ekle ekledi
        açıkla açıkladı kaydet kaydetti konuş konuştu"""
    ),
    indirect_verbs=_words("dedi söyledi belirtti vurguladı ekledi açıkladı kaydetti düşünüyor"),
    complementizers=frozenset({"ki"}),
    pronouns=_words("o onlar"),
    role_nouns=frozenset({"cumhurbaşkanı", "devlet başkanı", "başbakan", "bakan", "başkan"}),
    titles=frozenset({"Cumhurbaşkanı", "Başbakan", "Bakan", "Başkan", "Sayın"}),
    determiners=frozenset(),
)

_BY_LANGUAGE = {"en": _EN, "ru": _RU, "kk": _KK, "tr": _TR}


def lexicon_for(language: str) -> Lexicon:
    """The lexicon for a language code; English when there is none for it.

    English is the fallback because the speech verbs of a foreign-language text
    quoted in English news are still English words, and an empty lexicon would
    find nothing at all.
    """
    base = language.split(",")[0].strip().split("-")[0].split("_")[0].lower()
    return _BY_LANGUAGE.get(base, _EN)


@lru_cache(maxsize=None)
def cue_pattern(lex: Lexicon) -> "re.Pattern[str]":
    """A regular expression matching any word that can make a sentence reported speech."""
    words = lex.speech_verbs | lex.indirect_verbs | lex.clause_verbs | lex.sources | lex.complementizers
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    stems = [re.escape(s) + r"\w+" for s in lex.speech_stems]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives + stems + ["words"]) + r")(?!\w)", re.IGNORECASE)
