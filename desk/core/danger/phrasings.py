"""More ways callers tell each kind of weak sign, beside those in `desk.core.danger.weights`:
phrasings found by later fresh batches ("lips kinda blue", "won't open the door", "the tv is
giving him orders"). Kind -> comma-separated words and phrases, read by
`desk.core.danger.weigh` as if they were in the kind's own list.
"""

from __future__ import annotations

PHRASINGS: dict[str, str] = {
    "body": """lips blue, blue lips, lips are blue, lips kind of blue, lips look blue, lips a bit
        blue, turning blue, gone blue, went blue, panic attack, having a panic attack""",
    "lured": """sending gifts, sends gifts, sending her gifts, sending him gifts, sends her
        gifts, sends him gifts, gifts online""",
    "alone": """not open door, not open the door, not answer the door, door was open, front
        door open, door wide open, door left open, she gone, he gone""",
    "unreal": """giving him orders, giving her orders, gives him orders, gives her orders,
        orders from, giving me orders""",
    "hurt": """has marks, he has marks, she has marks, has new marks, said he would come
        back, said she would come back, said they would come back, said he will come back, says
        he will come back""",
    "control": """checks my car, checks the mileage, checks my miles, car miles, checks my
        mileage, checks my receipts""",
    "injury": """new bruises, fresh bruises, more bruises""",
    "at-hand": """at my window, at the window, outside my window, following her car, following my
        car, following our car, following us, rammed, ran us off the road, run us off""",
}
