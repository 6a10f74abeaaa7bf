"""Figures of speech that borrow danger's words: "this billing is killing me", "I could die of
embarrassment", "I'd kill for a Monday slot", "you'll be the death of me".

A false alarm mid-call costs trust in the real ones, so these phrases are set aside before
danger is looked for; any other sign in the question still counts. A figure is hedged where
the same words can be meant: "killing me" is a figure when a thing does it ("the drive is
killing me"), not when a person does ("he is killing me"); "will kill me if I don't ask" is
a figure, "will kill me if I leave" is not. Data for `desk.core.danger.detect`.
"""

from __future__ import annotations

from desk.core.danger.patterns import Pattern, _p

#: People who might really mean it: a threat from them is never read as a figure of speech.
PEOPLE = (
    "he she they him husband wife boyfriend girlfriend partner ex dad father mom mother "
    "stepdad stepfather brother sister son daughter someone somebody uncle grandson "
    "granddaughter"
)

#: Words of money that make "he'll kill me if..." a figure of speech, never a threat.
MONEY = "pay paying pocket bill bills money cost costs spend spending price prices fee fees"

#: What a caller does online: "kill me if I do it" beside these is about a post, not a threat.
SOCIAL = "follow friend instagram insta facebook tiktok snapchat post tag"
#: Words that make a threat a joke ("she'll murder me if she finds out lol").
JOKES = "lol haha lmao jk kidding joking"
#: `benign` on a figure is read only in the three words before it: the one doing the killing.
FIGURES: tuple[Pattern, ...] = (
    _p("kill killing kills murder", "me", gap=1, benign=PEOPLE, unless="if"),
    _p("kill killing kills murder", "me", "if", "i", "not forget miss lost lose", gap=2),
    _p("boss manager coworker teacher professor", "kill murder", "me", gap=4),
    _p("would id", "kill murder die", "for to", gap=1),
    _p(
        "kill killing",
        "my the",
        "battery vibe mood buzz time phone computer laptop budget bank wallet savings paycheck "
        "credit schedule weekend plans back knees feet ears eyes head brain neck hands",
        gap=2,
    ),
    _p("giving give gave gives", "me", "a", "nervous", "breakdown", gap=1),
    _p(
        "killing",
        "me",
        "with w asking",
        gap=1,
        unless="knife gun bat hammer hands fists belt poison pills",
    ),
    _p(
        "die dying died",
        "of from",
        "embarrassment embarrassed shame boredom laughter laughing curiosity price prices cost "
        "bill shock fright heat",
        gap=1,
    ),
    _p("dying", "to for", gap=1),
    _p("death", "of", "me", gap=1),
    _p("sick scared bored worried frightened tired", "to", "death", gap=1),
    _p("nearly almost practically about gave give giving", "heart", "attack", gap=3),
    _p("nerf water toy glue nail staple squirt bubble paintball", "gun guns", gap=1),
    _p("nearly almost practically about", "had have", "a", "stroke", gap=1),
    _p("stroke heart", "looking when", "at i she he", gap=2),
    _p("end", "of", "my", "rope", "with", gap=1, unless="everything life living myself all"),
    _p("over", "my", "dead", "body", gap=1),
    _p("rather", "die", "than", gap=1),
    _p(
        "kill killing kills murder",
        "me",
        "if",
        "i",
        "text call email ask tell post friend follow message dm miss forget late",
        gap=2,
    ),
    _p("kill killing", "two", "birds", gap=1),
    _p("is was", "killing", "her him us them", gap=1, benign=PEOPLE, unless="if"),
    _p("gonna going", "to", "kill murder", "her him me", "if", gap=1, benign=PEOPLE),
    _p("it its this that", "kill killing kills", "me her him us", gap=2),
    _p("could", "murder kill", "a an some for whoever whomever the", gap=1),
    _p("heart", "attack", "when if", gap=1),
    _p("hopeless", "with at", gap=1),
    _p("nearly almost practically about", "fainted faint passed", gap=1),
    _p("kill killing", "herself himself myself", "laughing", gap=1),
    _p("imposter impostor", "syndrome", gap=1),
    _p("killing", "it", gap=1),
    _p("nearly almost", "killed kill", "my the", gap=1),
    _p("nearly almost", "murdered killed", "someone somebody guy man woman lady person", gap=2),
    _p("arm back knee knees head feet leg neck", "killing kill", gap=2),
    _p("water squirt toy", "pistol pistols", gap=1),
    _p("think thinks says said call calls called", "i am im me", "a", "stalker", gap=2),
    _p("eyes ears", "are", "bleeding", gap=1),
    _p("wallet bank account budget savings", "bleeding beating", gap=4),
    # "This traffic will kill me if it doesn't move": a thing, not a person, threatens.
    _p("kill murder", "me", "if when", gap=1, benign=PEOPLE),
    # "He'll kill me if we pay out of pocket again": money, not a threat.
    _p("kill murder", "me", "if when", gap=1, needs=MONEY),
    # "She'll murder me if she finds out lol": a joke; weighed, never an alarm on its own.
    _p("kill murder", "me", "if when", gap=1, needs=JOKES + " surprise"),
    _p("give gave given giving", "up", "the", "ghost", gap=1),
    _p("nearly almost practically", "lost lose losing", "the", "will", gap=1),
    _p(
        "daughter son kids kid teenager teen sister brother friend friends boss mom mum dad "
        "parents",
        "would will gonna",
        "kill murder",
        "me",
        gap=2,
    ),
    _p("hit hitting", "follow like send subscribe reply the", gap=1),
    _p(
        "pass passing",
        "out",
        "from of",
        "nerves nerve stress excitement boredom embarrassment laughing",
        gap=2,
    ),
    _p("burden", "asking", gap=1),
    _p("shoot", "me", "now", gap=1),
    _p("is was be are it its", "murder killer", gap=2),
    _p("murder", "mystery mysteries podcast podcasts show shows party game games", gap=1),
    _p("bleeding", "money cash", gap=1),
    _p("death", "trap", gap=1),
    _p(
        "money bills rent prices cost costs inflation budget stuff mortgage",
        "killing strangling",
        "us me",
        gap=3,
        benign=PEOPLE,
    ),
    _p("hostage", "negotiation negotiations negotiator", gap=1),
    _p("bloody blue", "murder", gap=1),
    _p("murder", "in", "the", "dark", gap=1),
    _p("dead", "tired exhausted beat asleep on my feet", gap=1),
    _p("wallet bank budget account savings", "has having had", "a", "breakdown meltdown", gap=1),
    _p("traffic commute parking drive", "is was", "murder", gap=3),
    _p("traffic", "on over across", "the", "bridge", gap=1),
    _p("shoot", "her him me them my", "counselor counsellor therapist", gap=1),
    _p("stroke strokes", "years months", "ago", gap=2),
    _p("nearly almost practically about", "had have having", "a", "meltdown breakdown", gap=1),
    _p("head", "above", "water", gap=1),
    _p("murder kill", "my the this that", "computer laptop phone printer router wifi", gap=1),
    _p("knife", "slipped slip slips", gap=1),
    _p(
        "killing kill",
        "each",
        "other",
        "over about",
        gap=1,
        needs="scheduling schedule calendar custody money bills chores dishes homework",
    ),
    # "My daughter says she'll kill me if I do it" (follow her counselor): a joke, not a threat.
    _p("kill murder", "me", "if", "i", "do", gap=1, needs=SOCIAL),
    _p("drowning drown drowns", "me us", "in with", gap=1, benign=PEOPLE),
    _p("money work job bills debt", "end", "of", "my", "rope", gap=5),
    _p("done", "with", "this that the", "week day month semester year", gap=1),
    # "Talking on the phone literally kills him lol": a joke; weighed, never an alarm alone.
    _p("kill kills murder", "me him her", gap=2, needs=JOKES),
    _p("kill killing", "me", "for", gap=1, unless="leaving telling talking going"),
)
