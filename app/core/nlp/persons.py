"""Is a name a person, and which pronoun fits it: titles, a first-name lexicon, name shapes.

Pronoun resolution ("she said") needs two facts the blank pipeline does not give:
whether a capitalised run is a person at all ("Eastern Mediterranean", "Channel 4" and
"the Islamic State" are not), and the person's gender when the text says it (Mr, Ms, Mrs;
a first name whose gender is near-certain; Russian and Kazakh surname endings). Unknown
stays unknown: a pronoun then fits the person, with less confidence.
"""

from __future__ import annotations

import re

__all__ = ["MALE", "FEMALE", "gender_of", "looks_like_person", "NOT_PERSON_WORDS"]

MALE, FEMALE = "m", "f"

_MALE_TITLES = frozenset("mr mr. sir lord king prince господин г-н мистер".split())
_FEMALE_TITLES = frozenset("ms ms. mrs mrs. miss madam lady queen princess госпожа г-жа миссис".split())

# Common first names whose gender is near-certain in news; not exhaustive, a name missing here
# is "unknown", never wrong.
_MALE_NAMES = frozenset(
    """john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
    jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
    samuel frank gregory alexander patrick jack dennis jerry tyler aaron henry peter adam nathan
    douglas zachary walter kyle harold carl jeremy keith roger gerald ethan arthur terry christian sean
    lawrence austin joe noah jesse albert bryan billy bruce willie jordan dylan alan ralph gabriel roy
    juan wayne eugene louis russell vincent philip bobby johnny bradley boris vladimir dmitry sergei
    sergey alexei alexey nikolai mikhail ivan igor oleg yuri andrei andrey viktor kassym nursultan
    askar karim bakytzhan recep tayyip hassan mohammad mohammed muhammad ali ahmed mahmoud emmanuel
    pierre francois jacques nicolas volodymyr xi mike alex""".split()
)
_FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
    katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
    joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
    jacqueline frances gloria ann teresa kathryn sara janice alice madison doris abigail julia
    judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie
    isabella charlotte rose alexis kayla jane ursula valentina tatiana tatyana olga irina natalia
    natalya svetlana elena yelena ekaterina yekaterina marina""".split()
)

# Words that make a capitalised run a place, organisation, event or thing, never a person.
NOT_PERSON_WORDS = frozenset(
    """mediterranean sea ocean gulf river mountains island islands union council party ministry
    department agency forces army navy court congress parliament senate house assembly university
    republic kingdom states state institute bank fund organization organisation commission committee
    government news times post mail press channel network corporation company international foundation
    association league conference summit games festival war day street city airport hall museum
    church school hospital office group bureau service services police guard federation coalition
    movement front alliance treaty act law bill declaration strategy programme program project
    pipeline zone area region province county district square avenue road station world cup
    olympics reuters bbc cnn nbc pbs tass interfax afp ap guardian telegraph tv radio daily weekly
    facebook twitter youtube telegram google apple microsoft amazon northern southern eastern western
    central national federal democratic republican labour conservative liberal socialist communist
    european american asian african arab islamic brigade unit squad team division directorate
    inspectorate authority administration cabinet embassy consulate headquarters command
    prosecutors investigators""".split()
)

_RU_FEMALE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$")
_RU_MALE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой|ий)$")


def _words(name: str) -> list[str]:
    return [w.strip(".,").lower() for w in name.split() if w.strip(".,")]


def gender_of(name: str, title: str | None = None) -> str | None:
    """``MALE``, ``FEMALE`` or None for a person's name (with the title written before it, if any)."""
    if title:
        t = title.lower().split()[-1] if title.split() else ""
        if t in _MALE_TITLES:
            return MALE
        if t in _FEMALE_TITLES:
            return FEMALE
    words = _words(name)
    if not words:
        return None
    for w in words:
        if w in _MALE_TITLES:
            return MALE
        if w in _FEMALE_TITLES:
            return FEMALE
    first = words[0]
    if first in _MALE_NAMES:
        return MALE
    if first in _FEMALE_NAMES:
        return FEMALE
    last = words[-1]
    if re.search(r"[а-яё]", last) and len(words) >= 1:
        if _RU_FEMALE_SURNAME.search(last):
            return FEMALE
        if _RU_MALE_SURNAME.search(last):
            return MALE
    return None


def looks_like_person(name: str) -> bool:
    """False for names that are places, organisations, events or acronyms ("Eastern Mediterranean", "SDF")."""
    raw = [w for w in name.split() if w]
    if not raw:
        return False
    if any(w.strip(".,").lower() in NOT_PERSON_WORDS for w in raw):
        return False
    if len(raw) == 1 and raw[0].isupper() and len(raw[0]) > 1:
        return False  # an acronym: "SDF", "NATO", "ТАСС"
    if any(ch.isdigit() for ch in name):
        return False  # "Channel 4", "Republic Act No. 3846"
    return True
