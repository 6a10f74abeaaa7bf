"""The caller's own danger, told in pieces: the means and how much, care ended for good,
last words passed on, belongings handed out, a plan or a place, fear of oneself.

"Can you tell my therapist I won't need next week's appointment, or any after that", "I've got
everything sorted for tonight", "I took way more of my seroquel than I should have". Data for
`desk.core.danger.pieces`, read by `desk.core.danger.detect`.
"""

from __future__ import annotations

from desk.core.danger.pieces import Together

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
    "more than prescribed, too much, too many, extra, double, triple, one after another, "
    "can not stop taking, keep taking"
)
#: Taking the means, then how much: "took all my lithium", "had most of the bottle".
_TOOK = "took, taken, swallowed, downed, chugged, drank, ate, had, finished, took all, took most"
_TOOK_HOW_MUCH = "all, most, whole, every, rest, half, all my, all her, all his, all of"
#: Wanting the counselor told that the care is over for good.
_NO_MORE_CARE = (
    "not need, not needing, not be needing, not coming, not be coming, not be there, "
    "not be around, not be here, off the schedule, take me off, "
    "not be at, not making, not make it, cancel all, cancel every"
)
#: What is no longer needed: the counselor or the care itself, not a reminder or a form.
_CARE = (
    "appointment, appointments, session, sessions, therapy, counseling, counselor, counsellor, "
    "therapist, her, him, them, you, help, care, visits, schedule, me"
)
_FOR_GOOD = (
    "any others, any other, any after, after that, anymore, any more, ever again, any of, "
    "rest of, the rest, "
    "from now, for good, last one, never, permanently"
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
    "did what she could, did what he could, did what you could, last message, my last words, "
    "tell her bye, tell him bye, say bye, said bye, tell you bye, my file for good, "
    "only one who tried, the only one who, at peace now, i am at peace, blame herself, "
    "blame himself, blame yourself, blame themselves, for what happens, putting up with me, "
    "put up with me, i have decided, "
    "their fault, her fault, his fault, your fault, anyones fault, goodbye from me, "
    "bye from me, she will understand, he will understand, they will understand"
)
_MESSENGER = (
    "tell, let know, know that, pass, message for, wanted say, just wanted, want her, "
    "want him, want my, to know, everyone know"
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
    "how i will do, how i am going, how to do it, would do it, enough to do it, which pills, "
    "what pills, a way to stop, way to stop hurting"
)
_PLAN_WHEN = (
    "pick the day, picked the day, pick a day, picked a day, the date, set a date, chosen, "
    "know how, know when, figured out how, decided, ready, looked up, searched, googled, "
    "researched, i have them, figured out, permanently"
)
_PLAN_BENIGN = "form, forms, email, text, website, pay, payment, portal, app, login"
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
_LAST_BENIGN = (
    "retire, retiring, retired, graduated, card, gift, review, party, she helped, he helped, "
    "you helped, really helped, moving, moved, trip, vacation, holiday"
)
#: Things left to someone in so many words: "leaving my bike to my brother".
_LEAVING_TO = "leaving my, leave my, leaving all my, left my"
_BEQUEST = "to my, to his, to her, written down, in my will, who gets"
_BEQUEST_BENIGN = (
    "at home, in the car, at work, for repair, at the office, by mistake, charger, voicemail, "
    "a message, extension, buried"
)
#: A place chosen, and a time.
_SPOT = (
    "spot picked, picked out a, picked a spot, place picked, chosen a place, chose a place, "
    "found a spot, found the place, found a place, know where i will, a high place, "
    "high place, place nobody goes, place no one goes"
)
_SPOT_WHEN = (
    "tonight, today, going there, this weekend, tomorrow, after work, when dark, this evening, "
    "i am going"
)
#: A blade at hand, where it would be used.
_BLADE = "blade, blades, razor blade, box cutter, scalpel"
_BLADE_WHERE = "tub, bath, bathtub, bathroom, wrist, wrists, in my hand, holding, for an hour"
#: Something handed on because it will not be needed.
_NEED_IT = (
    "not be needing it, not need it anymore, will not need it, not be needing them, "
    "not need them anymore"
)
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
#: Things kept for life, handed on while their owner is still here.
_GIVING = (
    "giving away, give away, gave away, handing out, handed out, giving out, gave out, "
    "up for adoption, rehomed, rehoming, found a home, found homes"
)
_KEEPSAKES = (
    "guitar, guitars, watch, ring, jewelry, things, stuff, belongings, possessions, games, "
    "clothes, collection, cat, dog, pets, favorite, prized, everything, car, bike, laptop, "
    "computer, savings, money, house, journal, journals, diary, notebooks"
)
_GIVING_BENIGN = (
    "old, donate, donating, donation, charity, furniture, couch, office, sale, sell, numbers, "
    "number, personal, email, address, information, info, candy, flyers"
)
#: Getting ready for tonight without saying for what.
_READY = "sorted, arranged, planned, ready, prepared, figured out, worked out, set"
_TONIGHT = "tonight, tonite, this weekend, tomorrow"
_READY_BENIGN = (
    "session, appointment, call, party, dinner, trip, flight, meeting, move, recipe, groceries"
)
_EVERYTHING = "everything, it all, all set, affairs, things"
#: Not seeing someone again, said as a fact.
_NEVER_AGAIN = (
    "not see her again, not see him again, not see you again, not see them again, "
    "never see her, never see him, never see you, never see them, not talk again"
)
#: Going somewhere and not coming back.
_NOT_RETURNING = "not come back, never come back, not coming back, not be coming back"
_I_GO = "i am going, i will, tonight, alone, going to, i am leaving, heading out"
_NOT_RETURNING_BENIGN = "practice, office, rude, clinic, this place, group, " + _CARE_ENDS_BENIGN
#: The means of a death by fumes.
_FUMES = "charcoal, hose, duct tape, exhaust, helium, exit bag, nitrogen"
_FUMES_WHERE = "car, garage, tent, bathroom, room, sealed, bag, tank"
_FUMES_BENIGN = "grill, bbq, barbecue, cookout, balloons, balloon, party, camping trip"
#: No reason left.
_NO_REASON = (
    "no reason to, nothing to live, no reason left, nothing left to, no reason for me, "
    "running out of reasons, out of reasons, no more reasons, no reasons"
)
#: A pet handed on for good.
_PET_TAKEN = (
    "take the dog, take my dog, take the cat, take my cat, take my pets, have my dog, "
    "have my cat, keep my dog, keep my cat"
)
_FOR_GOOD_PET = "not need to worry, will not need, arranged, forever, for good, permanently"
_PET_BENIGN = "vacation, trip, while, during, session, week, weekend, vet, walk"
_BENEFICIARY = "beneficiaries, beneficiary, life insurance"
_SEEN_TO = "updated, changed, made sure, sorted, taken care, done"
_WRITTEN_DOWN = "written everything, wrote everything, written it all, wrote it all, passwords"
_FOR_FAMILY = (
    "for my kids, for my family, for my children, for my wife, for my husband, for them, "
    "my kids, my family"
)
_WRITTEN_BENIGN = "session, counselor, therapist, appointment, forms, intake, school"
_NO_FUTURE = (
    "not see any future, not see a future, not see any point, not see the point, "
    "future for myself, no future for"
)
_LOOKOUT = "lookout, bridge, cliff, overlook, pier, tracks, dam, quarry"
_NOT_COMING_HOME = (
    "not want to come, not want to drive, not coming home, for hours, not come home, not going home"
)
#: Belongings handed on so nothing is wasted.
_NO_WASTE = "nothing goes to waste, nothing will go, will not need them, someone can use"
#: The last days, accepted.
_LAST_DAYS = "my last week, my last day, my last night, my last weekend"
_ACCEPTED = "accepted, this is, ready, ok with, okay with, at peace"
_LAST_DAYS_BENIGN = (
    "job, work, school, class, office, vacation, lease, apartment, insurance, moving, session, "
    "appointment, therapy, counseling"
)
#: Joining the dead.
_JOIN = "be with, join, go to, see, meet"
_BEYOND = "in heaven, heaven, the other side"
_BEYOND_BENIGN = "church, sermon, pastor, movie, book, show, song"
_STEP_OFF = (
    "step off the platform, step off the ledge, step off the roof, step off the edge, "
    "step off the bridge, front of the train, front of a train"
)
_TO_STAY = (
    "stay, live, keep going, go on, be here, get up, stick around, anymore, try, wake up, for"
)
_NO_REASON_BENIGN = "office, practice, group, wait, waiting, call, email, text, worry"
#: The means gathered, without naming them.
_WHAT_I_NEED = "got what i need, have what i need, bought what i need, everything i need"
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
_AMOUNT_BENIGN = (
    "refill, refills, pharmacy, money, coupon, insurance, cost, as prescribed, supposed, "
    "every day, "
    "every morning, every night, daily, on time, on lots, on a lot, on a bunch, on so many, "
    "upped, increased my dose, new dose"
)
_FEAR = "scared, afraid, terrified, frightened, worried, fear"
_OWN_ACT = (
    "what ill, what i will, what i might, what i could, what i do, what i am going, ill snap, "
    "i will snap, lose control, do something to, something i regret, hurt someone, "
    "lose it on him, lose it on her, lose it on them, lose it on my"
)

#: Asking whether this is a crisis line, and needing someone now: the question is no sign
#: alone ("is this a crisis line or just for appointments?"), the need with it is.
_THE_LINE = "crisis line, crisis lines, crisis number, hotline, crisis hotline"
_NEED_SOMEONE = (
    "need to talk, needs to talk, need talk, need someone, need somebody, need help, "
    "needs help, need to speak, talk to someone, talk to somebody, keep myself safe, "
    "keep herself safe, keep himself safe, not ok, not okay, not safe, rly need, where else, "
    "who else, not doing good, not doing well, crying, whispering, sobbing"
)
_NOW = (
    "now, right now, rn, fast, asap, urgent, urgently, immediately, tonight, really, "
    "desperately, please, safe, ok, okay, rly, at all, to call, call, name, 2am, 3am, 4am"
)

OWN: tuple[Together, ...] = (
    Together(
        "talk of dying",
        "sleep for good, sleep forever, asleep for good, never wake up",
        benign="baby, babies, toddler, newborn, infant, kid, kids, pet, dog, cat",
    ),
    Together("someone who needs help now", _THE_LINE, _NEED_SOMEONE, _NOW),
    Together("a plan or the means", _WHAT_I_NEED, _TONIGHT, benign=_READY_BENIGN),
    Together("a goodbye", _NO_WASTE, "giving, gave, give, handed, handing, mailed"),
    Together("talk of dying", _LAST_DAYS, _ACCEPTED, benign=_LAST_DAYS_BENIGN),
    Together("fear of what they might do", _FEAR, "stop myself, control myself, trust myself"),
    Together("the means", _BLADE, _BLADE_WHERE, benign="grass, mower, skate, skates, fan"),
    Together("a goodbye", _NEED_IT, _KEEPSAKES, benign=_CARE_ENDS_BENIGN),
    Together("a goodbye", _PET_TAKEN, _FOR_GOOD_PET, benign=_PET_BENIGN),
    Together("a goodbye", _BENEFICIARY, _SEEN_TO, benign="letter, counselor, therapist, claim"),
    Together("a goodbye", _WRITTEN_DOWN, _FOR_FAMILY, benign=_WRITTEN_BENIGN),
    Together("fear of what they might do", "do to myself, do something to myself"),
    Together("hopelessness", _NO_FUTURE),
    Together("a plan or the means", _LOOKOUT, _NOT_COMING_HOME),
    Together("talk of dying", _JOIN, _BEYOND, benign=_BEYOND_BENIGN),
    Together("the means", _STEP_OFF),
    Together("a goodbye", _NEVER_AGAIN, benign=_CARE_ENDS_BENIGN),
    Together("a goodbye", _NOT_RETURNING, _I_GO, benign=_NOT_RETURNING_BENIGN),
    Together("the means", _FUMES, _FUMES_WHERE, benign=_FUMES_BENIGN),
    Together("hopelessness", _NO_REASON, _TO_STAY, benign=_NO_REASON_BENIGN),
    Together("pills or alcohol", _PILLS + ", " + _DRINK, _AMOUNT, benign=_AMOUNT_BENIGN),
    Together(
        "pills or alcohol", _PILLS + ", " + _DRINK, _TOOK, _TOOK_HOW_MUCH, benign=_AMOUNT_BENIGN
    ),
    Together("finality", _NO_MORE_CARE, _CARE, _FOR_GOOD, benign=_CARE_ENDS_BENIGN),
    Together("a goodbye", _LAST_WORDS, _MESSENGER, benign=_LAST_BENIGN),
    Together("a goodbye", _GIVING, _KEEPSAKES, benign=_GIVING_BENIGN),
    Together("a plan or the means", _EVERYTHING, _READY, _TONIGHT, benign=_READY_BENIGN),
    Together("a plan or the means", _IMAGINE, _DYING_ACT, benign="vacation, trip, holiday"),
    Together("fear of what they might do", _FEAR, _OWN_ACT),
    Together(
        "fear of what they might do", _URGE, _URGE_ACT, benign="buy, shop, shopping, eat, call"
    ),
    Together("talk of dying", _NOT_HERE, _NOT_HERE_WHEN, benign=_NOT_HERE_BENIGN),
    Together("a plan or the means", _PLAN, _PLAN_WHEN, benign=_PLAN_BENIGN),
    Together("a plan or the means", _HEIGHT, _HOW_FAR, benign="view, photo, pictures, party"),
    Together("a goodbye", _LEAVING_TO, _KEEPSAKES, _BEQUEST, benign=_BEQUEST_BENIGN),
    Together("a plan or the means", _SPOT, _SPOT_WHEN, benign="picnic, party, camping, date"),
    Together("talk of dying", _NOT_MAKE_IT, _DAY_AHEAD, benign=_DAY_AHEAD_BENIGN),
)
