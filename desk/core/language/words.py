"""The words callers use, as data: contractions, stopwords, stems, slang and idioms.

Read by `desk.core.language.text` (and the crisis signs) to turn a question into search terms.
Everything here is policy-independent: words that belong to one topic (messenger, voicemail,
friend request) come from the policy's keywords and phrasings. These lists only know how
people write on a phone: contractions without apostrophes, filler, irregular verbs, and slang
or brand names that stand for a plain word (fb, insta, txt, zoom).
"""

from __future__ import annotations


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
    "hed": ("he", "would"),
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
    find finds finding found behind around within without
    little lot lots much many way ways time day today tomorrow tonight week
    mr mrs ms miss dr sir maam yall guys folks
    how look looking need needs needed let make try trying tried give
    say says said saying work works worked working keep keeps kept help helps helping
    """)
)

#: Words naming the people every question is about; they say little about which topic it is.
GENERIC_WORDS: frozenset[str] = frozenset(
    word_list(
        """
        counselor counselors counsellor counsellors therapist therapists
        client clients doctor doctors provider providers clinician clinicians
        """
    )
)
#: How much a generic word counts next to a topical one.
GENERIC_WEIGHT = 0.25

#: Words that lean to a topic only a little: asking for "info" fits any topic, and
#: "counseling" is the service ("online counseling") as often as part of a practice's name.
WEAK_WORDS: frozenset[str] = frozenset(word_list("info information details counseling counselling"))
#: How much a weak word counts.
WEAK_WEIGHT = 0.4

#: Index terms that ask for the reason behind a rule ("why", and "reason" through SYNONYMS).
REASON_TERMS: frozenset[str] = frozenset({"why"})
#: Words that, after a reason word, make the caller the one asking to do something ("why can't
#: I text her"; not "I read that..., why is that"). Such a caller needs that channel's answer,
#: which carries the reason, so the reason word counts as a weak word; a question about the
#: rule itself ("why do you have this policy") keeps it whole.
SELF_WORDS: frozenset[str] = frozenset({"i", "we", "me", "us"})

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
    "pmed": "private message",
    "pming": "private message",
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
    "txtd": "text",
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
    "addr": "address",
    "adr": "address",
    # phone
    "ph": "phone",
    "fone": "phone",
    "phne": "phone",
    "telephone": "phone",
    "landline": "phone",
    "phonecall": "phone call",
    "tel": "phone",
    "ring": "call",
    "buzz": "call",
    "callback": "call back",
    "cb": "call back",
    "num": "number",
    "nmbr": "number",
    "lvm": "voicemail",
    "vm": "voicemail",
    "vmail": "voicemail",
    "mailbox": "voicemail",
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
    "appts": "appointment session",
    "televisit": "telehealth",
    "appointment": "session",
    "appointments": "session",
    "sesh": "session",
    "therapy": "session",
    "counseling": "session",
    "counselling": "session",
    # the web
    "web": "website",
    "webpage": "website",
    "url": "website",
    "www": "website",
    "com": "website",
    "homepage": "website",
    # groups
    "grp": "group",
    "grps": "group",
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
    # asking why
    "reason": "why",
    "reasons": "why",
    "reasoning": "why",
    "howcome": "why",
    "regulation": "rule",
    "regulations": "rule",
    # privacy
    "privacy": "private",
    "privately": "private",
    "confidentiality": "confidential",
    "confidentially": "confidential",
    "secret": "private",
    "hipaa": "confidential",
}

#: Words that mean something else before the next word: "sick of phone tag" is not illness.
IDIOMS: dict[str, frozenset[str]] = {
    "sick": frozenset({"of"}),
    "tired": frozenset({"of"}),
}
