"""Danger told as a situation: who is at risk and what is happening, without warning words.

Callers often describe danger without naming it: "my 6 year old has been home alone since
Friday", "she said her stepdad comes into her room at night", "he thinks the TV sends him
messages", "I won't be needing any more appointments", "I've got the pills right in front of
me", "I'm scared of what I might do". Each pattern here joins who is at risk (a child, another
person, the caller) with what is happening (left alone, a disclosure, beliefs no one else
shares, finality, the means at hand, fear of oneself). Data for `desk.core.danger.detect`.
"""

from __future__ import annotations

from desk.core.danger.patterns import Pattern, _p, _signs

#: Words that say a child is the one at risk ("my 6 year old", "the baby").
#: Bruises from play and sport are no sign of harm.
_SPORT = (
    "playing play practice game games hockey soccer football basketball rugby sports sport "
    "bike skating skateboard tournament match sprained trampoline gymnastics falls fall ice "
    "slipped tripped"
)
CHILD = (
    "kid kids child children baby babies toddler infant newborn son daughter boy girl "
    "grandson granddaughter niece nephew year month little crib"
)
_PILLS = (
    "pill pills meds medication medications medicine tablets prescription tylenol xanax "
    "insulin painkillers sleeping antidepressant antidepressants opioids oxy"
)
_ALCOHOL = (
    "vodka whiskey whisky wine beer beers alcohol booze liquor tequila rum gin drinks drinking "
    "drunk shots"
)
#: What a channel question is about when "find" or "left" is not about a person.
_THINGS = (
    "email number phone website site page group address link form forms card message "
    "voicemail charger keys car wallet"
)
_THERAPY_DONE = (
    "moving moved move insurance vacation graduated finished done better college job "
    "referral referred schedule work"
)

SITUATIONS: tuple[Pattern, ...] = (
    *_signs(
        "a child alone or unsafe",
        _p("home", "alone", gap=1, needs=CHILD, benign="will if school", unless="with w"),
        _p("left leave leaving", "alone", gap=5, needs=CHILD),
        _p("alone", "in", "the", "car house apartment", gap=1, needs=CHILD),
        _p("alone", "days day nights hours", gap=3, needs=CHILD, benign="will if school"),
        _p("not", "find", "him her them my", gap=2, needs=CHILD, unless=_THINGS),
        _p("got get gone", "out", "of", "the", "house", gap=1, needs=CHILD),
        _p("wander wandered wandering", "off away out", gap=1),
        _p("fell fallen", "not", "get", "up", gap=5),
        _p("not", "been", "fed changed", gap=2),
        _p("not", "eaten fed", "since in", gap=3, needs=CHILD),
        _p("nobody noone", "watching", gap=3, needs=CHILD),
        _p("shake shaking shook", "her him them baby", gap=2, needs=CHILD),
        _p(
            "by",
            "themselves himself herself",
            gap=1,
            needs=CHILD,
            benign="lot often sometimes usually want wants wanted come go drive",
        ),
        _p("crying", "all", "day night", gap=5, needs="answering answer door"),
        _p("parents mom dad mother father", "gone", gap=3, needs=CHILD),
        _p("no", "coats coat shoes", gap=1, needs=CHILD),
        _p("swallowed swallow ate drank", "something", gap=2, needs=CHILD),
        _p("under", "the", "sink", gap=1, needs=CHILD),
        _p("no", "food", gap=2, needs=CHILD),
    ),
    *_signs(
        "a child telling of abuse",
        _p("touch touches touched touching", "him her me them", gap=1),
        _p("touch touches touched touching", "private", gap=3),
        _p("come comes came coming", "into in", "room bed", gap=3, needs="night secret"),
        _p("told tell tells telling", "keep", "secret", gap=4),
        _p("told tell tells telling", "not", "to", "tell", gap=3, needs=CHILD),
        _p("make makes made", "her him", "sleep", "in", "bed", gap=3),
        _p("showed show shows showing", "him her them", "pictures photos videos", gap=2),
        _p("burn burns burned burnt", "him her them me", gap=1),
        _p(
            "bruise bruises bruised",
            gap=1,
            needs=CHILD + " does did says",
            benign=_SPORT,
        ),
        _p("older", "man guy men", gap=1, needs=CHILD),
        _p("pick", "her him", "up", "from", "school", gap=2, needs="man older stranger online"),
        _p("about", "her his my", "body", gap=1),
        _p("meet", "alone", gap=3, needs="coach teacher man stranger older adult"),
        _p("clothes", "off", gap=2),
        _p("take took taking", "clothes", gap=3),
        _p("sleep sleeps slept", "in", "bed", gap=3, needs="uncle stepdad stepfather boyfriend"),
    ),
    *_signs(
        "beliefs no one else shares",
        _p(
            "tv television radio phone computer neighbor neighbors",
            "send sending sends talk talking talks messages signals orders order commands",
            gap=4,
            unless="text email voicemail counselor counsellor therapist doctor electronic emojis",
        ),
        _p(
            "camera cameras microphone microphones bug bugs chip chips tracker",
            "wall walls house head tooth teeth brain ceiling vent",
            gap=4,
        ),
        _p(
            "think thinks thought convinced believe believes sure",
            "watching following poisoning tracking spying bugging controlling",
            gap=5,
        ),
        _p("god devil angel angels demon demons", "told tell tells telling want wants", gap=2),
        _p(
            "hear hears hearing heard see sees seeing talk talking talks",
            "not",
            "there real room",
            gap=8,
        ),
        _p("messiah jesus chosen prophet", gap=1, needs="he she says thinks believes is"),
        _p("has have", "to", "save", "everyone world", gap=2),
        _p("read reading reads", "mind minds thoughts", gap=3),
        _p("implant implanted microchip microchipped", gap=1),
        _p("imposter impostor impostors", gap=1),
        _p("devil demon demons", "inside in", gap=2),
        _p("dead", "relatives people mother father mom dad husband wife", gap=1),
        _p("join", "them him her", gap=1, needs="dead"),
        _p("whisper whispering whispers voice", "should", "die", gap=4),
        _p("i", "should", "die", gap=1),
        _p("can", "fly", gap=1, needs="think thinks says believes convinced"),
        _p("not", "slept sleep", "in for", "day days", gap=3, needs="think thinks convinced"),
    ),
    *_signs(
        "finality",
        _p(
            "not",
            "need needing",
            "any",
            "more",
            "appointment appointments session sessions",
            gap=2,
            benign=_THERAPY_DONE,
        ),
        _p("not", "be", "around here", "after", gap=2),
        _p("made make making", "my", "peace", gap=1),
        _p("not", "be", "coming", "back", gap=1, benign=_THERAPY_DONE),
        _p("not", "her his your", "fault", gap=2),
        _p("things affairs", "in", "order", gap=2),
        _p("who", "gets get", "what", gap=1),
        _p("not", "matter", "now anymore", gap=1),
        _p("thank thanks", "for", "trying", gap=2),
        _p("last", "time", "hear hears see", gap=4),
        _p("this", "is", "goodbye", gap=1, benign="session sessions"),
        _p("goodbye bye", "before", "i", "go", gap=4),
        _p("paid pay paying", "off", "everything", gap=1),
        _p("given give gave giving", "my", "cat dog cats dogs pet pets", gap=5),
        _p(
            "letter letters note notes",
            "to for",
            "each every all my",
            "kid kids child children family wife husband",
            gap=3,
        ),
        _p("thank", "for", "everything", gap=3, needs="goodbye needing around anymore"),
        _p("better", "off", "if", gap=1),
        _p("was were", "not", "here around alive", "anymore", gap=2),
        _p("done", "not", "anymore", gap=4),
        _p("where", "i", "am", "going", gap=1),
        _p("after", "i", "am", "gone", gap=1),
        _p("no", "one", "would", "find", gap=1),
        _p("nobody", "would", "find", gap=1),
        _p("if", "i", "disappeared vanished died", gap=2),
        _p("happier easier better", "without", "me", gap=3),
        _p("not", "need", "to", "worry", "about", "me", gap=2),
        _p("done tired", "fighting", gap=1),
        _p("peace", "with", "my", "decision", gap=1),
        _p("anyone anybody everyone", "much", "longer", gap=1),
        _p("house car", "keys", gap=1, needs="mailed gave given sent"),
        _p("want", "everything it all", "to", "stop end over", gap=3),
        _p("point", "of", "any anything this", gap=3),
        _p("taken take took", "care", "of", "everything", gap=1),
        _p(
            "not",
            "need needing",
            "my",
            "session sessions appointment appointments",
            "after",
            gap=2,
            benign=_THERAPY_DONE,
        ),
        _p("one", "last", "time", gap=1, benign=_THERAPY_DONE + " retire retiring retired"),
        _p("saying say said", "my", "goodbyes goodbye", gap=1),
        _p("no", "reason", "to", "be", "here", gap=3),
    ),
    *_signs(
        "a plan or the means",
        _p("how", "many much", _PILLS, gap=4),
        _p(_PILLS, "in", "front", "of", "me", gap=3),
        _p(_PILLS, "in", "my", "hand hands", gap=2),
        _p(
            "bridge ledge cliff overpass rooftop railroad tracks garage",
            "think thinking looking",
            gap=8,
            benign="parking park directions traffic",
        ),
        _p("tonight today", "feel feels", "like", "the", "right", gap=2),
        _p("feel feels", "like", "the", "right", "time night day", gap=2, needs="tonight"),
        _p("bought buy buying", "rope gun pills", gap=3),
        _p("tall tallest high highest", "building bridge", gap=2),
        _p("oncoming", "traffic", gap=1),
        _p("engine car", "running", gap=2, needs="garage"),
        _p("drive driving", "into off", "traffic wall tree bridge", gap=3),
        _p("how", "much", "tylenol acetaminophen", gap=1),
    ),
    *_signs(
        "pills or alcohol",
        _p(_ALCOHOL, _PILLS, gap=10),
        _p(_PILLS, _ALCOHOL, gap=8),
        _p(
            "took take taken",
            "all",
            "my his her",
            gap=1,
            needs=_PILLS,
            benign="every daily morning night prescribed supposed refill",
        ),
        _p("some", "of", "my his her", "mom dad mother father wife husband", _PILLS, gap=1),
        _p("took taken", "something", gap=1, needs=_ALCOHOL),
        _p("handful bunch", "of", "something", gap=1),
        _p("on", "purpose", gap=1, needs=_PILLS + " stopped took"),
        _p("doing", "lines", gap=1),
        _p("heart", "pounding racing", gap=2, needs=_ALCOHOL + " lines coke cocaine meth"),
        _p("picture photo pic", "of", _PILLS, gap=2),
        _p("not", "remember", "how", "many much", gap=2),
    ),
    *_signs(
        "fear of what they might do",
        _p(
            "scared afraid terrified frightened fear worried",
            "what",
            "i he she ill",
            "might could may will would do",
            gap=3,
        ),
        _p("not", "trust", "myself", gap=2),
        _p("something", "not", "take", "back", gap=3),
        _p("keep stop", "myself", "from", gap=1),
        _p("alone", "with", "my", "thoughts", gap=1),
        _p("do", "something", "to", "the my her his", "baby kid child son daughter", gap=1),
        _p("break breaking broke", "into in", "my house home apartment", gap=2),
        _p("scared afraid terrified", "going gonna", "shake hurt hit harm", gap=4),
        _p("thoughts", "of about", "hurting harming", gap=2),
    ),
)
