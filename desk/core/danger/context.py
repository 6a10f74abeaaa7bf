"""The words around weak signs of danger: when and how much, what rules a sign out or
explains it away, and a caller's reassurance.

"Right now" and "for hours" make a sign stronger; "no pills" rules one out; "hurt her
feelings" and "nearly broke my neck" are figures of speech; "moving away" explains a farewell
and "hockey" an injury; "he's fine" reassures, about what can be an accident. Data for
`desk.core.danger.weigh`, beside the kinds in `desk.core.danger.weights`.
"""

from __future__ import annotations

#: Kinds that tell when or how much: they strengthen a sign, and are no sign alone.
BOOSTS: dict[str, tuple[float, str]] = {
    "now": (
        0.4,
        """days, two days, three days, in days, third time, second time, again and again, keeps
        happening, right now, now, tonight, today, this morning, this afternoon, this evening,
        at the moment, currently, this minute, as we speak, just now, just found, just saw, just
        got, just happened, still, again, keeps, every night, every day, hours, an hour, all
        day, minutes ago, an hour ago, since, this weekend, after this weekend, tomorrow""",
    ),
    "distress": (
        0.3,
        """scared, afraid, terrified, frightened, panicking, panic, crying, screaming, yelling,
        shaking, frantic, desperate, freaking out, hysterical, sobbing, begging, worried sick,
        really worried, so worried, help, please help, do not know what to do""",
    ),
}

#: Words that, just before a single word of a kind, rule it out ("no pills", "not alone").
NEGATIONS = frozenset(("not", "no", "never", "without"))

#: Figures of speech this adding-up leaves alone: whole phrases that borrow a kind's words.
BENIGN = """hurt her feelings, hurt his feelings, hurt my feelings, hurts my feelings, hurt
    their feelings, hurt your feelings, hurts her feelings, hit her up, hit him up, hit me up,
    hit up, shoot her a, shoot him a, shoot me a, shoot an email, shoot a text, beat the
    traffic, beat traffic, beat the rush, take a shot, a shot, flu shot, booster shot, screen
    shot, screenshot, last name, first name, final exam, final exams, finals, final bill, final
    payment, last week, last month, last year, high school, junior high, high five, on the road,
    hit the road, blood work, blood test, blood pressure, blood draw, high blood, cold and flu,
    fell asleep, fit me in, fits me in, fit us in, fits me, fit her in, fit him in, good fit,
    throw a fit, threw a fit, throwing a fit, pitch a fit, forever to, takes forever, took
    forever, taking forever, fell in love, home alone with the kids, home alone with my kids,
    home alone with the baby, alone with the kids, alone with my kids, alone with the baby,
    alone with the, alone w, by myself with, moving his, moving her, moving their, moving the,
    moving my, highway robbery, parking ticket, speeding ticket, got a ticket, nearly broke,
    almost broke, snow piled, piled up everywhere, is a handful, such a handful, bit of a
    handful, real handful, quite a handful, breathing down my neck, down my neck, pain in the
    neck, secret santa, secret santas, given up the ghost, gave up the ghost, nearly broke my
    neck, almost broke my neck, zombie attack, zombie attacks, not the end of the world, not end
    of the world, through the roof, bat mitzvah, bridge loan, gift card balance, out of office,
    one side of town, in the car on, in the car during, in my car, from my car, from the car,
    sitting in the car, kid free"""

#: Words that explain a kind away, anywhere in the question: it counts half ("won't be back
#: for two weeks, I'm on a trip"; "home alone after school").
CALM: dict[str, str] = {
    "at-hand": """instagram, facebook, tiktok, twitter, social media, linkedin, snapchat, online""",
    "hospital": """scheduled, surgery, replacement, planned, routine, checkup, visiting, having
        our baby, having a baby""",
    "drink": """as prescribed, like the doctor says, every morning, every night, daily, my
        doctor""",
    "means": """deer, duck, elk, hunting season, hunting trip, shooting range, gun safe, nerf""",
    "farewell": """landlord, emotional support, lawyer, attorney, estate planning, records, last
        week, last month, last year, years ago, passed away, was last, town, trip, vacation,
        holiday, moving to, moving away, are moving, am moving, moving house, moving out of,
        relocating, college, university, retire, retiring, retired, graduation, new job, another
        practice, new counselor, different counselor, switching, travel, traveling, business,
        deployment, maternity, surgery""",
    "alone": """will be home alone, will be alone, home alone after school, alone after school,
        before school, for work, at work, latchkey, babysitter, sitter, grandma is, grandpa is,
        neighbour is, neighbor is""",
    "injury": """falls on the ice, on the ice, nothing broken, slipped, bike, fell off his bike,
        gymnastics, beam, competition, plays, playing, game, games, video game, zombie,
        practice, hockey, soccer, football, basketball, rugby, wrestling, boxing, karate,
        lacrosse, sprained, sprain, tournament, skating, trampoline""",
    "body": """last week, last month, last year, years ago, weeks ago, gymnastics, beam,
        practice, competition, game, match, hockey, soccer, football, basketball, rugby,
        surgery, tonsils, knee, hip, checkup, check up, scheduled, routine, all fine, fine now,
        doing fine, doing better, recovering, recovered, good news, thank goodness, nothing
        serious, physical therapy, the flu, a cold, covid""",
}

#: Words that say all is well or ordinary: a situation told with them is no sign on its own,
#: and the adding-up counts half what can be an accident. Words of dying still count in full.
REASSURED = """but fine, but ok, but okay, he ok, she ok, he okay, she okay, he fine, she fine,
    they fine, they ok, we fine, we ok, i fine, i ok, all fine, all good, all ok, totally
    normal, normal stuff, perfectly normal, totally fine, nothing serious, no big deal, not a
    big deal, nothing to worry, not worried, nothing wrong, just fine, doing fine, doing great,
    doing well, he good, she good, still playing, he alright, she alright, everyone fine,
    everyone ok, kids fine, kids ok"""
