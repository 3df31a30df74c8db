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
    # travelling to the reader: "i could drive over to yours", "ill get the train down to your town"
    r"(?:drive|walk|cycle|bike|pop|nip|head|come|swing|travel|get the (?:bus|train)|jump on a (?:bus|train)|get a (?:bus|train|taxi|cab|lift)) (?:over |round |up |down |across |out )?(?:to )?"
    r"(?:yours|your place|your house|your flat|your end|your way|your town|your city|your area|your village|your bit|your neck of the woods)",
    r"come (?:along |out )?with (?:me|us)(?! (?:to|on) (?:the |our |next )?(?:group|session|meeting|chat|zoom|call|journey))|tag along|come out with (?:me|us)",
    r"(?:you can|you could|u can|u could|youre welcome to|ur welcome to|feel free to|come and|come|wanna|want to|fancy|do you want to|you should|u should) "
    r"(?:stay|crash|sleep|kip) (?:at|round|over at|over|on|in) (?:mine|my place|my house|my flat|my sofa|my couch|my spare room)\b",
    r"(?:buy|get) (?:you|u|ya) (?:a |an |some )?(?:drink|drinks|coffee|pint|dinner|lunch|meal|beer|cocktail|brew|cuppa|ice cream|bite to eat)",
    r"fancy (?:a |an |some |grabbing a |getting a |going for a )?(?:coffee|pint|pints|drink|drinks|beer|brew|cuppa|bite|lunch|dinner|walk|meetup|meet up|catch up)(?: [a-z]+){0,4} ?\?",
)
# Meeting offline. Each needs an invitation, a question or an addressee in its sentence.
MEETING_ACTS = (
    r"meet(?: up| me| you| u| each other| in person| irl| in real life| for real| offline| face to face| for (?:a |an )?\w+| at| in| there| halfway| somewhere)?"
    r"(?! (?:new |other )?(?:people|friends|folk|others|someone new|anyone new)| (?:on|over) (?:zoom|teams|here|the app|discord)| my (?:future|past|younger|older|inner) self| my (?:new )?(?:therapist|gp|doctor|psychiatrist|counsellor|nurse|key worker|social worker|sponsor))",
    r"meetup|meet up|hang out|hangout|link up|catch up (?:in person|irl|offline|for (?:a )?(?:coffee|drink|pint))",
    r"(?:grab|grabbing|get|getting|have|having|go for|going for|get together for|meet for|meeting for|head out for|heading out for) (?:a |some |a quick |a cheeky |an )?"
    r"(?:coffee|coffees|drink|drinks|pint|pints|bite|lunch|dinner|food|brew|cuppa|cup of tea|walk|meal|beer|beers|brunch|breakfast|cocktails?|glass of wine|"
    r"bevvy|bevvies|curry|pizza|takeaway|ice cream|chippy|nandos|maccies|starbucks|costa|picnic|catch up|pub lunch)(?: together| with me| sometime| after group)?",
    r"(?:go|head|pop|nip|come|going|heading) (?:to|down to|down|round to|out to) (?:the|a) (?:pub|bar|cafe|coffee shop|cinema|park|beach)(?: together| with me)?",
    r"(?:the )?pub (?:later|tonight|after|after group|sometime|this weekend|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)",
    r"at mine|round (?:yours|to yours)|visit (?:you|u)|come (?:and )?(?:see|visit) (?:you|u|me)",
    r"see (?:you|u|each other) (?:in person|irl|offline|face to face|outside (?:of )?(?:group|here))",
    r"take (?:you|u) (?:out|to dinner|for dinner|on a date)",
    r"(?:hug|see|meet|give|squeeze|hold|buy) (?:you|u)\b(?: [a-z]+){0,4}? (?:in person|irl|in real life|face to face|for real)",
    r"a date with (?:me|you|u)\b|(?:be|being) my (?:date|plus one|plus 1)\b",
)
MEETING_LOCATORS = (
    r"(?:which|what) (?:town|city|part|area|bit|county|suburb|neighbourhood|neighborhood|side of town|estate)(?: of \w+)? (?:are|r|do) (?:you|u) (?:in|from|live in|based in|live)",
    r"where(?:abouts)? (?:are|r) (?:you|u) (?:based|from|located|living)|where(?:abouts)? do (?:you|u) live|whereabouts in [a-z]+(?: [a-z]+)? (?:are|r|do) (?:you|u)\b",
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
    r"(?:be|being) my (?:date|plus one|plus 1)\b|my date (?:for|to) (?:the|a|my)|a date with (?:me|you|u)\b|(?:go|going|come|coming) (?:on|out on) a (?:proper |real )?date\?|(?:each others|be my|our) valentines?\b|(?:wanna|want to|would you like to|will you|shall we|lets|we should|id love to) go (?:on|out on) a date|"
    r"(?:take|taking) (?:you|u) (?:out|on a date|to dinner|for dinner)|(?:ask|asking) (?:you|u) out|go out with me|date night with (?:you|u)|(?:a|like a) (?:proper|real) date",
    r"more than (?:just )?(?:[a-z]+ ){0,2}?(?:friends|mates|buddies|pals)\b|(?:falling|fallen|fell) for (?:you|u)\b|"
    r"(?:have|got|had|developed|developing|catching|caught|having) (?:a )?(?:(?:bit of a|little|massive|huge|big|tiny|slight|major|small|serious|proper|mad|wee) )*(?:crush on|feelings for|thing for) (?:you|u)\b|"
    r"crushing (?:on|hard on) (?:you|u)\b|(?:i|i really|i kinda|i kind of|i secretly|i think i|i still|i proper|i well|i totally) (?:fancy|fancied|like like|am attracted to|m attracted to) (?:you|u)\b|"
    r"(?:im|i am|i think im|im kinda|im so|im really) (?:attracted to|into) (?:you|u)\b(?! (?:lot|guys|all))|"
    r"(?:ive|i have|i) (?:always |secretly |really |kinda |kind of )?(?:liked|fancied) (?:you|u) (?:since|for (?:a while|ages|months|weeks|so long)|from the)|"
    r"(?:i|i really|i think i) like (?:you|u) (?:more than (?:a|just a|as a) (?:friend|mate)|as more than|romantically|in that way|like that)",
    r"(?:in love|obsessed|infatuated) with (?:you|u)|(?:cant|can not) stop thinking (?:about|of) (?:you|u)|(?:think|thinking) (?:about|of) (?:you|u) (?:all the time|constantly|every day|every night|nonstop|non stop|24/7|day and night|all day|every minute)|dreaming (?:about|of) (?:you|u)\b",
    r"(?:if you were|youd be|when youre|you should be) (?:mine|my (?:gf|bf|girl|boy|girlfriend|boyfriend))|(?:youre|you are) mine",
    r"(?:kiss|hold|hug|touch|undress) (?:you|u)(?: (?:so )?(?:tight|all night|right now|properly|gently))?|in bed with (?:you|u)|sleep with (?:you|u)|wake up next to (?:you|u)",
    r"(?:kiss|kissing|stroke|stroking|caress|caressing|touch|touching|nibble|lick) (?:your|ur) (?:lips|face|hair|cheek|body|neck|thighs?|legs|skin|bum|ass|arse)|"
    r"(?:id love to|i want to|i wanna|i would love to|let me|can i|could i|dying to|i just want to) hold (?:your|ur) hand(?! (?:through|during|while|when|in (?:spirit|this|the)|virtually|from here))",
    r"(?:you have|youve got|you got|uve got|u have|u got|ya got|you have got|you have such|youve such) (?:the |such |really |so |a )?(?:most )?(?:really |so )?"
    r"(?:beautiful|gorgeous|stunning|sexy|pretty|lovely|cute|perfect|kissable|amazing|nice|hot|fit) (?:eyes|smile|lips|hair|legs|body|figure|face|skin|bum|ass|arse|curves|abs|boobs|tits|bod)",
    r"(?:you|u|ya)(?: [a-z]+){0,2} (?:gorgeous|sexy|handsome|hottie|cutie|babe|beautiful)(?: x+)?(?= *[.!?]* *$)",
    # pet names used as a greeting or vocative ("hey gorgeous", "..., sexy")
    r"(?:(?:^|(?<=[.!?] ))(?:hey|hi|hiya|heya|hello|hullo|morning|mornin|good morning|evening|night|nite|night night|gnight|thanks|thank you|cheers|bye|alright|well hello)(?: there)?,? |(?<=, )|(?<=,))"
    r"(?:gorgeous|beautiful|sexy|handsome|hottie|cutie|cutie pie|hot stuff|sweet cheeks|baby girl|babygirl|princess|sexy lady|beautiful lady|pretty lady|good looking|stunning)"
    r"(?! (?:people|souls|humans|lot|all|everyone|group|folks|bunch|ones|day|morning|evening|night|weather|sunset|view|photo|pic|dog|cat|world|friends|fam|family|community|members|humans|peeps))",
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
# Asking members to help with an amount ("need 200 for rent, is anyone able to help?"): counted only
# when an amount of money is named in the message.
MONEY_HELP = (
    r"(?:is |are |can |could |would |will )?(?:anyone|anybody|someone|somebody|any of you|one of you)(?: here| out there)? (?:be |pls |please )?"
    r"(?:(?:able to|in a position to|willing to|who can|who could|that can|that could|kind enough to|happy to|can|could|would|will) )?"
    r"(?:(?:pls|please|possibly|maybe) )?(?:lend|loan|spare|send|chip in|cover|spot|sub|bail me out|"
    r"help(?: me| us)?(?: out)?(?= *$| *[.,!?]| at all| even| a bit| a little| with (?:it|that|this|the (?:rent|bill|bills|deposit|fare|cost))))",
)
AMOUNT = r"(?:£|\$|€)\s?\d+|\d+ ?(?:k|quid|bucks|dollars|pounds|euros|squid)\b|(?:need|short|borrow)(?: about| around| like)? \d{2,5}\b|(?:some|a bit of|a little) (?:money|cash)|a (?:tenner|fiver|score)"
MONEY_REQUEST = (
    r"(?:can|could|would|will) (?:anyone|someone|somebody|you|u|any of you|one of you|anybody)(?: here| pls| please)* "
    r"(?:lend|loan|spot|send|give|pay|cover|spare|help (?:me )?(?:out )?with(?! (?:advice|tips|ideas|budget|budgeting|a budget|how|what|where|finding|forms|paperwork|applying|an application|the application|info|information))|chip in|sub|venmo|paypal|cashapp|transfer|buy me)\b",
    r"(?:lend|loan|spot|send|give|pay|sub|owe|transfer) (?:me|us|you|u|ya) (?:{MONEY}|some money|some cash|the money|a few quid|a tenner|a fiver|for)",
    r"(?:i|ill|i will|i can|i could|let me|happy to|id be happy to|i wanna|i want to) (?:send|give|lend|pay|cover|venmo|paypal|transfer|e ?transfer|spot|chip in|bung) "
    r"(?:you|u|ya|your|ur|for your|some)",
    r"(?:pay|cover) (?:my|your|ur) (?:\w+ )?(?:rent|bill|bills|fare|costs|shopping|electric|gas|food|prescription|deposit|debt)",
)
FINANCE = (
    r"{MONEY}|rent|bill|bills|fare|electric|electricity|gas|groceries|shopping|prescription|costs|payday|debt|loan|"
    r"overdraft|skint|broke|pay (?:it|you) back|bank details|sort code|how much"
)

# An offline meeting offered in passing: being in the reader's area, then a bare offer as a
# question ("ill be in leeds on friday, coffee?"). Both must occur in the message.
MEETING_VISITING = (
    r"(?:ill|i will|im going to|im gonna|i am going to|im|i am) (?:be )?(?:in|near|around|passing through|visiting|down in|up in|over in|coming to|"
    r"coming up to|coming down to|heading to|travelling to|traveling to) (?!(?:a|an|the|my|bed|hospital|hosp|work|pain|tears|bits|pieces|crisis|agony|"
    r"shock|recovery|therapy|treatment|trouble|touch|group|session|class|court|school|uni|college|here|there|town|rehab|a&e|hell|love|bits|denial)\b)"
    r"[a-z]+(?: [a-z]+)? (?:on|this|next|tomorrow|tonight|at the weekend|for|from|over|in|till|until)\b",
)
MEETING_QUICK_OFFER = (
    r"(?:coffee|a coffee|drink|drinks|a drink|pint|a pint|pints|lunch|brunch|dinner|a cuppa|cuppa|a brew|meet|meetup|meet up|hang out|"
    r"catch up|a walk|free|around|about|up for it|fancy it|keen)",
)

# Flirting emoji only count with something romantic aimed at the reader in the same message.
FLIRT_EMOJI = "\U0001f618\U0001f60d\U0001f970\U0001f63b\U0001f48b\U0001f60f\U0001f609\U0001f975\U0001f924\U0001f498\U0001f61a\U0001f619\U0001fae6"
FLIRT_CONTEXT = (
    r"(?:you|u|ya) (?:look|looking|looked|are looking|r looking)|(?:youre|ur) looking|"
    r"(?:your|ur) (?:pic|pics|photo|photos|selfie|selfies|pfp|profile pic|profile picture|eyes|smile|lips|body|legs|hair|face|outfit|dress|bum|ass)|"
    r"(?:youre|you are|ur|u r|you r) (?:so |really |very |well |proper |such a |a |literally |actually )*(?:beautiful|gorgeous|cute|hot|sexy|pretty|handsome|stunning|fit|adorable|cutie|babe|snack|stunner|peng)|"
    r"(?:hey|hi|hiya|heya|morning|night|hello) (?:you|there|stranger|cutie|sexy|gorgeous|beautiful|handsome|babe|sweetheart)\b|"
    r"(?:a |some |for )?(?:drink|drinks|date|dinner|cuddle|cuddles|kiss|kisses|snuggle)(?: with me| together| sometime| tonight)?|"
    r"(?:you|u) single|more than (?:just )?(?:[a-z]+ )?(?:friends|mates|buddies|pals)|just (?:us|you and me|the two of us)|you and me|you and i",
)
