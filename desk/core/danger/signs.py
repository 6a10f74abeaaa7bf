"""The warning signs of danger, as callers say them: word lists and word patterns.

Data for `desk.core.danger.detect`, grouped by the warning signs front desks are taught to hear:
talk of dying or of being a burden, feeling trapped or hopeless, saying goodbye and giving things
away, the means (pills, poison, a gun, a rope, a bridge), self-harm, violence and control at
home, a child in danger, voices giving orders, and medical emergencies. Each pattern is written
for the ways people say a sign ("can't go on", "cannot keep going", "don't see a way out"),
and hedged where an everyday phrase shares its words ("can't go on facebook at work"). The
lists are independent of any practice's policy.
"""

from __future__ import annotations

from desk.core.danger.patterns import Pattern, _p, _signs
from desk.core.language.words import word_list

END = "$"

#: Words that are a sign of danger on their own (typos of the long ones are caught too), by the
#: warning sign each one stands for.
WORD_SIGNS: dict[str, list[str]] = {
    "talk of suicide": word_list("""
        suicide suicidal suicidality suicides unalive kms kys sewerslide selfharm selfharming
        kill killing killed kills kil homicidal murder slit noose
    """),
    "an overdose": word_list("overdose overdosed overdosing od oded oding"),
    "an emergency": word_list("""
        emergency emergencies 911 988 lifeline hotline crisis unsafe danger endangered
        ambulance paramedics
    """),
    "abuse or violence": word_list("""
        abuse abused abusing abusive molest molested molesting rape raped assault assaulted
        violence violent stalking stalker stalked kidnap kidnapped hostage trafficked
        trafficking restraining cps
    """),
    "the means": word_list("""
        gun guns pistol rifle shotgun firearm firearms weapon weapons knife knives razor razors
        revolver handgun glock ammo ammunition bullets
        lethal rope poison poisoned poisoning antifreeze
    """),
    "a medical emergency": word_list("""
        bleed bleeding collapse collapsed unconscious unresponsive seizure seizures stroke
        convulsing fainted
    """),
    "hopelessness": word_list("hopeless worthless burden trapped breakdown pointless"),
    "voices or unreal fears": word_list("""
        hallucinating hallucination hallucinations psychosis psychotic delusional voices
    """),
}
DANGER_WORDS = tuple(w for words in WORD_SIGNS.values() for w in words if w != "voices")
#: Words that are danger only as written: "voices" (plural) are heard, a "voice" mail is not.
EXACT_DANGER_WORDS = frozenset(word_list("voices"))

#: Danger words that are idioms before these words ("I'd kill for a Monday slot", "kill time").
#: "Is this a crisis line?" asks about the line; it is answered by the crisis topic, but the
#: question alone is no sign of danger.
IDIOM_NEXT: dict[str, frozenset[str]] = {
    "kill": frozenset(word_list("for time")),
    "emergency": frozenset(word_list("contact contacts")),
    "crisi": frozenset(word_list("line lines number numbers")),
    "crisis": frozenset(word_list("line lines number numbers")),
}
NO_IDIOM: frozenset[str] = frozenset()
#: Danger words a caller can rule out ("it's not an emergency", "non-emergency"); any other
#: sign in the question still counts.
NEGATABLE = frozenset(
    word_list(
        "emergency emergencies suicidal suicide crisis danger unsafe homicidal stalker stalking "
        "violent abusive"
    )
)
#: Danger words a caller can ask about ahead of time ("who do I call if it's a crisis?").
HYPOTHETICAL = frozenset(word_list("emergency emergencies crisis"))
#: Words that rule out a negatable danger word when they come at most two words before it.
NEGATIONS = frozenset(word_list("not no non"))

#: Long danger words matched with one typo ("sucide", "overdoes", "emergancy").
TYPO_WORDS = (
    "suicide",
    "suicidal",
    "overdose",
    "overdosed",
    "emergency",
    "selfharm",
    "hopeless",
)

_OBJECTS = word_list("""
    myself herself himself themselves yourself ourselves me him her them us someone somebody
    anyone anybody everyone others people person kid kids child children baby son daughter
    wife husband boyfriend girlfriend partner mom mother dad father brother sister family
""")
_REFLEXIVE = word_list("myself herself himself themselves yourself ourselves self")
_BODY = "wrist wrists arm arms leg legs skin thigh thighs stomach"
_PILLS = (
    "pill pills meds medication medications medicine tablets prescription tylenol xanax "
    "insulin painkillers antidepressant antidepressants opioids oxy"
)
_THERAPY = "counselor counsellor therapist therapy session sessions doctor appointment"
#: A goodbye at the end of therapy ("a goodbye card", "our last session") is not a farewell
#: to life. Naming the counselor does not cancel one: a caller in danger often does ("he left
#: a goodbye note for his counselor").
_THERAPY_ENDS = (
    "session sessions retire retiring retired retirement card gift party graduation old former "
    "previous"
)
#: "cutting" is a danger sign unless it is about cutting something back.
CUTTING_BENIGN = frozenset(
    word_list("back down short off out class classes school hair grass cost costs")
)


_OBJ = " ".join(_OBJECTS)
_SELF = " ".join(_REFLEXIVE)
PATTERNS: tuple[Pattern, ...] = (
    # Wanting to die, to not exist, to end it.
    *_signs(
        "talk of dying",
        _p("end ending", "it", "all", gap=1),
        _p("end ending", "it", "$ tonight today now", gap=1),
        _p("end ending", "life everything things", gap=3),
        _p("want wish", "it", "end over", gap=3, unless="with"),
        # "It's all over (for me)", not "bruised all over" or "all over the place".
        _p(
            "it its is was",
            "all",
            "end over",
            gap=1,
            unless="place news internet map town world",
            benign="funeral wedding party game match season concert",
        ),
        _p("all", "end over", "for", "me", gap=1),
        _p("all", "be", "end over", gap=1),
        _p("this", "is", "the", "end", gap=1, unless="of"),
        _p("end", "of", "my his her", "rope", gap=1),
        _p("take taking", "life", gap=3),
        _p("want wanna wish ready rather deserve better plan", "die dead", gap=3),
        _p("want wanna wish", "disappear vanish", gap=3),
        _p("disappear disappearing", "forever good", gap=2),
        _p("not", "want wanna", "live living alive exist existing here around wake", gap=3),
        _p("not never", "wake", "up", gap=2),
        _p("sleep", "forever", gap=2),
        _p("never", "born", gap=2),
        _p("if", "i", "was were", "not", "around here alive", gap=1),
        _p("not", "be", "around here", "anymore longer much", gap=1),
        _p("better", "off", "without dead gone", gap=5),
        _p("nobody noone", "miss care notice", gap=3),
        _p("no", "one", "miss care", gap=3),
        _p(
            "talk talking talked think thinking",
            "about",
            "jump jumping die dying death suicide hang hanging shoot shooting overdose",
            gap=2,
        ),
    ),
    # Hopelessness, feeling trapped, unable to go on.
    *_signs(
        "hopelessness",
        _p("give giving gave", "up", "everything life living $", gap=3),
        _p("point", "anymore living", gap=3),
        _p("what", "point", "$", gap=3),
        _p("no nothing reason point", "live living", gap=3, unless="chat chatting stream person"),
        _p("worth", "living", gap=1),
        _p("life", "not", "worth", gap=2),
        _p("nothing", "matter", gap=2),
        _p("hate", "myself herself himself", gap=2),
        _p("hate", "my", "life", gap=1),
        _p("if", "i she he", "die died dead", gap=2),
        _p("no", "hope future", gap=2),
        _p("lose lost losing", "hope will", gap=2),
        _p(
            "tired sick done exhausted",
            "of with",
            "living life alive existing everything everyone",
            gap=2,
        ),
        _p("not", "take do handle deal cope live keep stand bear", "anymore", gap=3),
        _p("not", "do take handle", "this it", "$ anymore", gap=1),
        _p("not", "cope", "$ anymore", gap=2),
        _p("not", "go keep", "on", "like anymore living live $", gap=1),
        _p("not", "keep carry", "going on", "$ like anymore living", gap=1),
        _p("not", "hold", "on", "$ anymore much longer", gap=1),
        _p("much", "longer", "go keep hold take last live", gap=3),
        _p("no not", "way", "out", gap=3, unless="group chat app page account meeting lot"),
        _p("want wish need", "pain hurt hurting", "stop end go", gap=3),
        _p("make", "it pain everything", "stop end", gap=2),
        _p("i am she he they", "not", "ok okay alright", gap=2, unless="with"),
        _p(
            "not",
            "doing",
            "well good ok okay alright",
            gap=2,
            unless="with in on at school work job",
        ),
        _p("in", "bad dark", "place way space headspace", gap=2),
        _p("not", "in", "good", "place space headspace", gap=2),
        _p("dark darkest", "thought thoughts place", gap=1),
        _p("something", "stupid drastic", gap=1),
        _p("do doing", "something", _SELF, gap=2),
        _p("make", "it", "through", "night tonight", gap=2),
        _p("need", "help", "now immediately asap", gap=2),
    ),
    # Saying goodbye and putting affairs in order.
    *_signs(
        "a goodbye",
        _p(
            "goodbye bye",
            "everyone everybody everything forever world note letter message text "
            "post video family last final",
            gap=6,
            benign=_THERAPY_ENDS,
        ),
        _p(
            "note letter message text post video final last",
            "goodbye",
            gap=4,
            benign=_THERAPY_ENDS,
        ),
        _p("sorry apologize apologizing apologized", "for", "everything", gap=2),
        _p(
            "giving give gave",
            "away",
            gap=4,
            benign="session sessions appointment slot spot old donate donating charity furniture "
            "couch sale free",
        ),
        _p("giving give gave", "dog dogs cat cats pet pets puppy kitten", gap=3),
        _p(
            "write wrote writing made make making update updated updating change changed redo",
            "a his her my their new",
            "will",
            gap=2,
            benign="lawyer attorney records estate notary month year ago intake",
        ),
        _p("will", "and", "testament", gap=1),
        _p("letter letters note notes", "to", "everyone everybody all family", gap=2),
        _p("tonight today", "is", "the", "night day", gap=1),
        _p("a", "plan", "$", gap=1),
    ),
    # The means: pills, poison, heights, trains.
    *_signs(
        "the means",
        _p("swallow swallowed swallowing", _PILLS, gap=6),
        _p(
            "bottle bunch handful whole all many",
            _PILLS,
            gap=5,
            benign="every daily morning prescribed supposed refill list",
        ),
        _p("too", "many much", _PILLS, gap=3),
        _p(
            "take took taken swallow swallowed", "too", "many much", gap=2, unless="time long money"
        ),
        _p(
            "stockpile stockpiling stockpiled save saving saved hoard hoarding stash stashing "
            "collect collecting",
            _PILLS,
            gap=3,
        ),
        _p("mix mixed mixing", "pills meds alcohol drinking", gap=4),
        _p(
            "drink drank drunk drinking swallow swallowed ate eat eaten took taken",
            "bleach cleaner chemicals detergent gasoline",
            gap=4,
        ),
        _p(
            "on at top edge standing stand sitting sit outside",
            "bridge roof rooftop ledge cliff overpass balcony railing",
            gap=3,
            unless="traffic",
        ),
        _p("jump jumping", "off bridge roof building front train traffic $", gap=3),
        _p("train railroad railway rail subway", "track", gap=1),
        _p("front", "of", "train bus car truck traffic", gap=2),
    ),
    # Self-harm.
    *_signs(
        "self-harm",
        _p("self", "harm harming hurt hurting injury injure injuring destruct destructive", gap=1),
        _p(
            "hurt harm stab shoot poison strangle choke drown",
            _OBJ,
            gap=2,
            unless="feeling feelings text txt sms email mail message msg note line dm pm snap call",
            benign="pretend pretending nerf toy finger fingers robbers zombies zombie game",
        ),
        _p("hang starve burn", _SELF, gap=1),
        _p("cut slit", _SELF + " " + _BODY, gap=3, benign="hair bangs nails fringe"),
        _p(
            "burn burning burned burnt scratch scratching scratched carve carving carved "
            "punch punching",
            _SELF + " " + _BODY,
            gap=3,
        ),
    ),
    # Violence and control at home, a child in danger.
    *_signs(
        "violence or control",
        _p(
            "hit hits hitting beat beats beating punch punched kick kicked slap slapped "
            "strangle strangled choke choked shove shoved",
            _OBJ,
            gap=3,
            unless="up",
        ),
        _p(
            "grab grabbed grabbing drag dragged dragging pin pinned push pushed pushing "
            "throw threw",
            "me her him them us kid child son daughter baby mom mother dad father wife "
            "husband sister brother",
            gap=2,
            unless="back appointment appointments session sessions to till until party surprise "
            "birthday shower across along around both",
            benign="surprise birthday",
        ),
        _p("put putting lay laid", "hand hands finger fingers", "on", _OBJ, gap=2),
        _p("by around", "throat neck", gap=2),
        _p(
            "threaten threatened threatening",
            _OBJ + " kill hurt life jump die shoot cut overdose",
            gap=3,
            unless="divorce leave quit cancel unfollow block fire sue",
            benign="divorce quit unfollow",
        ),
        _p("make", "me her him you", "pay", gap=1),
        _p("not", "leave", "me her him us", "alone", gap=2),
        _p(
            "follow following followed",
            "me her him",
            "home around everywhere",
            gap=2,
            unless="online instagram insta facebook fb twitter tiktok snapchat social",
        ),
        _p("force forced forcing", "me her him", gap=1),
        _p(
            "scared afraid terrified frightened fear fearing",
            "life kill hurt die husband wife boyfriend girlfriend partner dad father mom mother "
            "safe",
            gap=4,
        ),
        _p("scared afraid terrified frightened", "to", "go be stay", "home", gap=2),
        _p("scared afraid terrified frightened", "at in", "home", gap=1),
        _p(
            "scared afraid terrified frightened",
            "of",
            "him her them",
            gap=1,
            unless="reaction response opinion answer feeling feelings",
        ),
        _p("not", "safe", gap=3),
        _p("not", "keep", "safe", gap=4),
        _p(
            "not",
            "let",
            "me her him us them",
            "leave go out outside see talk",
            gap=2,
            unless="message msg voicemail vm note review " + _THERAPY,
            benign="surprise",
        ),
        _p(
            "not",
            "allow allowed",
            "leave go out see talk",
            gap=3,
            unless="message msg voicemail vm note review " + _THERAPY,
        ),
        _p(
            "lock locked locking",
            "me her him us them myself herself himself themselves kid child son daughter baby",
            "in inside",
            gap=2,
        ),
        _p("take took taking", "my her his", "phone keys money", gap=1, unless="number call"),
        _p(
            "control controls controlling",
            "me my everything money",
            gap=2,
            unless="notification notifications setting settings",
        ),
        _p("against", "my his her their", "will", gap=1),
        _p("inappropriately sexually", "touch", gap=2),
        _p("run ran running", "away", gap=1),
        _p(
            "kid child son daughter baby brother sister wife husband mom dad friend",
            "missing",
            gap=3,
            unless="session sessions appointment appointments class school call calls work "
            "mon tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday "
            "sun sunday " + _THERAPY,
            benign="surprise",
        ),
        _p("go gone went", "missing", gap=1),
        _p("hot locked", "car", gap=3),
    ),
    # Voices, unreal thoughts, fear of being hunted.
    *_signs(
        "voices or unreal fears",
        _p("thought thoughts voice someone something", "in", "my his her their", "head", gap=2),
        _p("hear hearing", "thing", gap=1),
        _p("out", "to", "get", "me him her us", gap=1),
        _p("tell telling told", "me him her", "to", "kill hurt die jump", gap=1),
        _p("spy spying", "on", "me him her us", gap=1),
    ),
    # Medical emergencies.
    *_signs(
        "a medical emergency",
        _p("not", "breathe", gap=2),
        _p("is are got get been badly seriously", "hurt injured", gap=2, benign="feeling feelings"),
        _p("stop stopped", "breathe", gap=1),
        _p("heart", "attack", gap=1),
        _p("chest", "pain pains", gap=2),
        _p("pass passed passing", "out", gap=1, unless="form forms flyer flyers paper papers card"),
        _p("choke choking", "$ on", gap=1),
        _p("allergic", "reaction", gap=1),
        _p("turn turning turned lips lip", "blue", gap=3),
        _p("drunk high", "driving drive", gap=2),
        _p("drive driving", "drunk high", gap=2),
    ),
)
