"""Shared fragments for the crisis lexicons: pronoun, tense and spelling variants written once.

Fragments match the normalised view: lower case, apostrophes inside words removed ("i'm" is
"im", "he'll" is "hell", "won't" is "wont"), leetspeak and spacing undone.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

from moderation.screen.lexicons.medical_terms import MEDICATIONS

MACROS: dict[str, str] = {
    # Reflexive first person, with the common typos.
    "ME": r"myself|my ?self|meself|mysef|myslef|myselfe|mysel",
    "THEM": r"himself|herself|themselves|themself",
    # First-person subject, optional because chat drops it ("gonna kms tonight").
    "I": r"i|im|i am|ive|i have|id|i would|ill|i will|imma|ima",
    # Future / intent auxiliaries.
    "FUT": (
        r"(?:im |i am |i |ive |i have )?(?:really |actually |finally |definitely |seriously |just )?"
        r"(?:gonna|gunna|gona|going to|goin to|goin|going round to|going over to|going home to|"
        r"about to|abt to|ready to|planning to|plan to|planning on|intend to|intending to|"
        r"(?:have |ve )?decided to|made up my mind to|will|ill|shall|imma|ima|gotta|have to|need to|must|"
        r"am going to|finna|cant wait to|prepared to|determined to)"
    ),
    "WANT": (
        r"(?:i |im |i am |i just |i really |i still |still |really |just |lowkey |kinda |sometimes i |"
        r"some days i |i kinda |i lowkey )?"
        r"(?:want to|wanna|wana|want|wanting to|wish to|wish i could|would like to|wd like to|"
        r"id like to|ive (?:been )?want(?:ed|ing) to|have been wanting to|been wanting to|need to|"
        r"feel like i (?:want|need) to|feel like|tempted to|urge to|urges to)"
    ),
    # Acting on oneself lethally or harmfully; the core of intent and active ideation.
    "SELF_LETHAL": (
        r"kill {ME}|kms|end (?:my|my own) life|end (?:it|it all|everything|things)(?! (?:with|for|between|off|up|on)\b)|"
        r"take my (?:own )?life|take (?:my|me) out|unalive(?: {ME})?|un alive {ME}|commit suicide|"
        r"die by suicide|suicide|off {ME}|top {ME}|hang {ME}|shoot {ME}|drown {ME}|gas {ME}|"
        r"overdose|ctb|catch the bus|sewerslide|sewer slide|self delete|self terminate|yeet {ME} off|"
        r"jump (?:off|from|in front of)(?! (?:the|a) (?:diving|high) board)|"
        r"throw {ME} (?:off|in front of|under)|step in front of (?:a|the) (?:train|bus|car|lorry|truck)|"
        r"slit my (?:wrists?|throat)|cut my (?:wrists?|throat)|"
        r"walk into the (?:sea|ocean|river|lake)|drive (?:my car |the car |my \w+ )?(?:off|into) (?:a|the) \w+|"
        r"go through with it|finish (?:it|the job|what i started)|end my suffering|end the pain|"
        r"(?:use|turn) (?:it|them|the \w+|a \w+) on {ME}|toaster bath|dirt nap|(?:end|delete|erase|off) {ME}|"
        r"leave this (?:world|earth|life)|check out (?:for good|permanently|of (?:life|this world))|disappear (?:forever|for good|permanently)|"
        r"not be (?:here|alive|around) (?:anymore|any more|tomorrow|much longer|by (?:the )?(?:morning|weekend))|"
        r"(?:step|walk|lie down|lay down) (?:out )?(?:in front of|into|on|onto) (?:a |the )?(?:train|tracks|traffic|railway line|motorway)|"
        r"crash (?:my|the) car (?:on purpose|into)|put a bullet in my (?:head|brain)|blow my brains out|bleed out|"
        r"(?:take|swallow) (?:all|every one|the lot|the whole (?:lot|box|packet|bottle)|every single one) (?:of )?(?:my |the |these |those )?(?:{MED})"
    ),
    "POISON": r"bleach|antifreeze|anti freeze|weedkiller|weed killer|rat poison|poison|drain cleaner|paraquat|pesticide|insecticide",
    "SUICIDE_TYPO": r"suicde|sucide|suiside|sucidal|suicdal|suisidal|suicidle|suicidel|suacidal",
    "SELF_HARM": r"(?:hurt|harm|cut|burn|hit|punch|starve|scratch) {ME}|self ?harm|sh",
    # A time still to come: binds an act or a wish to a moment ("tonight", "once the kids are asleep").
    "FUTURE": (
        r"tonight|tonite|tnite|tonights the night|tonight is the night|tomorrow|tmrw|tmr|2moro|this weekend|this evening|"
        r"(?:on |this |next |by |before )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|by (?:the )?(?:morning|weekend)|"
        r"after (?:my shift|work|school|uni|class|the funeral|everyone|they|the kids|dinner|christmas|my birthday)|"
        r"once (?:everyone|they|the kids|my \w+|the house|its dark|it gets dark|hes|shes)|"
        r"when (?:everyone|they|the kids|my \w+|he|she)(?:s| is| are)? (?:asleep|gone|out|leaves|at|goes)|"
        r"in (?:an|a few|a couple of|\d+) (?:hour|hours|minutes|mins)|at midnight|before (?:morning|dawn|sunrise)|after (?:this|tonight)(?! \w)"
    ),
    "TIMELINE": (
        r"tonight|tonite|tnite|tonights the night|today|todays the day|tomorrow|tmrw|tmr|2moro|"
        r"this (?:weekend|evening|afternoon|morning|week|friday|saturday|sunday|monday|tuesday|wednesday|thursday)|"
        r"(?:on |this |next |by |before )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"by (?:the )?(?:end of|morning|tonight|tomorrow|the weekend)|tonight is the night|today is the day|"
        r"after (?:my shift|work|school|uni|class|the funeral|everyone|they|the kids|dinner|christmas|my birthday)|"
        r"once (?:everyone|they|the kids|my \w+|the house|its dark|it gets dark|hes|shes)|"
        r"when (?:everyone|they|the kids|my \w+|he|she)(?:s| is| are)? (?:asleep|gone|out|leaves|at|goes)|"
        r"in (?:an|a few|a couple of|\d+) (?:hour|hours|minutes|mins|days)|at midnight|"
        r"before (?:morning|dawn|sunrise|the weekend)|right now|rn|asap|after (?:this|tonight)(?! \w)"
    ),
    "MED": (
        r"pills?|tablets?|tabs|meds|medication|medicine|capsules?|paracetamol|acetaminophen|tylenol|"
        r"ibuprofen|aspirin|codeine|co[ -]?codamol|tramadol|oxys?|oxycodone|oxycontin|morphine|fentanyl|"
        r"heroin|methadone|insulin|sleeping (?:pills|tablets)|sleepers|painkillers|pain killers|"
        r"antidepressants|sertraline|citalopram|amitriptyline|quetiapine|seroquel|lithium|diazepam|"
        r"valium|xanax|benzos?|zopiclone|propranolol|prescription|script|stash|supply|"
        + MEDICATIONS
    ),
    "LETHAL": (
        r"{POISON}|rope|noose|ligature|gun|pistol|handgun|rifle|shotgun|firearm|revolver|blade|blades|razor|"
        r"razors|razor blades?|knife|knifes|knives|guns|ropes|charcoal|helium|hose ?pipe"
    ),
    # Means physically at hand right now.
    "HANDY": (
        r"in my (?:hand|hands|lap|palm|fist)|in (?:one|each|the other) hand|counted out|lined up|holding (?:the|my|a|all|some|them)|"
        r"laid out|all out|out on the \w+|on (?:the|my) (?:counter|desk|table|bed|floor|bedside|nightstand|pillow|lap)|"
        r"in front of me|next to me|beside me|loaded|round my neck|around my neck|"
        r"in the (?:bath|bathtub|tub)|got (?:it|them|the \w+|a \w+|my \w+) out|took (?:it|them|the \w+) out|out of (?:the|my|his|her|their|dads|mums|moms) (?:\w+ )?(?:cabinet|safe|drawer|cupboard|box|locker)"
    ),
    # Means kept somewhere near: a weaker sign that needs another one beside it.
    "NEARBY": (
        r"here|right here|with me|ready|in my (?:pocket|bag|car|room|drawer)|locked in (?:the|my) (?:bathroom|room|bedroom|car|toilet)|"
        r"in (?:the|my) (?:bag|car|boot|trunk|room|drawer|garage|shed|glovebox|cupboard)"
    ),
    "STOCK": (
        r"(?:have|got|ive got|bought|buying|ordered|saved|saving|stockpiled|stockpiling|hoarded|hoarding|"
        r"stashed|collected|collecting|been saving|been collecting|holding|tied|made)"
    ),
    "QUANTITY": (
        r"all|all of|all my|all the|the whole|a whole|the entire|every|enough|loads of|a load of|"
        r"a lot of|a bunch of|a handful of|a stash of|months of|weeks of|\d{2,}|twenty|thirty|forty|fifty|"
        r"sixty|a hundred|two boxes|boxes of|packets of|bottles of|the lot"
    ),
    "PERSON": (
        r"(?:my|our) (?:little |big |older |younger |eldest |youngest |best |teenage |\d+ ?yo )?"
        r"(?:son|daughter|kid|child|boy|girl|teen|teenager|brother|bro|sister|sis|mum|mom|mam|mother|dad|"
        r"father|wife|husband|hubby|partner|friend|bestie|bff|mate|pal|flatmate|roommate|housemate|"
        r"boyfriend|girlfriend|bf|gf|ex|cousin|niece|nephew|grandson|granddaughter|grandad|grandpa|"
        r"grandma|nan|gran|uncle|aunt|auntie|student|pupil|client|colleague|coworker|neighbour|neighbor|"
        r"fiance|fiancee|stepson|stepdaughter|twin|sibling|sponsor|sponsee)s?|"
        r"(?:a|one|this|that) (?:guy|girl|lad|woman|man|member|person|friend|kid|mate) (?:from|in|at|on) "
        r"(?:our|the|this|my) (?:group|class|school|team|work|uni|chat|server)"
    ),
    "THEY": r"he|she|they|hes|shes|theyre|he is|she is|they are",
}
