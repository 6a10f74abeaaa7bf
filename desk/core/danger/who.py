"""Who is at risk, and who is near them: kinds that only say who, and add to a sign.

A child, an elder or someone vulnerable makes being alone, a secret or a body in trouble
worse; an adult too close to a child makes a secret or a meeting worse; a partner makes a blow,
a threat or control worse. None of them is a sign alone. Data for `desk.core.danger.weigh`,
beside the signs in `desk.core.danger.weights`.
"""

from __future__ import annotations

#: kind -> (weight, what it is, words and phrases).
WHO_KINDS: dict[str, tuple[float, str, str]] = {
    "vulnerable": (
        0.5,
        "a child or someone vulnerable",
        """little lad, lad, wee one, little kid, little kids, about five, lil bro, lil sis,
        little brother, little sister, baby brother, baby sister, younger brother, younger
        sister, kid brother, kid sister, stepson, stepdaughter, stepkid, stepkids, grandson,
        granddaughter, grandchild, grandchildren, grandkid, grandkids, schizophrenia,
        schizophrenic, bipolar, psychosis, group home, care home, nursing home, memory care,
        autism, autistic, nonverbal, non verbal, special needs, down syndrome, aged, child,
        children, kid, kids, toddler, baby, babies, infant, newborn, little boy, little girl,
        little one, son, daughter, boy, girl, teen, teenager, teenage, preteen, year old, yr old,
        yo, grade, kindergarten, kindergartner, preschool, grandma, grandpa, grandmother,
        grandfather, granny, nana, elderly, dementia, alzheimer, disabled, disability, niece,
        nephew, foster, student, minor, pregnant""",
    ),
    "partner": (
        0.6,
        "a partner",
        """husband, boyfriend, bf, ex, ex husband, ex boyfriend, partner, wife, girlfriend, gf,
        fiance, fiancee""",
    ),
    "adult": (
        0.5,
        "an adult too close to a child",
        """boyfriend is num, boyfriend who is num, older boyfriend, grown boyfriend, girlfriend
        is num, never seen him, never seen her, not know him, a stranger, caretaker, caregiver,
        carer, aide, home aide, daddy, mommy, some man, some guy, a man, this man, this guy, some
        dude, random guy, random man, coach, coaches, teacher, tutor, uncle, stepdad, stepfather,
        stepmom, mom boyfriend, mother boyfriend, boyfriend of, neighbor, neighbour, older man,
        older guy, older boy, grown man, grown up man, adult, stranger, youth pastor, pastor,
        priest, babysitter, sitter, online friend, met online, met in a game, in a game, on
        discord, on snapchat, on roblox, gamer, gifts, gift card, presents, bought her, bought
        him, buying her, buying him, buys her, buys him, man in his, taking him out, taking her
        out, takes him out, takes her out, sends her, sends him, sending her, sending him,
        pictures, photos, pics, selfies, nudes, video chat, sleepover, sleep over""",
    ),
}
