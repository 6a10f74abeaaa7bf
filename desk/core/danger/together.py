"""Danger told in pieces: signs that mean little alone and much together, anywhere in a question.

"She texted me a photo of the pills lined up ... and now she isn't answering" names no warning
word: it joins the means (pills) set out, with someone gone silent. "There's a little boy in
the waiting room whose mom left an hour ago" joins a child with a carer who has not come back.
Such questions order their parts freely, so each rule here asks only that every one of its
parts be present, as a word or as two words close together ("not answer", "phone off");
`benign` words anywhere cancel a rule ("my old couch", "running late"). Data and matching for
`desk.core.danger.detect`.
"""

from __future__ import annotations

from desk.core.language.text import stem

#: Stems already worked out; this module loads on every `desk ask`.
_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = stem(word)
    return found


#: The longest run of words a part may name ("not allowed to tell").
RUN = 4


def _part(text: str) -> frozenset[str]:
    """Words and phrases ("not answer"), comma separated, as stems joined by "_"."""
    out = set()
    for item in text.split(","):
        words = item.split()
        if len(words) > RUN:
            raise ValueError(f"a part names at most {RUN} words: {item!r}")
        if words:
            out.add("_".join(_stem(w) for w in words))
    return frozenset(out)


#: Someone at risk who is not the caller's counselor: kin, a friend, a child.
_CHILD = (
    "kid, kids, child, children, baby, babies, toddler, infant, newborn, boy, girl, little one, "
    "son, daughter, niece, nephew, twins, stepson, stepdaughter, grandson, granddaughter, "
    "year old, years old, preschooler"
)
_PILLS = (
    "pill, pills, meds, medication, medications, medicine, tablets, tablet, capsules, "
    "prescription, prescriptions, tylenol, advil, aspirin, ibuprofen, acetaminophen, "
    "paracetamol, benadryl, xanax, valium, ativan, klonopin, ambien, seroquel, lithium, zoloft, "
    "prozac, lexapro, wellbutrin, trazodone, gabapentin, adderall, insulin, oxy, oxycodone, "
    "oxycontin, percocet, vicodin, hydrocodone, tramadol, morphine, codeine, fentanyl, heroin, "
    "opioids, painkillers, sleeping pills, sleeping tablets, sedatives, "
    "antidepressants, melatonin, nyquil"
)
_DRINK = "vodka, whiskey, whisky, wine, beer, rum, gin, tequila, liquor, booze, alcohol"
#: How much of the means: all of it, a whole bottle, set out in rows, saved up.
_AMOUNT = (
    "whole, entire, bottle, bottles, packet, handful, bunch, lined, line up, rows, counted, "
    "counting, stockpile, stockpiled, stockpiling, saving, saved, saving up, hoarding, hoarded, "
    "stash, fifth, every last, a lot of, lots of, all of them, way more, more than i should, "
    "more than prescribed, too much, too many, extra, double, triple"
)
#: Taking the means, then how much: "took all my lithium", "had most of the bottle".
_TOOK = "took, taken, swallowed, downed, chugged, drank, ate, had, finished, took all, took most"
_TOOK_HOW_MUCH = "all, most, whole, every, rest, half, all my, all her, all his, all of"
#: Someone gone silent.
_SILENT = (
    "not answer, not respond, not responding, not reply, not replying, "
    "not pick, not picking, not pick up, not pickup, no answer, not heard, not call back, "
    "phone off, phone dead, straight voicemail, goes voicemail, going voicemail, not reach, "
    "can not reach, not read, went silent, gone silent, not open, not opening, not answered, "
    "stopped answering, not come back, not back, not home, disappeared, no one can reach, "
    "nobody can reach, no one has heard, nobody has heard"
)
#: What came before the silence that makes it frightening.
_BEFORE_SILENCE = (
    "note, goodbye, bye, photo, picture, pic, pills, sorry mom, sorry dad, said sorry, "
    "saying sorry, sorry for everything, love you, forgive, done, "
    "last message, weird message, strange message, scary message, worrying, posted, "
    "gun, bridge, rope, overdose, suicidal, car gone, letter, loves us, love us, loves you, "
    "love you all, loves us all, group text, crying, was sorry"
)
_SILENCE_BENIGN = (
    "late, running late, reschedule, cancel, cancelled, missing, missed, front desk, "
    "email address, voicemail box, invoice, bill, billing, forms, form, website, upload, "
    "uploaded, app, account"
)
#: A carer who left and has not come back, or no one at all.
_UNCARED = (
    "left alone, home alone, all alone, been alone, is alone, alone since, alone for, alone in, "
    "by himself, by herself, by themselves, unattended, abandoned, nobody is, nobody in, "
    "nobody with, nobody watching, nobody around, nobody came, nobody there, nobody here, "
    "no one is, no one in, no one with, no one watching, no one around, no one came, "
    "no one there, no one here, not come back, not back, never came, never come, "
    "left him, left her, left them, mom left, dad left, mother left, father left, "
    "parents left, mom gone, dad gone, not around"
)
#: Where and for how long: what turns "by herself" into a child left alone.
_UNCARED_WHEN = (
    "hour, hours, ago, all day, all night, overnight, crying, wandering, street, road, "
    "parking, parking lot, car, outside, waiting room, lobby, store, dark, yesterday, last night, "
    "scared, cold, not come back, not back, alone since"
)
_UNCARED_BENIGN = (
    "no one to, nobody to, babysitter, babysit, sitter, childcare, bring, allowed, during, "
    "ok if, okay if, is it ok, is that ok, sometimes, a lot, often, his room, her room, "
    "their room, gaming, playing, will be, after school"
)
#: What happens to a child that no one should do to a child.
_CHILD_HURT = (
    "bruise, bruises, bruised, burn marks, cigarette burns, welts, black eye, broken arm, "
    "hits, hitting, beat, beats, beaten, slaps, kicks, starving, not fed, tied, chained, "
    "scared go home, afraid go home, scared to go home, afraid to go home, not want go home, "
    "head under, under the water, under water, holds her down, holds him down, shakes, "
    "shook, chokes, choked, smothers, drags, dragged, floppy, limp, turning blue"
)
#: Wanting the counselor told that the care is over for good.
_NO_MORE_CARE = (
    "not need, not needing, not be needing, not coming, not be coming, not be there, "
    "not be around, not be here, "
    "not be at, not making, not make it, cancel all, cancel every"
)
#: What is no longer needed: the counselor or the care itself, not a reminder or a form.
_CARE = (
    "appointment, appointments, session, sessions, therapy, counseling, counselor, counsellor, "
    "therapist, her, him, them, you, help, care, visits"
)
_FOR_GOOD = (
    "any others, any other, any after, after that, anymore, any more, ever again, any of, "
    "rest of, the rest, "
    "from now, for good, last one, never"
)
_CARE_ENDS_BENIGN = (
    "moving, moved, move, insurance, vacation, graduated, finished, better, college, job, "
    "referral, referred, switching, switch, new counselor, new therapist, cost, afford, "
    "schedule, work, traveling, travel, school, discharged, doing great, doing well, reminder, "
    "reminders, call, calls, text, texts, email, emails, letter"
)
#: A last message for someone: thanks, it is not their fault, they were appreciated.
_LAST_WORDS = (
    "appreciated her, appreciated him, appreciated you, appreciated everything, "
    "appreciated all, appreciated them, not her fault, not his fault, not your fault, "
    "not their fault, "
    "tried best, tried your, tried their, tried so, did everything, did all, "
    "meant lot, meant so, said goodbye, say goodbye, came to this, forgive me, "
    "did what she could, did what he could, did what you could, last message, my last words"
)
_MESSENGER = (
    "tell, let know, know that, pass, message for, wanted say, just wanted, want her, "
    "want him, want my"
)
#: Care that ends for good, said as not being here.
_NOT_HERE = (
    "not be here, not be around, not going to be, not be alive, not around much, "
    "not be there, not think i will, not think ill be"
)
_NOT_HERE_WHEN = "no point, next week, much longer, by then, anyway, for long, next time, soon"
_NOT_HERE_BENIGN = (
    "vacation, trip, travel, traveling, town, away, moving, office, holiday, work, business, "
    "conference, visiting, surgery, hospital stay, college, school"
)
#: A way, chosen and rehearsed, named without naming it.
_PLAN = (
    "going to do it, gonna do it, do it tonight, do it soon, do it this, when i do it, "
    "how i will do, how i am going, how to do it"
)
_PLAN_WHEN = (
    "pick the day, picked the day, pick a day, picked a day, the date, set a date, chosen, "
    "know how, know when, figured out how, decided, ready"
)
_PLAN_BENIGN = "form, forms, email, text, online, website, pay, payment, portal, app, login"
_HEIGHT = "roof, rooftop, bridge, ledge, balcony, top floor, overpass, cliff, parking garage"
_HOW_FAR = (
    "how high, how far, how tall, high enough, the drop, the fall, over the edge, looked down, "
    "look down, how long it takes"
)
_URGE = "urge, urges, impulse, impulses, tempted, temptation, pull to, pulled to, itch to"
_URGE_ACT = (
    "jump, step in front, swerve, drive into, crash, hurt myself, cut, let go, end it, "
    "walk into, steer into"
)
#: Someone who means harm once the caller leaves, tells or calls for help.
_IF_I_GO = (
    "if i leave, if i go, if i tell, if we leave, if she leaves, if i call, if i report, "
    "if i try, if anyone finds"
)
_THEN_HARM = (
    "make sure, nobody finds, nobody ever, no one finds, no one will find, regret, sorry, "
    "end up, never see, come after, take the kids, ruin, hunt, pay for"
)
_IF_BENIGN = "voicemail, email, text, message, form, forms, appointment, session, bill"
#: A child kept silent by an adult.
_SECRECY = (
    "keep quiet, keep it quiet, keep secret, keep it secret, our secret, little secret, "
    "not allowed to tell, not allowed tell, not supposed to tell, not to tell, not tell anyone, "
    "not say who, wont say who, promise not tell, candy, special games, their games, "
    "delete the messages, delete messages, delete the texts, delete texts, delete the photos"
)
_SECRECY_BENIGN = (
    "session, sessions, counselor, therapist, surprise, birthday, party, gift, present, appointment"
)
_NOT_FED = "not had food, not eaten, not fed, nothing to eat, no food"
_NOT_FED_WHEN = "days, two days, since, yesterday, all day, last night, week"
#: Beliefs no one else shares, told as what someone says or thinks.
_BELIEVES = (
    "thinks, think, says, said, convinced, believes, insists, keeps saying, swears, hears, "
    "hearing, sees, seeing"
)
_BELIEF = (
    "replaced by, replaced with, robot, imposter, clone, mission from god, mission god, "
    "messages from god, chosen one, chip in, implant, put a chip, fbi, cia, aliens, "
    "being watched, being followed, poisoning, poisoned, reading his, reading her, tapped, "
    "in the walls, dead baby, talk to animals, talks to animals, special powers, invincible, "
    "can fly, controlling him, controlling her, through the wifi, through the tv"
)
_LOST_MIND = (
    "not know what year, not know where, not know who, not recognize, not recognise, "
    "not know what day, what year, not know her, not know his, not tell me his, "
    "not tell me her, not remember where, forgot where he, forgot where she"
)
#: Signs of a head injury, a stroke, a body in trouble.
_HEAD = "hit his head, hit her head, hit my head, head injury, fell, fall, banged his head"
_HEAD_SIGN = (
    "confused, throwing up, vomiting, not making sense, passed out, not wake, blacked out, "
    "slurring, dizzy, cannot stand, not stand up"
)
_STROKE = "not feel, numb, numbness, drooping, droopy, slurring, slurred, weak"
_STROKE_WHERE = "arm, face, leg, side, speech, words, one side, half my, half his, half her"
_STROKE_BENIGN = "my feelings, any feelings, anything, emotions, tired, hungry"
_LAST_BENIGN = (
    "retire, retiring, retired, graduated, card, gift, review, party, she helped, he helped, "
    "you helped, really helped"
)
#: Things left to someone in so many words: "leaving my bike to my brother".
_LEAVING_TO = "leaving my, leave my, leaving all my, left my"
_BEQUEST = "to my, to his, to her, written down, in my will, who gets"
_BEQUEST_BENIGN = "at home, in the car, at work, for repair, at the office, by mistake, charger"
#: A place chosen, and a time.
_SPOT = (
    "spot picked, picked out a, picked a spot, place picked, chosen a place, chose a place, "
    "found a spot, found the place, found a place, know where i will"
)
_SPOT_WHEN = "tonight, today, going there, this weekend, tomorrow, after work, when dark"
#: Not living to see a day ahead.
_NOT_MAKE_IT = (
    "not see myself, not make it to, not making it to, not going to make, not make it past, "
    "not last until, not last till"
)
_DAY_AHEAD = (
    "christmas, birthday, new year, much longer, next year, summer, the weekend, the holidays, "
    "thanksgiving, spring, the end of"
)
_DAY_AHEAD_BENIGN = (
    "appointment, session, office, meeting, party, class, traffic, on time, call, flight, "
    "dinner, budget, money, paycheck, payday"
)
#: Someone come to harm at the door, with something to do it with.
_AT_DOOR = (
    "showed up, turned up, at our door, at my door, at the door, outside, banging, break in, "
    "breaking in, kicking the door, pounding"
)
_BLUNT = "bat, hammer, crowbar, machete, axe, tire iron, baseball bat"
_BODY_IN_TROUBLE = (
    "asthma attack, inhaler not, epipen, foaming at the mouth, not breathing, stopped breathing, "
    "lips are blue, lips blue, turning blue, going blue, coughing up blood, vomiting blood, "
    "throwing up blood, overdosing, anaphylaxis, anaphylactic"
)
#: Things kept for life, handed on while their owner is still here.
_GIVING = "giving away, give away, gave away, handing out, handed out, giving out, gave out"
_KEEPSAKES = (
    "guitar, guitars, watch, ring, jewelry, things, stuff, belongings, possessions, games, "
    "clothes, collection, cat, dog, pets, favorite, prized, everything, car, bike, laptop, "
    "computer, savings, money, house"
)
_GIVING_BENIGN = "old, donate, donating, donation, charity, furniture, couch, office, sale, sell"
#: Getting ready for tonight without saying for what.
_READY = "sorted, arranged, planned, ready, prepared, figured out, worked out, set"
_TONIGHT = "tonight, tonite, this weekend, tomorrow"
_READY_BENIGN = "session, appointment, call, party, dinner, trip, flight, meeting, move"
_EVERYTHING = "everything, it all, all set, affairs, things"
#: Seeing oneself die.
_IMAGINE = (
    "picture, picturing, imagine, imagining, fantasize, fantasizing, daydream, daydreaming, "
    "keep thinking, see myself"
)
_DYING_ACT = (
    "driving into, drive into, drive off, driving off, crash, crashing, jumping, jump, "
    "drowning, drown, river, lake, off bridge, not waking, dying, dead, "
    "funeral, hanging, swerving, swerve"
)
#: Someone who means harm, and what they say they will do.
_THREAT = (
    "going to, gonna, will, threatening, threatened, says he, says she, said he, said she, "
    "swears, swore"
)
_HARM_ACT = (
    "burn down, burn house, set fire, shoot, stab, take everyone, "
    "taking everyone, with me in, with us in, come after, end us, bury"
)
_WHO_HARMS = (
    "he, she, husband, wife, boyfriend, girlfriend, partner, ex, dad, father, mom, mother, "
    "stepdad, brother, son, neighbor, uncle"
)
_AMOUNT_BENIGN = (
    "refill, refills, pharmacy, money, coupon, insurance, cost, as prescribed, supposed, "
    "every day, "
    "every morning, every night, daily, on time"
)
_THROWN_AT = "threw, throws, throwing, thrown, hurled, swung"
_AT_PERSON = "at me, at her, at him, at us, at my, at the kids, at the baby"
#: A mind that has lost its way, told plainly.
_UNMOORED = (
    "not know where, not know who, not recognize, not recognise, not know what year, "
    "talking nonsense, making no sense, not making sense, convinced, "
    "babbling, wandering, confused, paranoid, manic, acting strange, acting weird, "
    "acting crazy, seeing things, hearing things, pajamas, pyjamas"
)
_UNMOORED_WHO = (
    "he, she, husband, wife, mom, mother, dad, father, grandma, grandpa, grandmother, "
    "grandfather, brother, sister, son, daughter, roommate, friend, partner, boyfriend, "
    "girlfriend, aunt, uncle"
)
_UNMOORED_SIGN = (
    "not slept, not sleeping, no sleep, suddenly, scared, yelling, screaming, running, street, "
    "outside, middle of night, naked, barefoot, lost, police, fbi, cia, government, aliens, "
    "devil, god, dead, famous, chosen, poison, poisoning, spying, follow, following"
)
_FEAR = "scared, afraid, terrified, frightened, worried, fear"
_OWN_ACT = (
    "what ill, what i will, what i might, what i could, what i do, what i am going, ill snap, "
    "i will snap, lose control, do something to, something i regret, hurt someone"
)


class _Rule:
    __slots__ = ("benign", "parts", "sign")

    def __init__(self, sign: str, *parts: str, benign: str = "") -> None:
        self.sign = sign
        self.parts = tuple(_part(p) for p in parts)
        self.benign = _part(benign)


RULES: tuple[_Rule, ...] = (
    _Rule("pills or alcohol", _PILLS + ", " + _DRINK, _AMOUNT, benign=_AMOUNT_BENIGN),
    _Rule("pills or alcohol", _PILLS + ", " + _DRINK, _TOOK, _TOOK_HOW_MUCH, benign=_AMOUNT_BENIGN),
    _Rule(
        "someone not answering after a warning", _SILENT, _BEFORE_SILENCE, benign=_SILENCE_BENIGN
    ),
    _Rule("a child alone or unsafe", _CHILD, _UNCARED, _UNCARED_WHEN, benign=_UNCARED_BENIGN),
    _Rule(
        "a child hurt",
        _CHILD,
        _CHILD_HURT,
        benign="hurt feelings, game, video, sunburn, burned out",
    ),
    _Rule("finality", _NO_MORE_CARE, _CARE, _FOR_GOOD, benign=_CARE_ENDS_BENIGN),
    _Rule("a goodbye", _LAST_WORDS, _MESSENGER, benign=_LAST_BENIGN),
    _Rule("a goodbye", _GIVING, _KEEPSAKES, benign=_GIVING_BENIGN),
    _Rule("a plan or the means", _EVERYTHING, _READY, _TONIGHT, benign=_READY_BENIGN),
    _Rule("a plan or the means", _IMAGINE, _DYING_ACT, benign="vacation, trip, holiday"),
    _Rule("violence or control", _WHO_HARMS, _THREAT, _HARM_ACT, benign="feelings, kill time"),
    _Rule("violence or control", _THROWN_AT, _AT_PERSON, benign="party, ball, frisbee, up"),
    _Rule("beliefs no one else shares", _UNMOORED_WHO, _UNMOORED, _UNMOORED_SIGN),
    _Rule("fear of what they might do", _FEAR, _OWN_ACT),
    _Rule("fear of what they might do", _URGE, _URGE_ACT, benign="buy, shop, shopping, eat, call"),
    _Rule("talk of dying", _NOT_HERE, _NOT_HERE_WHEN, benign=_NOT_HERE_BENIGN),
    _Rule("a plan or the means", _PLAN, _PLAN_WHEN, benign=_PLAN_BENIGN),
    _Rule("a plan or the means", _HEIGHT, _HOW_FAR, benign="view, photo, pictures, party"),
    _Rule("violence or control", _IF_I_GO, _THEN_HARM, benign=_IF_BENIGN),
    _Rule("a child telling of abuse", _CHILD, _SECRECY, benign=_SECRECY_BENIGN),
    _Rule("a child alone or unsafe", _CHILD, _NOT_FED, _NOT_FED_WHEN, benign="lunch, breakfast"),
    _Rule("beliefs no one else shares", _UNMOORED_WHO, _BELIEVES, _BELIEF),
    _Rule("beliefs no one else shares", _UNMOORED_WHO, _LOST_MIND),
    _Rule("a medical emergency", _HEAD, _HEAD_SIGN),
    _Rule("a medical emergency", _STROKE, _STROKE_WHERE, benign=_STROKE_BENIGN),
    _Rule("a medical emergency", _BODY_IN_TROUBLE),
    _Rule("a goodbye", _LEAVING_TO, _KEEPSAKES, _BEQUEST, benign=_BEQUEST_BENIGN),
    _Rule("a plan or the means", _SPOT, _SPOT_WHEN, benign="picnic, party, camping, date"),
    _Rule("talk of dying", _NOT_MAKE_IT, _DAY_AHEAD, benign=_DAY_AHEAD_BENIGN),
    _Rule("violence or control", _WHO_HARMS, _AT_DOOR, _BLUNT, benign="game, practice"),
)


def phrases(stems: list[str]) -> dict[str, tuple[int, int]]:
    """Each stem, each pair of stems at most one word apart ("not_answer", "phone_off") and
    each run of three or four, with where it starts and ends (the first place it occurs)."""
    out: dict[str, tuple[int, int]] = {}
    n = len(stems)
    for i, a in enumerate(stems):
        if not a:
            continue
        out.setdefault(a, (i, i))
        for j in (i + 1, i + 2):
            if j < n and stems[j]:
                out.setdefault(f"{a}_{stems[j]}", (i, j))
        run = a
        for j in range(i + 1, min(n, i + RUN)):
            if not stems[j]:
                break
            run = f"{run}_{stems[j]}"
            if j > i + 1:
                out.setdefault(run, (i, j))
    return out


def together(stems: list[str]) -> tuple[str, int, int] | None:
    """The first rule whose parts are all present: its sign, and where its last part is."""
    present = phrases(stems)
    keys = present.keys()
    for rule in RULES:
        if not keys.isdisjoint(rule.benign):
            continue
        span = (0, 0)
        for n, part in enumerate(rule.parts):
            hit = part & keys
            if not hit:
                break
            if n <= 1:
                # The second part says what is happening ("mom left", "lined up").
                span = present[min(hit)]
        else:
            return rule.sign, span[0], span[1]
    return None
