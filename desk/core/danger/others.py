"""Danger to someone else, told in pieces: a child, a mind that has lost its way, a silence,
a threat at home, a body in trouble.

"There's a little boy in the waiting room whose mom left an hour ago", "my dad hasn't slept in a
week and says he can talk to animals", "she sent a group text saying she loves us and now no one
can reach her". Data for `desk.core.danger.pieces`, read by `desk.core.danger.detect`.
"""

from __future__ import annotations

from desk.core.danger.pieces import Together

#: Someone shut in against their will.
_LOCKED = "locked, locks, locking, shut"
_LOCKED_WHO = "me, us, the kids, her, him, them, my wife, my mom, my kids"
_LOCKED_WHERE = (
    "in the basement, in a room, in the closet, in the bathroom, in the shed, in the garage, "
    "in the bedroom, in her room, in his room, in the attic, inside"
)
_LOCKED_BENIGN = "out, himself out, herself out, myself out, keys, account, password, phone"
#: A mind racing without sleep.
_NO_SLEEP = "not slept, no sleep, not sleeping, up all night, awake for"
_RACING = (
    "talking fast, talking really, racing thoughts, spending, manic, billionaire, grand plans, "
    "invincible, convinced, not making sense, god, chosen, mission"
)
_NOT_WAKING = "not wake, not waking, not wake up, not waking up"
#: Someone lying still.
_STILL = "not moving, unresponsive, face down, limp, not breathing"
_LYING = (
    "lying, on the floor, on the ground, in the yard, in the bath, in the pool, in bed, fell, "
    "stairs, collapsed"
)
_STILL_BENIGN = "car, truck, house, out, forward, along, money, apartment"
#: A child who swallowed what no one should.
_INGESTED = "drank, swallowed, ate, eaten, drinking, licked, got into"
_HOUSEHOLD_POISON = (
    "soap, bleach, detergent, cleaner, pods, battery, batteries, magnets, medicine, pills, "
    "chemicals, antifreeze, lighter fluid, vitamins, gummies, thinners, blood pressure, "
    "heart pills, medications, meds, tablets"
)
#: A drink that was spiked, or too much of one.
_UNSTEADY = "slurring, not stand, not stand up, passed out, not walk, falling over"
_DRINK_AT = "drink, drinks, spiked, drugged, bar, party, roofied"
#: Control at home: kept from people, watched, money and keys taken.
_CONTROL = (
    "keeps me from, not let me see, not let me go, reads all my, checks my phone, tracks my, "
    "controls my money, takes my money, took my keys, took my phone, takes my phone"
)
#: Things that watch or speak to someone, in their mind.
_DEVICE = "tv, television, radio, phone, computer, walls, neighbors, cameras, microwave"
_WATCHING = (
    "watching him, watching her, was watching, watching us, listening to him, "
    "listening to her, talking to him, talking to her"
)
#: Talking to someone no one else can see.
_TALKING_TO = "whispering to, talking to someone, talking to people, arguing with someone"
_NO_ONE_THERE = "nobody is, no one is, nobody in there, nobody there, no one there, not there"
#: Drugs taken, and a body racing.
_TOOK_DRUGS = "took some, took pills, took something, molly, ecstasy, drugs, pills"
_RACING_BODY = (
    "heart is racing, heart racing, shaking, seizing, overheating, burning up, not breathing, "
    "throwing up"
)
#: Held under water, held down.
_HELD = (
    "face under the, head under the, under the water, held my face, held my head, "
    "held me under, held me down, pinned me, pinned me down"
)
#: Someone who got in and is still there.
_BROKE_IN = "broke in, broken in, breaking in, break in, got in through, climbed in"
_STILL_THERE = "hiding, is here, still here, inside, in the house, in my house, upstairs"
#: A confused or frightened person walking into traffic.
_INTO_TRAFFIC = (
    "onto the highway, into traffic, onto the freeway, into the road, onto the tracks, "
    "into the street, onto the interstate"
)
#: A threat of worse to come.
_NEXT_TIME = "next time it, next time i, next time he, you are next, be next, it will be my"
_NOT_WAKING_BENIGN = (
    "early, morning, alarm, in time, on time, myself, i can not, school, work, for class, "
    "for the, tired, sleep in"
)
#: Words that say a child is the one at risk ("my 10 year old", "a little boy").
_CHILD = (
    "kid, kids, child, children, baby, babies, toddler, infant, newborn, boy, girl, little one, "
    "son, daughter, niece, nephew, twins, stepson, stepdaughter, grandson, granddaughter, "
    "year old, years old, preschooler, kindergartner, kindergartener, first grader, preteen"
)
#: Someone gone silent.
_SILENT = (
    "not answer, not respond, not responding, not reply, not replying, "
    "not pick, not picking, not pick up, not pickup, no answer, not heard, not call back, "
    "phone off, phone dead, straight voicemail, goes voicemail, going voicemail, not reach, "
    "can not reach, not read, went silent, gone silent, not open, not opening, not answered, "
    "stopped answering, not come back, not back, not home, disappeared, no one can reach, "
    "nobody can reach, no one has heard, nobody has heard, location off, location turned off, "
    "stopped responding, stopped replying, logged off, "
    "turned off her location, turned off his location, she is gone, he is gone, is missing, "
    "window is open, went quiet, gone quiet"
)
#: What came before the silence that makes it frightening.
_BEFORE_SILENCE = (
    "note, goodbye, bye, photo, picture, pic, pills, sorry mom, sorry dad, said sorry, "
    "saying sorry, sorry for everything, love you, forgive, done, "
    "last message, weird message, strange message, scary message, worrying, posted, "
    "gun, bridge, rope, overdose, suicidal, car gone, letter, loves us, love us, loves you, "
    "love you all, loves us all, group text, crying, was sorry, loves me, take care of, "
    "look after, other side, sorry for being, bad father, bad mother, bad dad, bad mom, "
    "apology, apologized, apologizing, truck is gone, truck gone, vet records, passwords"
)
_SILENCE_BENIGN = (
    "late, running late, reschedule, cancel, cancelled, missing, missed, front desk, "
    "email address, voicemail box, invoice, bill, billing, forms, form, website, upload, "
    "uploaded, app, account, with this week, done with this, communication policy"
)
#: A carer who left and has not come back, or no one at all.
_UNCARED = (
    "left alone, home alone, all alone, been alone, is alone, alone since, alone for, alone in, "
    "by himself, by herself, by themselves, unattended, abandoned, nobody is, nobody in, "
    "nobody with, nobody watching, nobody around, nobody came, nobody there, nobody here, "
    "no one is, no one in, no one with, no one watching, no one around, no one came, "
    "no one there, no one here, not come back, not back, never came, never come, "
    "left him, left her, left them, mom left, dad left, mother left, father left, "
    "parents left, mom gone, dad gone, not around, locked outside, shut outside, "
    "left outside, out in the cold, middle of the, in the street, in the road, down the street, "
    "middle of our, walking down, sleeping on the, sleeping outside, sleeping in the car, "
    "in a parked car, parked car"
)
#: Where and for how long: what turns "by herself" into a child left alone.
_UNCARED_WHEN = (
    "hour, hours, ago, all day, all night, overnight, crying, wandering, street, road, "
    "parking, parking lot, car, outside, waiting room, lobby, store, dark, yesterday, last night, "
    "scared, cold, not come back, not back, alone since, freezing, since this, since last"
)
_UNCARED_BENIGN = (
    "no one to, nobody to, babysitter, babysit, sitter, childcare, bring, allowed, during, "
    "ok if, okay if, is it ok, is that ok, sometimes, a lot, often, his room, her room, "
    "their room, gaming, playing, will be, after school, alone with, alone w, by myself with"
)
#: What happens to a child that no one should do to a child.
_CHILD_HURT = (
    "bruise, bruises, bruised, burn marks, cigarette burns, welts, black eye, broken arm, "
    "hits, hitting, beat, beats, beaten, slaps, kicks, starving, not fed, tied, chained, "
    "scared go home, afraid go home, scared to go home, afraid to go home, not want go home, "
    "head under, under the water, under water, holds her down, holds him down, shakes, "
    "shook, chokes, choked, smothers, drags, dragged, floppy, limp, turning blue, thud, "
    "screams at them, screaming at them, screams at her, screams at him, neglected, filthy, "
    "afraid to go back, scared to go back, afraid of her dad, afraid of his dad, "
    "offering him rides, offering her rides, offered him a, offered her a, in a van, "
    "get in his car, strange man, older man, and it hurts, it hurts when, hurts her, hurts him, "
    "not talk about it, will not talk about, not say what happened, alone with him, "
    "year old man, grown man, adult man, makes her do things, makes him do things, "
    "made her do things, made him do things, do things to her, do things to him, flinches, "
    "flinch, cowers, raises her hand, raises his hand, handprint, hand print, marks on her, "
    "marks on his, asking for pictures, asking her for, sending her gifts, sending him gifts, "
    "met online, met in a game, an adult she, an adult he"
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
    "not say who, wont say who, promise not tell, gives her candy, gives him candy, "
    "special games, their games, "
    "delete the messages, delete messages, delete the texts, delete texts, delete the photos, "
    "not tell, on his lap, on her lap, sit on his"
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
    "can fly, controlling him, controlling her, through the wifi, through the tv, "
    "in her attic, in the attic, in his attic, strangers living, people living in, billionaire, "
    "millionaire, president, royalty, grand plans, possessed, exorcism, tampered, tampering, "
    "putting something in, world is ending, end of the world, the world is ending"
)
_LOST_MIND = (
    "not know what year, not know where, not know who, not recognize, not recognise, "
    "not know what day, what year, not know her, not know his, not tell me his, "
    "not tell me her, not remember where, forgot where he, forgot where she, "
    "not know how she, not know how he, how she got there, how he got there"
)
#: Signs of a head injury, a stroke, a body in trouble.
_HEAD = (
    "hit his head, hit her head, hit my head, head injury, fell, fall, banged his head, "
    "fell off, fell down"
)
_HEAD_SIGN = (
    "confused, throwing up, vomiting, not making sense, passed out, not wake, blacked out, "
    "slurring, dizzy, cannot stand, not stand up, sleepy, drowsy, acting weird, "
    "acting strange, lethargic, not acting right"
)
_STROKE = "not feel, numb, numbness, drooping, droopy, slurring, slurred, weak, garbled, not lift"
_STROKE_WHERE = "arm, face, leg, side, speech, words, one side, half my, half his, half her"
_STROKE_BENIGN = "my feelings, any feelings, anything, emotions, tired, hungry"
#: Someone come to harm at the door, with something to do it with.
_AT_DOOR = (
    "showed up, turned up, at our door, at my door, at the door, outside, banging, break in, "
    "breaking in, kicking the door, pounding"
)
_BLUNT = "bat, hammer, crowbar, machete, axe, tire iron, baseball bat"
_BODY_IN_TROUBLE = (
    "asthma attack, inhaler not, epipen, foaming at the mouth, not breathing, stopped breathing, "
    "lips are blue, lips blue, turning blue, going blue, coughing up blood, vomiting blood, "
    "throwing up blood, overdosing, anaphylaxis, anaphylactic, throat is swelling, "
    "throat swelling, throat closing, throat is closing, tongue is swelling, face is swelling"
)
#: Someone who means harm, and what they say they will do.
_THREAT = (
    "going to, gonna, will, threatening, threatened, says he, says she, said he, said she, "
    "swears, swore"
)
_HARM_ACT = (
    "burn down, burn house, set fire, shoot, stab, take everyone, "
    "taking everyone, with me in, with us in, come after, end us, bury, burn the place, "
    "burn it down, with my kids in, with the kids in"
)
_WHO_HARMS = (
    "he, she, husband, wife, boyfriend, girlfriend, partner, ex, dad, father, mom, mother, "
    "stepdad, brother, son, neighbor, uncle"
)
_THROWN_AT = "threw, throws, throwing, thrown, hurled, swung"
_AT_PERSON = "at me, at her, at him, at us, at my, at the kids, at the baby"
#: A mind that has lost its way, told plainly.
_UNMOORED = (
    "not know where, not know who, not recognize, not recognise, not know what year, "
    "talking nonsense, making no sense, not making sense, convinced, "
    "babbling, wandering, confused, paranoid, manic, acting strange, acting weird, "
    "acting crazy, seeing things, hearing things, pajamas, pyjamas, talking to the mirror, "
    "talking to herself, talking to himself, talking to nobody, talking to the wall"
)
_UNMOORED_WHO = (
    "he, she, husband, wife, mom, mother, dad, father, grandma, grandpa, grandmother, "
    "grandfather, brother, sister, son, daughter, roommate, friend, partner, boyfriend, "
    "girlfriend, aunt, uncle"
)
_UNMOORED_SIGN = (
    "not slept, not sleeping, no sleep, suddenly, scared, yelling, screaming, running, street, "
    "outside, middle of night, 3am, 2am, 4am, at night, all night, naked, barefoot, lost, "
    "police, fbi, cia, government, aliens, "
    "devil, god, dead, famous, chosen, poison, poisoning, spying, follow, following"
)

OTHERS: tuple[Together, ...] = (
    Together("beliefs no one else shares", _TALKING_TO, _NO_ONE_THERE, benign="phone, call"),
    Together("a medical emergency", _TOOK_DRUGS, _RACING_BODY, benign="coffee, caffeine"),
    Together(
        "violence or control",
        "leaving this house alive, leave this house alive, not leaving alive, get out alive",
    ),
    Together("beliefs no one else shares", _DEVICE, _WATCHING, benign="show, movie, game, baby"),
    Together("violence or control", _WHO_HARMS, _HELD),
    Together("violence or control", _BROKE_IN, _STILL_THERE, benign="car, account, shoes, email"),
    Together("a medical emergency", "walk, walked, wandered, tried, ran, running", _INTO_TRAFFIC),
    Together("violence or control", _WHO_HARMS, _CONTROL, benign="charger, battery, bill"),
    Together("a medical emergency", _STILL, _LYING, benign=_STILL_BENIGN),
    Together("a child in danger", _CHILD, _INGESTED, _HOUSEHOLD_POISON),
    Together("a medical emergency", _UNSTEADY, _DRINK_AT),
    Together("a medical emergency", "spiked, drugged, roofied", benign="punch, eggnog"),
    Together("violence or control", _WHO_HARMS, _NEXT_TIME, benign="session, appointment"),
    Together("violence or control", _LOCKED, _LOCKED_WHO, _LOCKED_WHERE, benign=_LOCKED_BENIGN),
    Together("beliefs no one else shares", _UNMOORED_WHO, _NO_SLEEP, _RACING),
    Together("a medical emergency", _NOT_WAKING, benign=_NOT_WAKING_BENIGN),
    Together(
        "someone not answering after a warning", _SILENT, _BEFORE_SILENCE, benign=_SILENCE_BENIGN
    ),
    Together("a child alone or unsafe", _CHILD, _UNCARED, _UNCARED_WHEN, benign=_UNCARED_BENIGN),
    Together(
        "a child hurt",
        _CHILD,
        _CHILD_HURT,
        benign=(
            "hurt feelings, burned out, at practice, in practice, playing hockey, playing "
            "soccer, playing football, playing basketball, playing rugby, at hockey, at soccer, "
            "at basketball, at football, at rugby, at lacrosse, at gymnastics, at karate, at "
            "wrestling, sprained, from rugby, from hockey, from soccer, from football, "
            "from practice, from the game, from a fall, in a fall, last season, fell off, "
            "at the game, at a game, at his game, at her game, drag him across, drag her across, "
            "soccer team, sports, workout, from falls, falls on the ice, nothing broken, "
            "across town"
        ),
    ),
    Together(
        "violence or control",
        _WHO_HARMS,
        _THREAT,
        _HARM_ACT,
        benign="hurt feelings, my feelings, kill time, buried my, funeral, pretend, "
        "cops and robbers, his finger, her finger, nerf, video game, water gun",
    ),
    Together("violence or control", _THROWN_AT, _AT_PERSON, benign="party, ball, frisbee, up"),
    Together("beliefs no one else shares", _UNMOORED_WHO, _UNMOORED, _UNMOORED_SIGN),
    Together("violence or control", _IF_I_GO, _THEN_HARM, benign=_IF_BENIGN),
    Together("a child telling of abuse", _CHILD, _SECRECY, benign=_SECRECY_BENIGN),
    Together("a child alone or unsafe", _CHILD, _NOT_FED, _NOT_FED_WHEN, benign="lunch, breakfast"),
    Together("beliefs no one else shares", _UNMOORED_WHO, _BELIEVES, _BELIEF),
    Together("beliefs no one else shares", _UNMOORED_WHO, _LOST_MIND),
    Together("a medical emergency", _HEAD, _HEAD_SIGN),
    Together("a medical emergency", _STROKE, _STROKE_WHERE, benign=_STROKE_BENIGN),
    Together("a medical emergency", _BODY_IN_TROUBLE),
    Together("violence or control", _WHO_HARMS, _AT_DOOR, _BLUNT, benign="game, practice"),
)
