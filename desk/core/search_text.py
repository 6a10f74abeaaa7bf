"""Turning what a caller says into search terms: words, contractions, stems and slang.

Everything here is policy-independent. Words that belong to one topic (messenger, voicemail,
friend request) come from the policy's keywords and phrasings; this module only knows how
people write on a phone: contractions without apostrophes, suffixes, irregular verbs, and
slang or brand names that stand for a plain word (fb, insta, txt, zoom).
"""

from __future__ import annotations

import re
from collections.abc import Set

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_CONTRACTION_RE = re.compile(r"(?:(?<=\w)n't|'(?:m|re|ve|ll|d|s))\b")
_SPLIT_RE = re.compile(r"[^a-z0-9]+")
_IRREGULAR_NOT_RE = re.compile(r"\b(ca|wo|sha) not\b")
_IRREGULAR_NOT = {"ca": "can not", "wo": "will not", "sha": "shall not"}
_CONTRACTION_SUFFIX = {
    "n't": " not",
    "'m": " am",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'d": " would",
    "'s": "",
}


def word_list(text: str) -> list[str]:
    """The words of a whitespace-separated literal; keeps long word lists readable as data."""
    return text.split()


#: Contractions typed without the apostrophe, as callers and phone keyboards write them.
BARE_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "wasnt": ("was", "not"),
    "arent": ("are", "not"),
    "werent": ("were", "not"),
    "wont": ("will", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "couldnt": ("could", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "aint": ("is", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "whats": ("what", "is"),
    "hes": ("he",),
    "shes": ("she",),
    "thats": ("that",),
    "theres": ("there",),
    "wheres": ("where",),
    "hows": ("how",),
    "wanna": ("want", "to"),
    "gonna": ("going", "to"),
    "gotta": ("got", "to"),
    "hafta": ("have", "to"),
    "lemme": ("let", "me"),
    "kinda": ("kind", "of"),
    "dunno": ("do", "not", "know"),
    "u": ("you",),
    "ur": ("your",),
    "r": ("are",),
    "y": ("why",),
    "pls": ("please",),
    "plz": ("please",),
    "thx": ("thanks",),
}

#: Words that carry no topic on their own, including phone filler ("um", "like", "just").
STOPWORDS: frozenset[str] = frozenset(
    word_list("""
    a about above after again all also am an and any anybody anyone anything are as at
    be because been before being both but by could can did do does doing done down during
    each either else even ever every for from further had has have having he her here hers
    herself him himself his i if in into is it its itself just me might more most must my
    myself no nor not now of off on once one only or other our ours ourselves out over own
    same she should so some somebody someone something such than that the their theirs them
    themselves then there these they this those through to too under until up upon us very
    was we were what whatever when whenever where which while who whom whose will with
    would yet you your yours yourself yourselves
    hi hello hey um umm uh uhh er erm ah oh ok okay okey alright yeah yes yep no nope
    please thanks thank sorry hmm well like so basically actually really just maybe
    anyway anyways kind sort lol gonna wanna quick quickly question ask asking wondering
    wonder wondered know knew wanted want wants think thought guess sure mean means
    get got getting go going gone still already though also things thing stuff bit
    little lot lots much many way ways time day today tomorrow tonight week
    mr mrs ms miss dr sir maam yall guys folks
    how come came coming look looking need needs needed let make try trying tried give
    say says said saying work works worked working keep keeps kept help helps helping
    """)
)

#: Words naming the people every question is about; they say little about which topic it is.
GENERIC_WORDS: frozenset[str] = frozenset(
    word_list(
        """
        counselor counselors counsellor counsellors therapist therapists counseling counselling
        counsel client clients doctor doctors provider providers clinician clinicians
        """
    )
)
#: How much a generic word counts next to a topical one.
GENERIC_WEIGHT = 0.25

#: Irregular forms the suffix stripper cannot reach.
IRREGULAR: dict[str, str] = {
    "left": "leave",
    "sent": "send",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "told": "tell",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "heard": "hear",
    "saw": "see",
    "seen": "see",
    "said": "say",
    "rang": "ring",
    "rung": "ring",
    "met": "meet",
    "using": "use",
    "used": "use",
    "children": "child",
    "kids": "kid",
    "people": "person",
}

#: Slang, brands and spellings that stand for plain words. The original word is kept as well,
#: so a policy keyword for the slang itself still matches.
SYNONYMS: dict[str, str] = {
    # social networks
    "fb": "facebook",
    "fbook": "facebook",
    "facebk": "facebook",
    "insta": "instagram",
    "ig": "instagram",
    "instagramm": "instagram",
    "tweet": "twitter",
    "tweeted": "twitter",
    "linkdin": "linkedin",
    "linkedln": "linkedin",
    "tik": "tiktok",
    # messaging
    "dm": "direct message",
    "dms": "direct message",
    "dmed": "direct message",
    "dming": "direct message",
    "pm": "private message",
    "pms": "private message",
    "msg": "message",
    "msgs": "message",
    "mesage": "message",
    "messege": "message",
    "wa": "whatsapp",
    # texting
    "txt": "text",
    "txts": "text",
    "txting": "text",
    "txted": "text",
    "texed": "text",
    "sms": "text",
    "textmessage": "text message",
    # email
    "mail": "email",
    "emailed": "email",
    "emails": "email",
    "gmail": "email",
    "hotmail": "email",
    "yahoo": "email",
    "outlook": "email",
    "addy": "address",
    # phone
    "ph": "phone",
    "fone": "phone",
    "phne": "phone",
    "telephone": "phone",
    "tel": "phone",
    "ring": "call",
    "buzz": "call",
    "callback": "call back",
    "vm": "voicemail",
    "vmail": "voicemail",
    "voicemal": "voicemail",
    "machine": "voicemail",
    # video and remote sessions
    "zoom": "video telehealth",
    "facetime": "video telehealth",
    "skype": "video telehealth",
    "webex": "video telehealth",
    "doxy": "video telehealth",
    "doxyme": "video telehealth",
    "googlemeet": "video telehealth",
    "videocall": "video telehealth",
    "vid": "video",
    "webcam": "video",
    "camera": "video",
    "telehealth": "telehealth video",
    "telemedicine": "telehealth",
    "teletherapy": "telehealth",
    "telemental": "telehealth",
    "telecounseling": "telehealth",
    "virtual": "telehealth",
    "virtually": "telehealth",
    "remote": "telehealth",
    "remotely": "telehealth",
    # sessions
    "appt": "appointment session",
    "appointment": "session",
    "appointments": "session",
    "sesh": "session",
    "therapy": "session",
    # the web
    "web": "website",
    "webpage": "website",
    "url": "website",
    "www": "website",
    "com": "website",
    "homepage": "website",
    # counselors
    "counsellor": "counselor",
    "counsler": "counselor",
    "councelor": "counselor",
    "councilor": "counselor",
    "counseler": "counselor",
    "conselor": "counselor",
    "counsilor": "counselor",
    "therapist": "counselor",
    "therapists": "counselor",
    "therapis": "counselor",
    "therpist": "counselor",
    "theripist": "counselor",
    "shrink": "counselor",
    "clinician": "counselor",
    "provider": "counselor",
    # privacy
    "privacy": "private",
    "privately": "private",
    "confidentiality": "confidential",
    "confidentially": "confidential",
    "secret": "private",
}

_SUFFIX_KEEP = ("ss", "us", "is", "ous")


def normalize(text: str) -> list[str]:
    """Lower-case words with contractions expanded; punctuation and apostrophes dropped."""
    text = text.lower().translate(_APOSTROPHES)
    if "'" in text:
        text = _CONTRACTION_RE.sub(_expand_contraction, text)
        if " not" in text:
            text = _IRREGULAR_NOT_RE.sub(_expand_irregular_not, text)
        text = text.replace("'", "")
    words: list[str] = []
    for raw in _SPLIT_RE.split(text):
        if not raw:
            continue
        expanded = BARE_CONTRACTIONS.get(raw)
        if expanded is None:
            words.append(raw)
        else:
            words.extend(expanded)
    return words


def _expand_contraction(match: re.Match[str]) -> str:
    return _CONTRACTION_SUFFIX[match.group(0)]


def _expand_irregular_not(match: re.Match[str]) -> str:
    return _IRREGULAR_NOT[match.group(1)]


def stem(word: str) -> str:
    """A small suffix stripper: plurals, -ing, -ed, -ly and a final e.

    It only has to map the forms callers use onto the same key as the policy's own words;
    both sides go through it, so odd stems ("messag") do no harm.
    """
    irregular = IRREGULAR.get(word)
    if irregular is not None:
        word = irregular
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(_SUFFIX_KEEP):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            elif len(word) == 3 and _is_cvc(word):
                word += "e"  # "liked", "waking", "hoping" meet "like", "wake", "hope"
            break
    if word.endswith("ly") and len(word) >= 6:
        word = word[:-2]
    if word.endswith("e") and len(word) >= 5:
        word = word[:-1]
    return word


def _is_cvc(word: str) -> bool:
    vowels = "aeiou"
    return word[0] not in vowels and word[1] in vowels and word[2] not in vowels + "wxy"


def merge_compounds(words: list[str], known: Set[str]) -> list[str]:
    """Join neighbours that are one known word split in two ("face book", "e mail").

    Args:
        words: normalized words.
        known: words that count as one word (the index vocabulary and slang keys).
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            joined = words[i] + words[i + 1]
            if joined in known or (joined[-1] == "s" and joined[:-1] in known):
                out.append(joined)
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out


def trigrams(word: str) -> set[str]:
    """Character trigrams of a word padded with start and end marks."""
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def edit_distance_within(a: str, b: str, limit: int) -> int | None:
    """Optimal-string-alignment distance between a and b if it is at most `limit`, else None.

    Adjacent transpositions ("emial") count as one edit, as callers make them.
    """
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return None
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ai = a[i - 1]
        row_min = i
        for j in range(1, lb + 1):
            cost = 0 if ai == b[j - 1] else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            if value < row_min:
                row_min = value
        if row_min > limit:
            return None
        prev2, prev = prev, cur
    return prev[lb] if prev[lb] <= limit else None


def typo_limit(word: str) -> int:
    """How many edits a word of this length may carry and still be recognised."""
    n = len(word)
    if n < 4:
        return 0
    return 1 if n <= 6 else 2
