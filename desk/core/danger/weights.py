"""Weak signs of danger, by kind, for adding up: each means little alone, together they tell.

"My neighbour's little boy has been on the balcony by himself since lunch" joins a child,
being alone and a time. Each kind has a weight, the sign staff read, and its words and phrases
(comma separated, read as stems; two-word phrases may have a word between them). Added up by
`desk.core.danger.weigh`; who is at risk is in `who.py`, the words around a sign in `context.py`.
"""

from __future__ import annotations

#: kind -> (weight, the sign shown to staff, words and phrases).
KINDS: dict[str, tuple[float, str, str]] = {
    "hurt": (
        1.0,
        "someone being hurt",
        """hit me, hits me, hitting me, hit her, hits her, hitting her, hit him, hits him,
        hitting him, hit the kids, hits the kids, beat, beats, beating, beaten, punch, punched,
        punches, slap, slapped, slaps, kick, kicked, kicks, choke, choked, chokes, choking me,
        strangle, strangled, shove, shoved, shoves, pushed me, push me, pushed her, threw me,
        throws me, threw things, throwing things, grabbed me, grabs me, grabbed her, by the
        throat, by the neck, by the hair, pinned, smacked, smacks, whipped, stabbed, stab, shot
        him, shot her, shot me, shoot someone, attacked me, attacked her, attacked him,
        attacking me, attacking her, attacks me, attacks her, threaten, threatens, threatened,
        threatening, hurt me, hurts me, hurt her, hurts her, hurt him, hurts him, hurt them,
        hurt the kids, hurting me, hurting her, hurting him, put his hands on, put her hands on,
        lay a hand, raised his hand, broke my arm, broke her arm, broke his arm, broke my nose,
        broke her nose, broke my ribs, push down the stairs, pushed me down, pushed her down,
        rough with me, rough with her, gets rough, twisted my arm, twisted her arm, twisted his
        arm, arm behind, bent my, hurting my, hurt ppl, make him pay, make her pay, get even,
        teach him a lesson, teach her a lesson, squeezed her neck, squeezed my neck, squeezed
        too hard, finish it, go back to finish, he will find me, will find me, nothing left to
        find, anything left to find, make everyone sorry, make them sorry, make them pay,
        everyone who laughed, cleanse his family, cleanse her family, kill me if, murder me if,
        kill me when, his dad does it, her dad does it, dad does it, mom does it, did this to
        him, did this to her, make sure i never, never go anywhere again, break my other, break
        my, break your, pillow over his face, pillow over her face, pillow over, gets mad, locks
        their, locks her in, locks him in, locks mom, locked mom, locked me, locks me, locked me
        in, in her room, about to snap, going to snap, snap on, did not mean it, not mean it,
        make sure i regret, regret it, punish my family, punish them, punish her, hell find out,
        he will find out where, gonna get me, going to get me, end me, end him, end her, finish
        what he started, finish what she started, finish the job, do to the baby, do to the
        kids, do to her, do to him, do to me, do something to, hurt someone, hurt somebody, hurt
        people, going to hurt, gonna hurt, hands round my neck, hands around my neck, hands
        round her neck, hands around her neck, round my neck, around my neck, till i blacked
        out, until i blacked out, get what coming, what coming to her, what coming to him,
        letting himself in, lets himself in, let himself in, under the bathwater, under the
        water, holding him under, holding her under""",
    ),
    "injury": (
        1.0,
        "an injury",
        """finger marks, marks on her arms, marks on both, marks on neck, ribs hurt, my ribs,
        bruise, bruises, bruised, burns, burn, burned, scalded, cigarette burns, black eye,
        handprint, hand print, welts, burn marks, busted lip, split lip, broken arm, broke my,
        broke her, bleeding, blood, her neck, his neck, my neck, red and purple, purple, marks
        on her neck, marks on his neck, marks on my neck, sores, bed sores, wet clothes""",
    ),
    "control": (
        0.8,
        "someone controlled or shut in",
        """not let me leave, not let me out, not let her leave, not let him leave, took my
        phone, takes my phone, taken my phone, took her phone, smashed my phone, broke my phone,
        took my keys, took the car keys, hid my keys, locked her, locked him, locked the kids,
        locked in, not allowed to leave, not allowed out, keeps me from, checks her location,
        checks his location, tracks her location, tracks his location, location every, checks
        her phone, checks his phone, reads everything, reads my texts, reads her texts, reads
        all my, goes through my phone, reads my phone, reads her phone, checks my phone, tracks
        my, tracking my, follows me everywhere, cut me off, controls my money, took the car,
        took my car, took the money, took the kids money, took my car keys, my car keys, took my
        money, takes my money, took my passport, can not leave, cannot leave, trapped, not let
        me anywhere near, not let me near, not let me see, can not be home when, not be home
        when, when he is there, when hes there, not want to go home, shouts at him, shouts at
        her, yells at him, yells at her, screams at him, screams at her, scared to eat, scared
        when she, scared when he, scared to go home, afraid to go home, not safe at home, not
        safe to go home, taking her pension, taking his pension, taking her money, taking his
        money, taking her money, taking his bank, taking her bank, his bank card, her bank card,
        stealing from, steals from, stole from, flinch, flinches, goes quiet when, scared
        whenever, afraid whenever, scared of him, scared of her, afraid of him, afraid of her,
        terrified of him, terrified of her, court order, protective order, protection order,
        order against, no contact order, hiding from, hiding in the, hide from him, hide from
        her""",
    ),
    "at-hand": (
        1.2,
        "a threat at hand",
        """outside my door, outside the door, outside my house, outside the house, outside my
        window, outside my apartment, at my door, at the door, another state, out of state,
        across state lines, take her away, take him away, taking her away, taking him away, run
        off with, run away with, getting in one way, get in the house, get inside, getting
        inside, trying to get inside, ripped the, ripped off, kicked in, smashed the, broke the
        window, break it down, break the door, break down the door, kick the door, kicked the
        door, kick it in, walked into our, in our lobby, in the lobby, at our office, something
        in his truck, something in his car, took their passports, took the passports, took the
        kids, took our kids, left with the kids, left with our, in our driveway, in my driveway,
        in the driveway, coming in for, called the police, call the police, calling the police,
        police are here, police came, called the cops, call the cops, door handle, coming for
        her, coming for him, knows where my, knows where she parks, knows where counselor, knows
        where she lives, knows where he lives, outside her window, outside his window, outside
        her door, outside his door, outside her house, gets off work, gets home at, before he
        gets home, when he gets home, where my daughter goes, where my son goes, standing over,
        in the flat, whispering, so he can not hear, something in his backpack, something heavy
        in, in his backpack, in his bag, knows my sisters address, knows my address, back tmrw,
        back tomorrow, he is back, in the next room, in the other room, next room, at your front
        desk, inside his jacket, in his jacket, something inside his, hiding in closet, hiding
        in the closet, hiding in a closet, he coming in, within num feet, not supposed to come,
        home soon, door handles, trying all the, been in my shed, in my shed, in my garage, in
        my yard, in the yard, in my backyard, front door, back door, at my front, at the front
        door, will not go, will not leave, wait here, waiting here, coming back at, he coming
        back, she coming back, outside my, coming in to get, coming to get me, coming for me,
        trying the windows, trying the window, trying the door, trying the doors, at the window,
        at my window, across from my house, across the street, outside my work, at my work,
        outside my job, standing outside, standing across, been following, keeps following,
        baseball bat, a bat, with a bat, crowbar, machete, hammer, axe, open up, open the door,
        let him in, banging on, pounding on, outside banging, outside yelling, outside
        screaming, breaking in, broke in, break in, trying to get in, tried to get in, in my
        house, in the house with, parked outside, waiting outside, waiting for me, following me,
        followed me, follows me, showed up at, shows up at, keeps showing up, watching my house,
        watching the house, in the parking lot, he here, she here, they are here, coming over,
        coming here, on his way, on her way, knows where i live, found my address, with a knife,
        with a gun, has a knife, has a gun, got a gun, bought a gun""",
    ),
    "alone": (
        1.0,
        "someone alone, missing or gone quiet",
        """alone, by himself, by herself, by themselves, by themself, on his own, on her own,
        nobody home, no one home, no adult, no adults, no grown up, unattended, left alone, left
        the kids alone, left the baby alone, locked out, wander, wandered, wandering, gone
        missing, is missing, went missing, been missing, reported missing, missing since,
        missing for, can not find, cannot find, cant find, not find her, not find him, not come
        home, not came home, never came home, not back, not been home, ran away, run away,
        runaway, disappeared, vanished, gone since, no one answer, nobody answer, not answer,
        car in drive, car in the drive, car in driveway, car in the driveway, door locked,
        not answering, not picking up, not respond, not responding, not heard from, not seen
        her, not seen him, phone off, phone is off, left her phone, left his phone, left my
        phone, phone behind, without her phone, without his phone, went quiet, gone quiet, gone
        silent, went silent, unreachable, no one can reach, can not reach, cannot reach, crying
        for, screaming for, for hours, all night, since lunch, since noon, since breakfast,
        since dinner, since morning, since friday, since saturday, since sunday, since monday,
        since this morning, since last night, since yesterday, mail piling up, mail piled up,
        mail is piling, newspapers piling, papers piling up, lights off, lights are off,
        curtains closed, no one has seen, nobody has seen, not seen in, not been out, not come
        out, not came out, not left her room, not left his room, not been seen, not seen since,
        since the bus, dropped him off at, dropped her off at, slipped out, got out, half
        frozen, thin ice, windows up, windows are up, in a car in, for num min, num minutes, bad
        smell, smell at his door, smell coming from, ran off, last seen, last seen near, near
        hwy, near the highway, no answer, in bathroom num, in the bathroom for num, in the
        bathroom for hours, blood under, nobody knows where, no one knows where, nobody knows
        where she, nobody can find, no one can find, not find, left the house, left home, for
        days, been gone, gone from, since num, creek, river, lake, pond, canal, quarry, highway,
        train line, the woods, degrees tonight, degrees, in his slippers, in her slippers,
        slippers, getting dark, it is dark, without his phone, without her phone, not have his
        phone, not have her phone, no grownups, no grown ups, no adults, mommy left, mom left,
        dry cereal, in just a diaper, in a diaper, only a diaper, degrees out, nobody has come,
        no one has come, never came back, did not come back, not come back, nobody came, come
        looking, looking for him, looking for her, drove off, drove away, last nite, walked out,
        wandered off, walked off, freezing, in the cold, nightgown, nightie, pajamas, barefoot,
        in a hot car, in the car, in the pool, near the pool, near the road, in the street, on
        the road""",
    ),
    "secret": (
        1.0,
        "a secret kept with an adult",
        """secret, secrets, mature for her age, mature for his age, so mature, walked into a
        door, ran into a door, walked into the door, fell down the stairs, so clumsy, not talk
        about it, not talk about what, not say what happened, not tell me what happened, if he
        tells, if she tells, get sent away, sent away, what happens at, bath time, bathtime,
        what he does when, what he does to, what she does when, makes her delete, delete all
        their, delete their messages, all their messages, begs me not to say, not to say
        anything, not tell, not explain, not say how, says she fell, says he fell, said she
        fell, said he fell, not to tell, not tell anyone, not tell her mom, not tell his mom,
        not tell mom, not tell dad, not tell me, keep quiet, keep it quiet, our little, special
        friend, special friendship, would not understand, between them, between us, delete the
        messages, deletes the messages, deleted the messages, hides her phone, hides his phone,
        hidden phone, second phone, burner""",
    ),
    "lured": (
        1.0,
        "a child drawn to meet an adult",
        """we owe him, owe him, owes him, go to some party, party with his friends, a place to
        crash, our thing, texts her at night, texts her late, texting her at night, bought her a
        phone, bought him a phone, the long way, driving her home, driving him home, messaging
        her at midnight, at midnight, their little thing, our little thing, come live with, live
        with him, live with her, move in with him, meet him, meet her, meet up, meet in person,
        going to meet, sneak out, sneaking out, snuck out, bus ticket, train ticket, plane
        ticket, sent her a ticket, bought her a ticket, bought him a ticket, pick her up, pick
        him up, come get her, come get him, run away with, in person, his car, his place, her
        place""",
    ),
    "touch": (
        1.0,
        "a disclosure of sexual harm",
        """touch her, touches her, touched her, touching her, touch him, touches him, touched
        him, touching him, touched me, touches me, touching me, private parts, down there,
        inappropriate, inappropriately, undress, undressed, naked, nude, nudes, sexual,
        sexually, in bed with, in her bed, in his bed, shower with, bath with, sit on his lap,
        on his lap, kissed her, kisses her, kissed him, grooming, groomed, exposed himself, made
        her watch, made him watch""",
    ),
    "body": (
        1.0,
        "signs of a medical emergency",
        """barely breathe, can barely breathe, hurt so bad, not breathing, can not breathe,
        cannot breathe, cant breathe, hard to breathe, trouble breathing, breathing funny,
        breathing weird, breathing strange, gasping, chest pain, holding her chest, holding his
        chest, clutching, into my arm, down my arm, down his arm, down her arm, pain in his
        chest, pain in her chest, pain in my chest, crushing pain, crushing chest, left arm,
        sweaty, sweating, grey, gray, ashen, chest hurts, chest tight, chest is tight, chest
        feels tight, chest pressure, heart racing, heart pounding, heart is racing, slurring,
        slurred, drooping, droopy, face droop, one side, numb, numbness, can not move, cannot
        move, can not feel, passed out, pass out, passing out, blacked out, fainted, faint, not
        wake, not waking, wont wake, can not wake, cannot wake, stung, bee sting, stung by,
        wheezing, wheeze, lips are swelling, face and tongue, her tongue, his tongue, lips
        swelling, allergic reaction, anaphylaxis, epipen, epi pen, tongue swelling, face
        swelling, swelling up, throat feels tight, throat is tight, throat tight, can not
        swallow, sounded sleepy, sounds sleepy, going blue, lips going, a bit blue, hard to
        wake, difficult to wake, barely wake, blue lips, lips are blue, lips blue, turning blue,
        foaming, convulsing, shaking all over, fit, fitting, fell down, fell and, hit his head,
        hit her head, hit my head, head injury, vomiting blood, throwing up blood, coughing
        blood, allergic, swelling, swollen, throat closing, limp, floppy, pale, clammy, cold
        and, confused, disoriented, delirious, could not get up, not get up, fell in, fell in
        the, bathroom floor, kitchen floor, bedroom floor, stuck on the, on the floor, on the
        ground, can not get up, cannot get up, lying there, been lying, fallen, had a fall, took
        a fall, fell over, fell off, fell out of, seizing, jerking, twitching, eyes rolled,
        stopped sweating, hot and dry, skin is hot, heat stroke, heatstroke, no ac, no air
        conditioning, i am num weeks, am num weeks, water broke, my water broke, weeks pregnant,
        contractions, in labor, in labour, baby not moving, baby has not moved, not moved, had a
        fit, having a fit, a seizure, can not stop shaking, chest feels, his chest, her chest,
        elephant on, feeling really strange, feel strange, feeling strange, feeling weird, feels
        weird, emergency room, icu, diabetic, insulin, blood sugar, sugar low, severe pain,
        worst headache, collapsed, collapse, not moving, barely moving, barely awake, keeps
        falling asleep, drowsy""",
    ),
    "swallowed": (
        1.0,
        "something swallowed that should not be",
        """took num, took like num, num of my, num of her, num of his, num of them, num pills,
        took a bunch, a bunch of, swallowed, ate some, ate a, ate the, ate my, drank some, drank
        the, got into the, got into my, got into her, got into his, chewed, licked, too many,
        took a bunch, took a lot, took all, took the whole, took extra, double dose, doubled up,
        doubled my, tripled, handful, whole packet, whole pack of, packet of, a packet, whole
        box of, whole strip, whole bottle, whole pack, whole box, half the bottle, half a
        bottle, all of them, all of my, all my pills, all her pills, all his pills, mixed,
        mixing, on top of""",
    ),
    "means": (
        1.0,
        "the means at hand",
        """platform edge, the platform, step off, step in front, edge of the platform, the
        tracks, into the sea, walk into the sea, into the river, into the water, into the lake,
        multi storey, multistorey, sat on the wall, on the wall, on the edge, by the river, a
        quiet spot, quiet spot, found a spot, found a place, picked a place, picked a spot,
        train station, watching the trains, the trains, codeine, top of the, not want to come
        down, not come down, rope, cord, belt around, extension cord, noose, gun, guns, rifle,
        pistol, shotgun, firearm, knife, knives, blade, blades, razor, razors, bridge, ledge,
        roof, rooftop, top floor, train tracks, railroad tracks, the tracks, on the tracks,
        railroad, cliff, overpass, parking garage, car running, engine running, exhaust,
        tailpipe, smells like gas, smell of gas, gas smell, smells of gas, gas on, bleach,
        antifreeze, rat poison, poison, chemicals, gasoline, lighter fluid, plastic bag, stash,
        stockpile, stockpiling, saved up, saving up pills, hoarding, collecting pills, sleeping
        pills, painkillers, pain pills, opioids, oxy, fentanyl, heroin, xanax, ativan, klonopin,
        ambien, gas stove, stove was on, gas was on, lorazepam, diazepam, valium, clonazepam,
        zolpidem, oxycodone, hydrocodone, morphine, sertraline, trazodone, gabapentin,
        amitriptyline, paracetamol, acetaminophen, ibuprofen, tylenol, lithium, seroquel, pills""",
    ),
    "drink": (
        0.6,
        "pills or alcohol",
        """benzos, withdrawal, withdrawals, detox, detoxing, cold turkey, had a few, has had a
        few, after a few drinks, relapse, relapsed, relapsing, using again, back on drugs,
        drunk, wasted, blackout drunk, vodka, whiskey, tequila, rum, gin, wine, beer, beers,
        booze, liquor, drinking, drank, been drinking, high, stoned, meth, cocaine, coke, crack
        cocaine, smoking crack, on crack, molly, ecstasy, shrooms, edibles, meds, medication,
        medications, medicine, prescription, prescriptions, antidepressant, antidepressants,
        bottle, bottles""",
    ),
    "farewell": (
        1.4,
        "a farewell",
        """worry about me much, much longer, not have to worry about me, everything sorted, all
        sorted, sorted everything, no need to call back, was a good one, was good to me, be with
        dad, be with mom, be with him, be with her, going to be with, join him, join her, see
        him again, see her again, gave me her, gave me his, gave me all, handed me her, handed
        me his, house papers, take good care of, take care of them, where he going, where she
        going, where i going, where he is going, where she is going, where i am going, left me
        his, left me her, left me all, not need them, all letters, us letters, wrote us,
        suddenly calm, really calm, so calm, at peace, calm and happy, made peace, made his
        peace, made her peace, made my peace, said sorry, saying sorry, sorry for everything,
        calling me home, going home to the lord, be with the lord, meet my maker, you before i
        go, thanks before i go, goodbye before i go, before i go up, letter before i go, for her
        kindness, for his kindness, the last night, last night on, feels like the last, all in
        the letter, in the letter on, it is all in, pays out no matter, no matter what, take the
        dog, take my dog, take the cat, gave his watch, gave her ring, does not matter, not
        matter, made other arrangements, other arrangements, permanent ones, permanent
        arrangements, dog going to, dog is going to, going to my sister, the last time she, last
        time she would, biggest pack, should not feel bad, not feel bad, went to be with, be
        with my late, be with my husband, be with my wife, after tonight, left note, do not look
        for me, not look for me, guitar away, pc away, away to his friends, away to her friends,
        away to friends, letters to his, letters to my, the cat is with, the dog is with, top
        drawer, in the drawer, hear it from me, before i drive, dropping off her, dropping off
        his, all set now, appointments after that, nobody will need, no one will need, nobody
        needs to, not matter anymore, not really matter, do not come in, note on the door, note
        taped, taped a note, a note on, goodbye, good bye, goodbyes, farewell, bye forever, not
        be needing them, not need them anymore, not need them any more, not need his
        appointments, not need her appointments, not need any appointments, not need
        appointments, not need sessions, not need my appointments, not be needing appointments,
        not be needing sessions, not need to come, not be needing to, not need any more, not
        need anymore, no longer need, not be here, not be around, not be coming, wont be coming,
        not be back, not coming back, never see, one last time, for the last time, last message,
        last msg, last words, final message, last chance to, one last, final, for good, gone
        forever, leaving forever, cancel all, cancel everything, all my future, all future, any
        more appointments, anymore, any more, giving away, gave away, give away, given away, who
        gets, written my will, wrote my will, wrote a will, made a will, making a will, made out
        a will, my will and, wrote letters, written letters, written the letters, written my
        letters, writing letters, will get a letter, will find a letter, left a letter, sorted
        all my things, sorted my things, all my things out, letters to everyone, letters to my,
        letters to his, letters to her, goodbye letter, goodbye note, suicide note, left a note,
        found a note, note saying, sorted out, affairs in order, in order, take care of my, look
        after my, tell her thank you, tell him thank you, tell her thanks, tell him thanks,
        thank her for everything, thank him for everything, for everything, passwords, life
        insurance, beneficiary, beneficiaries, plan my funeral, planning my funeral, own
        funeral, sold my, said goodbye, saying goodbye, love you all, loves us, loved us, always
        loved""",
    ),
    "hopeless": (
        1.0,
        "hopelessness",
        """finally get some peace, get some peace, finally be at peace, finally rest, lost job,
        lost my job, lost his job, lost her job, lost everything, after divorce, evicted, being
        evicted, bankrupt, not know who else to call, nobody else to call, no one else to call,
        not going to be a problem, not be a problem, a problem to anyone, nothing to lose, no
        point, what is the point, nothing left, nothing to live, can not go on, cannot go on,
        cant go on, can not do this, cannot do this, cant do this, can not take it, can not take
        this, can not take anymore, can not take any more, can not take much more, can not take
        the pain, done with everything, done with life, done with it all, so done, tired of
        living, tired of everything, tired of being, sick of living, give up, giving up, gave
        up, no way out, way out, better off, burden, nobody would miss, no one would miss,
        nobody would care, no one would care, nobody cares, no one cares, disappear, vanish,
        sleep forever, not wake up, not want to wake, not want to be here, not want to be alive,
        not want to live, not want to exist, wish i was not, wish i were not, end it, end
        things, make it stop, make all of it stop, make it all stop, make everything stop,
        figured out how to, want out, be gone, gone for good, numb, empty, worthless, useless,
        hate myself, hate my life, ruined everything, no future, can not see a, cannot see a,
        nothing matters, been really low, really low, so low, very low, low since, really down,
        so down, been down, very down, depressed, pointless, hopeless, exhausted of, let go, not
        worth""",
    ),
    "own-mind": (
        1.2,
        "fear of what they might do",
        """stop myself, thoughts are so loud, the thoughts are, loud thoughts, how easy it would
        be, easy it would be, just go under, go under, end both of us, just to look at, to look at
        it, drove up to, drove past it, know exactly which, exactly which bridge, exactly where,
        would be easier, be easier to, easier to just, steering into, steer into, into the wall,
        into a wall, into a tree, thoughts about, long sleeves, how deep, deep to go, blood on
        her, blood on his, all planned, got it all planned, it all planned, when everyone is
        gone, when everyone gone, everyone is gone, punish myself, decided it is time, i have
        decided, time i went, scared to be alone with, afraid to be alone with, keeps picturing,
        keep picturing, scared of myself, afraid of myself, frightened of myself, not trust
        myself, can not trust myself, what i might do, what i will do, what i would do, what i
        could do, what hell do, what shell do, what he might do, what she might do, what he will
        do, what she will do, urge, urges, urge to, thoughts of, intrusive, thinking abt,
        thoughts abt, keep thinking about, can not stop thinking, cannot stop thinking, keep
        picturing, picture myself, imagine myself, fantasize, tempted, on purpose, drive into,
        drive off, swerve, step in front, in front of a, walk into traffic, into traffic, crash
        my car, crashing my car, crash the car, jump off, jumping off, jump in, go to sleep and,
        make it look, look like an accident, hurt myself, harm myself, hurting myself, hurt
        herself, hurt himself, hurting herself, hurting himself, cut again, cutting again, cut
        deeper, towel soaked, soaked through, not stop bleeding, it will not stop, his wrists,
        her wrists, my wrists, picture of his, picture of her, cut myself, cutting herself,
        cutting himself, cuts on, cuts on her, scratches on, scars on, burning herself, burning
        himself, burned herself, starving herself, not eating, stopped eating, not eaten,
        banging his head, banging her head, hitting himself, hitting herself""",
    ),
    "neglect": (
        1.0,
        "someone left without care",
        """without his coat, without her coat, or shoes, no shoes, without shoes, below out,
        below zero, not feed him, not feed her, sleep in the garage, makes him sleep, makes her
        sleep, without his meds, without her meds, no coat, without a coat, no jacket, asking
        for bread, asking me for food, asking for food, for bread, nothing in the fridge, no
        food in the, empty fridge, not allowed dinner, not allowed to eat, no dinner, dog crate,
        in a crate, in the crate, lost a lot of weight, lost weight, no food, nothing to eat,
        not eaten in, hungry, starving, not been fed, not fed, own mess, filthy, dirty diaper,
        soiled, nobody checks, no one checks, nobody checking, no one checking, no heat, no
        water, no power, no electricity, not been changed, not taking his meds, not taking her
        meds, stopped taking, off his meds, off her meds""",
    ),
    "hospital": (
        0.6,
        "someone in hospital",
        """hospital, hospitalized, emergency room, icu, the er, intensive care""",
    ),
    "unreal": (
        1.0,
        "beliefs or perceptions no one else shares",
        """hearing voices, hears voices, heard voices, the voices, voices in, voices telling,
        voices tell, voices say, voices said, hearing things, hears things, seeing things, sees
        things, talking to people, talks to people, talking to himself, talking to herself,
        people who are not there, nobody there, no one there, swapped, not really ours, he is
        evil, she is evil, is evil, been replaced, an imposter, pumping gas, through the vents,
        taped up the windows, taped up all the, taped the windows, foil on the windows, god has
        instructed, instructed him, instructed her, god told him, god told her, cleanse, purify,
        a voice telling, voice telling me, told her the baby, the baby is not, not really hers,
        not really his, orders, giving him orders, giving her orders, commands, telling him to,
        telling her to, tells him to, tells her to, the tv, the radio, messages from, signs
        from, sending him messages, sending her messages, talking to him through, talking to her
        through, through the tv, through the radio, the government, fbi, cia, the neighbors are,
        neighbours are, poisoning, poisoned, implant, implanted, chip, microchip, hidden
        cameras, cameras in, cameras everywhere, camera in the, bugged, bugging, being watched,
        watching him, watching her, tracking him, tracking her, spying, spies, convinced, thinks
        he is, thinks she is, thinks i am, believes he, believes she, chosen, mission from, from
        god, he is god, she is god, demon, demons, devil, possessed, satan, aliens, the end of
        the world, world is ending, not slept, no sleep, not sleeping, up for days, awake for
        days, days without sleep, racing, manic, paranoid, calling me by, calls me by, thinks i
        am my, barely making sense, barely makes sense, making any sense, mumbling, not making
        sense, making no sense, talking nonsense, gibberish, not recognize, does not know who,
        does not know where, not know where she is, not know where he is, not himself, not
        herself, acting strange, acting weird, acting crazy, out of it""",
    ),
}
