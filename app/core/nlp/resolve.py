"""Turn speaker mentions into names: fullest known name, pronouns and role nouns.

The resolver walks a document in text order. It knows the names that occur in
the document (PERSON entities of a trained pipeline, or capitalised runs of two
or more words with the blank one), the project glossary (canonical name ->
aliases), which title went with which name ("President Tokayev" makes "the
President" mean Tokayev), and the last named speaker, which pronouns refer to.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

from .lexicon import Lexicon
from .mentions import NAME, PRONOUN, ROLE, SELF, Mention
from .persons import FEMALE, MALE, gender_of, looks_like_person

__all__ = ["Resolver"]

_POSSESSIVE = re.compile(r"[’']s$")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


class Resolver:
    """Resolve mentions to speaker names for one document (create one per document).

    ``author`` is the document's own speaker (a speech's orator): first-person
    mentions ("I", "we") resolve to it, and to no one when it is not known.
    """

    def __init__(
        self,
        lex: Lexicon,
        names: Iterable[str] = (),
        glossary: Mapping[str, Sequence[str]] | None = None,
        name_positions: Sequence[tuple[int, str]] = (),
        author: str | None = None,
    ) -> None:
        self.lex = lex
        self.author = author.strip() if author and author.strip() else None
        self.glossary_alias: dict[str, str] = {}
        for canonical, aliases in (glossary or {}).items():
            self.glossary_alias[_norm(canonical)] = canonical
            for alias in aliases:
                self.glossary_alias[_norm(alias)] = canonical
        self._fullest: dict[str, str] = {}
        self.names = sorted({self._strip_titles(n) for n in names if n}, key=len, reverse=True)
        self.name_positions = sorted(name_positions)
        self.roles: dict[str, list[tuple[int, str]]] = {}  # role -> [(position, name)], ascending
        self.last_speaker: str | None = None
        self.gender: dict[str, str] = {}  # fullest name -> MALE/FEMALE when the text says it
        self.people: list[tuple[int, str]] = []  # (position, fullest name) of persons, ascending
        for pos, mention in self.name_positions:
            if pos >= 10**12:
                continue
            full = self.fullest(mention)
            if not full or not looks_like_person(full) or not looks_like_person(mention):
                continue
            self.people.append((pos, full))
            g = gender_of(full, mention[: max(0, len(mention) - len(self._strip_titles(mention)))])
            if g and full not in self.gender:
                self.gender[full] = g
        for pos, mention in self.name_positions:
            if lex.is_role_word(mention.split()[0]) and self._strip_titles(mention):
                self._learn_titles(mention, self.fullest(mention), pos)

    def _strip_titles(self, text: str) -> str:
        """The person part of a mention: the words after its last title or office word.

        "United States President Donald Trump" -> "Donald Trump"; "Senate Minority
        Leader" -> "" (a role only).
        """
        words = _POSSESSIVE.sub("", text.strip().strip(",")).split()
        joiners = ("of", "the")
        last_role = max((i for i, w in enumerate(words) if w.lower() not in joiners and (
            self.lex.is_role_word(w) or w.lower() in self.lex.determiners)), default=-1)
        person = words[last_role + 1 :]
        while person and person[0].lower() in joiners:
            # "Mayor of Gdańsk Paweł Adamowicz": the office's place goes with the office.
            person = person[2:] if person[0].lower() == "of" and len(person) > 2 else person[1:]
        if "of" in person:  # "Hassan Rouhani of Iran"
            person = person[: person.index("of")]
        return " ".join(person)

    def fullest(self, name: str) -> str:
        """The longest name known in the document or glossary that ends with (or is) ``name``."""
        hit = self._fullest.get(name)
        if hit is None:
            hit = self._fullest[name] = self._find_fullest(name)
        return hit

    def _find_fullest(self, name: str) -> str:
        alias = self.glossary_alias.get(_norm(name))
        if alias:
            return alias
        bare = self._strip_titles(name)
        alias = self.glossary_alias.get(_norm(bare))
        if alias:
            return alias
        if not bare:
            return name
        last = bare.split()[-1].lower()
        for known in self.names:  # longest first
            kw = known.lower().split()
            if kw and (kw[-1] == last or known.lower() == bare.lower()) and len(known) >= len(bare):
                return known
        return bare

    def _learn_titles(self, mention_text: str, resolved: str, pos: int) -> None:
        words = _POSSESSIVE.sub("", mention_text).split()
        titles = []
        for w in words:
            if self.lex.is_role_word(w) or w.lower() in self.lex.determiners:
                if w.lower() not in self.lex.determiners:
                    titles.append(w.lower())
            else:
                break
        keys = {" ".join(titles[-k:]) for k in range(1, len(titles) + 1)}
        for key in keys:
            entries = self.roles.setdefault(key, [])
            entries.append((pos, resolved))
            entries.sort(key=lambda e: e[0])

    def _role_name(self, role: str, pos: int) -> str | None:
        """The name last seen with title ``role`` before ``pos``."""
        best = None
        for p, name in self.roles.get(role, ()):
            if p > pos:
                break
            best = name
        return best

    def _fits(self, name: str, want: str | None) -> bool:
        return want is None or self.gender.get(name) in (None, want)

    def _pronoun(self, word: str, pos: int) -> tuple[str | None, float]:
        """The nearest compatible person: gender from titles, first names, earlier pronouns.

        Never a place, organisation or event for he/she. The last speaker wins when it fits and
        no other fitting person was named since; otherwise the nearest fitting person.
        """
        want = MALE if word in ("he", "он") else FEMALE if word in ("she", "она") else None
        nearest = None
        for p, name in self.people:
            if p >= pos:
                break
            if self._fits(name, want):
                nearest = name
        last = self.last_speaker if self.last_speaker and self._fits(self.last_speaker, want) else None
        if last and (nearest is None or nearest == last):
            name, conf = last, 0.8
        elif nearest and last:
            known = want is not None and self.gender.get(nearest) == want and self.gender.get(last) != want
            name, conf = (nearest, 0.7) if known else (last, 0.6)
        elif nearest:
            name, conf = nearest, 0.75 if want and self.gender.get(nearest) == want else 0.65
        else:
            return None, 0.3
        if want and name not in self.gender:
            self.gender[name] = want  # "she said": later pronouns about this person agree
        self.last_speaker = name
        return name, conf

    def last_name_before(self, pos: int) -> str | None:
        best = None
        for p, name in self.name_positions:
            if p >= pos:
                break
            best = name
        return self.fullest(best) if best else None

    def resolve(self, mention: Mention | None, pos: int) -> tuple[str | None, float]:
        """Speaker name and confidence for ``mention`` met at text position ``pos``."""
        if mention is None:
            return None, 0.0
        if mention.kind == SELF:
            # "I believe that …" in a speech is its own speaker, never the word "I"; a first-person
            # clause does not make its speaker the one later pronouns refer to.
            return (self.author, 0.8) if self.author else (None, 0.3)
        if mention.kind == NAME and not self._strip_titles(mention.text):
            mention = Mention(mention.start, mention.end, mention.text, ROLE)  # "Senate Minority Leader"
        if mention.kind == NAME:
            name = self.fullest(mention.text)
            if not name:
                return None, 0.0
            self._learn_titles(mention.text, name, pos)
            self.last_speaker = name
            if not self.lex.determiners and " " not in mention.text.strip():
                # No articles (Russian, Kazakh): one capitalised word may be a common noun at a
                # sentence start ("Полиция сказала"), not a name.
                return name, 0.6
            return name, 0.9
        if mention.kind == PRONOUN:
            return self._pronoun(mention.text.lower(), pos)
        if mention.kind == ROLE and mention.text.split()[0].lower() in self.lex.indefinites:
            return None, 0.85  # "a spokeswoman for the ministry": someone the text does not name
        if mention.kind == ROLE:
            key = _norm(mention.text)
            if key in self.glossary_alias:
                name = self.glossary_alias[key]
                self.last_speaker = name
                return name, 0.85
            bare = key
            words = [w for w in _POSSESSIVE.sub("", key).split() if w not in self.lex.determiners]
            role = " ".join(words)
            for candidate in (role, bare, words[-1] if words else ""):
                name = self._role_name(candidate, pos)
                if name:
                    self.last_speaker = name
                    return name, 0.8
            if self.last_speaker:
                return self.last_speaker, 0.55
            name = self.last_name_before(pos)
            return (name, 0.4) if name else (None, 0.3)
        return None, 0.0
