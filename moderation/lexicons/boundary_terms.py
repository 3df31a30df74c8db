"""Lexicons for the meeting, romance and money boundaries (member-to-member approaches).

Fragments match the normalised view: lower case, apostrophes inside words removed.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

MACROS = {
    "YOU": r"you|u|ya|ye|yall|you all|you guys|anyone|any of you|anybody|someone|somebody|folks|people|everyone|the \w+ lot",
    "YOURE": r"youre|you are|ur|u r|your|you r|yr|you look|u look|you looked|you sound|u sound",
    "INVITE": (
        r"lets|let us|we should|we could|we can|shall we|should we|wanna|want to|do you want to|d you want to|"
        r"fancy|up for|keen (?:for|to|on)|how about|why dont we|would you like to|wd you like to|would you be up for|"
        r"ill|i will|i can|i could|id love to|i would love to|come|can we|could we|(?:anyone|any of you|anybody|who) "
        r"(?:want to|wants to|wanna|fancy|fancies|keen|up for|around|free)|is anyone|maybe we could|we gotta|we need to|"
        r"happy to|feel free to"
    ),
    "MONEY": r"money|cash|quid|pounds|dollars|bucks|euros|a tenner|a fiver|dosh|funds|£\s?\d+|\$\s?\d+|€\s?\d+|\d+ ?(?:quid|bucks|dollars|pounds|euros)",
    "PAYMENT": (
        r"cashapp|cash app|venmo|paypal|gofundme|go fund me|kofi|ko fi|patreon|zelle|revolut|monzo|bank details|"
        r"bank account|sort code|account number|account details|iban|e ?transfer|etransfer|interac|bitcoin|btc|crypto wallet|"
        r"amazon wishlist|wishlist|wish list|throne|buy me a coffee|fundraiser|donation page|just giving|justgiving"
    ),
}

# Meeting offline, self-evidently an invitation ("come round to mine", "i can pick you up").
MEETING_INVITES = (
    r"(?:come|pop|swing) (?:round|over|by|to mine|to my place|to my house|to my flat|to my room)(?! (?:to (?:the|our) (?:group|session|chat|zoom)|here))|come to mine|round mine",
    r"(?:come|go|pop) (?:round|over) (?:yours|to yours|to your place)|(?:ill|i will|i can|i could|let me) (?:come|pop|swing) (?:round|over|by)",
    r"pick (?:you|u) up|give (?:you|u) a lift|(?:ill|i will|i can|i could|let me) (?:visit|come and see|come see) (?:you|u)",
    r"(?:meetup|meet up|party|gathering|bbq|barbecue|get together|hangout|sleepover) (?:at|round) (?:my|our|mine)(?: place| house| flat)?",
    r"skip (?:the )?(?:zoom|call|group|session|app) and (?:just )?meet",
    r"(?:keen|up|down|free|around) for (?:a |an |some )?(?:walk|hike|swim|run|coffee|drink|drinks|pint|pints|meetup|meet up|lunch|dinner|brew|cuppa|picnic|catch up|bite|beer|beers)",
    r"(?:wanna|want to|would you like to|will you|shall we|lets|we should|id love to) go (?:on|out on) a date|go out with me",
    r"(?:wanna|want to|would you like to|fancy|do you want to|shall we) go out (?:sometime|some time|with me|together|for (?:a |some )?\w+)",
)
# Meeting offline. Each needs an invitation, a question or an addressee in its sentence.
MEETING_ACTS = (
    r"meet(?: up| me| you| u| each other| in person| irl| offline| face to face| for (?:a |an )?\w+| at| in| there| halfway| somewhere)?"
    r"(?! (?:on|over) (?:zoom|teams|here|the app|discord)| my (?:future|past|younger|older|inner) self| my (?:new )?(?:therapist|gp|doctor|psychiatrist|counsellor|nurse|key worker|social worker|sponsor))",
    r"meetup|meet up|hang out|hangout|link up|catch up (?:in person|irl|offline|for (?:a )?(?:coffee|drink|pint))",
    r"(?:grab|get|have|go for|get together for) (?:a |some )?(?:coffee|coffees|drink|drinks|pint|pints|bite|lunch|dinner|food|brew|cuppa|tea|walk|meal|beer|beers)(?: together| with me| sometime| after group)?",
    r"at mine|round (?:yours|to yours)|visit (?:you|u)|come (?:and )?(?:see|visit) (?:you|u|me)",
    r"see (?:you|u|each other) (?:in person|irl|offline|face to face|outside (?:of )?(?:group|here))",
    r"take (?:you|u) (?:out|to dinner|for dinner|on a date)",
)
MEETING_LOCATORS = (
    r"(?:which|what) (?:town|city|part|area|bit|county|suburb|neighbourhood|neighborhood|side of town|estate)(?: of \w+)? (?:are|r|do) (?:you|u) (?:in|from|live in|based in|live)",
    r"where(?:abouts)? (?:are|r) (?:you|u) (?:based|from|located|living)|where(?:abouts)? do (?:you|u) live",
    r"(?:im|i am|i live|we are|were) (?:only )?\d+ (?:mins?|minutes|miles|km|kms) (?:from|away from) (?:you|u|yours)",
    r"(?:im|i am|i live|im also|i also live) (?:in|near|in the|near the) \w+(?: \w+)? too",
    r"just (?:you and me|you and i|us two|the two of us|us)(?:\?|!|\.|$| though)|just the two of us",
    r"(?:anyone|any of you|anybody|who|any of the \w+ lot) (?:in|near|around|from) \w+(?: \w+)? (?:wanna|want to|fancy|keen|up for)",
    r"(?:any|anyone|all you|calling all) \w+ (?:folks|people|peeps|lot|members)(?: here)?[!?]+",
)

ROMANCE = (
    r"(?:{YOURE}) (?:so |really |very |absolutely |proper |well |drop dead |such a |a |the |literally |honestly |lowkey |kinda )*"
    r"(?:hot|hottest|sexy|fit|peng|a babe|a snack|a catch|my type|attractive|irresistible|fine af|bangin|banging|"
    r"(?:gorgeous|beautiful|cute|cutest|pretty|prettiest|handsome|stunning|good looking)"
    r"(?! (?:idea|thing|story|words|message|post|poem|song|soul|person|human|writer|friend|heart|mind|inside|dog|cat|baby|kid|way)))",
    r"(?:your|ur) (?:voice|smile|eyes|body|lips|legs|face|pic|pics|photo|photos|profile pic|pfp|selfie|accent|hair)\b(?: \w+){0,5}? (?:so |really |very )?"
    r"(?:sexy|hot|gorgeous|beautiful|cute|stunning|pretty|fit|attractive)",
    r"(?:are|r) (?:you|u) (?:single|taken|seeing (?:anyone|someone)|available|in a relationship)|(?:u|you) single|you seeing anyone",
    r"(?:date|marry|kiss|snog|cuddle|spoon) (?:me|you|u)(?! (?:off|up|back))|we should (?:cuddle|kiss|date|get together)|be my (?:girlfriend|boyfriend|gf|bf|valentine|partner|wife|husband|babe|baby|date)",
    r"(?:each others|be my|our) valentines?\b|(?:wanna|want to|would you like to|will you|shall we|lets|we should|id love to) go (?:on|out on) a date|"
    r"(?:take|taking) (?:you|u) (?:out|on a date|to dinner|for dinner)|(?:ask|asking) (?:you|u) out|go out with me|date night with (?:you|u)|(?:a|like a) (?:proper|real) date",
    r"more than (?:just )?friends|(?:falling|fallen|fell) for (?:you|u)|(?:have|got|developed|catching) (?:a )?(?:crush on|feelings for|a thing for) (?:you|u)",
    r"(?:in love|obsessed|infatuated) with (?:you|u)|(?:cant|can not) stop thinking (?:about|of) (?:you|u)|thinking (?:about|of) (?:you|u) (?:all the time|constantly|every day|every night)",
    r"(?:if you were|youd be|when youre|you should be) (?:mine|my (?:gf|bf|girl|boy|girlfriend|boyfriend))|(?:youre|you are) mine",
    r"(?:kiss|hold|hug|touch|undress) (?:you|u)(?: (?:so )?(?:tight|all night|right now|properly|gently))?|in bed with (?:you|u)|sleep with (?:you|u)|wake up next to (?:you|u)",
    r"send (?:me )?(?:a |some |more )?(?:pic|pics|picture|pictures|photo|photos|nudes|selfie|selfies)(?: of (?:you|u|what)| in| wearing| without|$|\?)|what (?:are|r) (?:you|u) wearing|send nudes|nudes|sext|sexting",
    r"(?:my|makes my) heart (?:skips|skip|races|race|melts|melt|flutters)|you make my heart|(?:youre|you are|ur) (?:my )?(?:soulmate|dream (?:girl|guy|man|woman))",
)

# Money: strong phrasings alone; requests and offers only with a money word in the message
# ("can someone give me advice" is not a money request).
MONEY = (
    r"(?:e ?transfer|etransfer|venmo|paypal|cashapp|cash app|zelle|revolut|monzo|bank transfer) (?:me|you|u)\b",
    r"(?:my|the|our) (?:{PAYMENT})(?: link)? (?:is|s|:|in|on|here|below|link)|(?:heres|here is|check out|link to|donate to|support|chip in to|contribute to) (?:my|our) (?:{PAYMENT})",
    r"(?:give|send) me (?:your|ur) (?:{PAYMENT})|(?:whats|what is) (?:your|ur) (?:{PAYMENT})",
    r"how much (?:do|d) (?:you|u) need|(?:\d+|\$|£|€).{0,6} short (?:on|for) (?:rent|bills|food|my)|(?:im|i am) (?:{MONEY}) short",
    r"(?:selling|sell (?:you|u)|for sale|buy my|wanna buy|want to buy|interested in buying)\b",
    r"(?:{MONEY}) (?:to anyone|each|ono|or nearest offer|obo|for group members|for members|per session|an hour|a session)",
    r"\d+ ?(?:%|percent) off|discount (?:for|to) (?:group )?members|group members get|paid (?:1:1|one to one|1 to 1|coaching|sessions|services|readings)|"
    r"(?:sessions|coaching|readings|therapy|massages?|reiki|services) (?:for|at|from) (?:{MONEY})|(?:dm|message|pm) (?:me )?for (?:prices|rates|details|a booking|booking|bookings)",
    r"(?:donate|donations) to (?:me|my)|every (?:bit|penny|little bit|dollar|pound) helps|(?:need|needs) (?:your )?donations",
)
MONEY_REQUEST = (
    r"(?:can|could|would|will) (?:anyone|someone|somebody|you|u|any of you|one of you|anybody)(?: here| pls| please)* "
    r"(?:lend|loan|spot|send|give|pay|cover|spare|help (?:me )?(?:out )?with|chip in|sub|venmo|paypal|cashapp|transfer|buy me)\b",
    r"(?:lend|loan|spot|send|give|pay|sub|owe|transfer) (?:me|us|you|u|ya) (?:{MONEY}|some money|some cash|the money|a few quid|a tenner|a fiver|for)",
    r"(?:i|ill|i will|i can|i could|let me|happy to|id be happy to|i wanna|i want to) (?:send|give|lend|pay|cover|venmo|paypal|transfer|e ?transfer|spot|chip in|bung) "
    r"(?:you|u|ya|your|ur|for your|some)",
    r"(?:pay|cover) (?:my|your|ur) (?:\w+ )?(?:rent|bill|bills|fare|costs|shopping|electric|gas|food|prescription|deposit|debt)",
)
FINANCE = (
    r"{MONEY}|rent|bill|bills|fare|electric|electricity|gas|groceries|shopping|prescription|costs|payday|debt|loan|"
    r"overdraft|skint|broke|pay (?:it|you) back|bank details|sort code|how much"
)
