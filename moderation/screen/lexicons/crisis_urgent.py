"""Concept lexicons for urgent crisis language (SPEC 3.2): intent, plan, means, timeline,
farewell, an attempt or self-harm in progress, harm to others, danger from an abuser now.

Each tuple is one concept written as general phrasings (tenses, pronouns, slang), never as
copies of particular messages. ``{MACRO}`` names are defined in ``crisis_macros``.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

# "i'm going to kill myself", "gonna kms", "ill end it all", "about to take my own life".
INTENT = (
    # "od" written out alone: the leading space keeps the prefilter anchor selective.
    r"{FUT} od(?![a-z])|{FUT} o\.d",
    r"{FUT} (?:go and |go |just |finally |actually |really |literally |do it and )?{SELF_LETHAL}",
    r"(?:im|i am) (?:finally |actually |really )?(?:ending it|ending it all|ending my life|ending things|killing {ME}(?! (?:laughing|with|at|over|to|for|trying|doing|working))|"
    r"taking my (?:own )?life|doing it|going through with it|unaliving {ME}|checking out|jumping)(?! (?:with|off (?:the|a) (?:diving|high) board))",
    r"(?:scared|afraid|worried|terrified|frightened) (?:that )?(?:i will|ill|im going to|im gonna|i might|i am going to|i could) "
    r"(?:take|swallow|use|do|act on) (?:them|it|they|the \w+|something|all of)",
    r"(?:ive|i have|i) (?:decided|made (?:up )?my mind|made my (?:decision|choice)|made the (?:decision|choice))(?= *$| *[.,!]| and| to (?:end|die|do it|go through|kill|leave this world))",
    r"(?:im|i am|i feel|feel) (?:so )?(?:at peace|calm|ready) (?:with (?:it|my decision|my choice|the decision|dying|going)|now that ive decided)",
    r"{FUT} (?:go and |just |really )?(?:cut|burn|hurt|harm|starve) (?:{ME}|deep|deeper|again|tonight)",
    r"(?:not|no longer) (?:planning|going|intending|expecting|meant) to (?:see|make it to|survive|live to see|be alive for|wake up (?:to|on)) (?:the morning|tomorrow|morning|another day|next week|christmas|my birthday|the weekend)",
    r"(?:have|got|ive got) (?:the|a) means|(?:have|got|ive got) everything (?:i need|ready|planned|sorted)(?: to (?:do it|end it|go))?",
    r"my mind is made up|theres no going back now|no turning back now|its time to go|my time is up",
    r"(?:i dont|i do not|dont) want to be (?:alive|here) (?:tomorrow|by (?:the )?morning|after tonight)",
)

# An intent phrase bound to a time ("tonight i end it", "ctb tonight", "sunday, once the kids...").
TIMED_ACT = (
    r"(?:{TIMELINE})[ ,.]*(?:{I}|im gonna|im going to)? ?(?:end it|end it all|end my life|do it|kill {ME}|"
    r"take (?:them|it|my life|the pills|the lot)|go through with it|ctb|kms|unalive {ME}|jump|say goodbye)",
    r"(?<!about )(?<!of )(?:end it|end it all|end my life|kill {ME}|ctb|kms|unalive {ME}|commit suicide|do it|go through with it|"
    r"take my (?:own )?life|ending it|ending it all|ending my life|killing {ME}|taking my (?:own )?life|unaliving {ME})[ ,.]*(?:{TIMELINE})",
    r"(?:ive|i have|i) (?:decided|made up my mind|made my (?:decision|choice))[ ,.]*(?:that )?(?:{FUTURE})",
    r"(?:tried|attempted|trying) to (?:kill {ME}|end my life|end it|take my (?:own )?life|overdose|hang {ME})(?: again)? "
    r"(?:last night|yesterday|earlier|this morning|today|tonight|an hour ago|\d+ (?:hours|hrs|mins|minutes) ago|at the weekend|on the weekend)",
    r"(?:not|wont|never) (?:wake up|be here|be alive|be around|see) (?:tomorrow|in the morning|after tonight|the morning)",
    r"so (?:that )?i (?:dont|do not|never|wont) wake up",
)

# "Doing it tonight": urgent only when something else in the message says what "it" is.
TIMED_VAGUE = (
    r"(?:doing|do) it (?:{FUTURE})|(?:{FUTURE})[ ,.]*(?:is|s) (?:when|the (?:night|day))|its happening (?:{FUTURE})",
)

# Plans and preparations.
PLAN = (
    r"(?:planning|planned|plan) (?:my|out my|for my) (?:suicide|death|exit|ending|end)",
    r"(?:have|got|made|ive got|i have) (?:a|the|my) plan(?: to| for)? (?:(?:to )?(?:end|kill|die|do it|how|when))",
    r"(?:already )?(?:picked|chosen|chose|found|scouted|checked) (?:out )?(?:the|a|my) (?:spot|place|date|day|bridge|location|method|way)",
    r"(?:looked up|googled|researched|researching|searching|searched|reading up on) (?:how (?:to|many|much|long)|the (?:dose|dosage|lethal)|lethal|painless ways|ways to die)",
    r"how (?:many|much) (?:\w+ )?(?:pills|tablets|paracetamol|\w+) (?:would it take|does it take|to (?:die|overdose|kill|end))",
    r"(?:suicide|goodbye|farewell|final|last) (?:note|notes|letter|letters|message|messages|video)(?: (?:is|are) (?:written|done|ready|finished|on))?",
    r"(?:wrote|written|writing|finished|left|leaving) (?:my|a|the|some) (?:suicide |goodbye |farewell |final |last )(?:note|notes|letter|letters)",
    r"(?:notes?|letters?) (?:is|are) (?:already )?(?:written|done|ready|on the)",
)

# Preparations: each is a sign only together with another one (giving a pet away can be a move).
PREPARATION = (
    r"(?:put|got|getting|sorted|sorting) (?:my )?affairs in order|affairs (?:are )?in order|(?:sorted|updated|wrote|made) my will",
    r"(?:gave|given|giving|gave away|giving away|rehomed|rehoming) (?:away )?(?:my|all my) (?:cat|cats|dog|dogs|pets?|stuff|things|belongings|possessions|savings|plants)",
    r"cancell?ed (?:my|all my) (?:phone|contract|subscriptions?|phone contract|appointments|plans)",
    r"said (?:my|all my) goodbyes|saying my goodbyes|made my peace",
    r"(?:checked|check|made sure) (?:the|that the) (?:door|roof|access|gate|hatch)(?:s| is)? (?:unlocked|open)",
)

# An attempt or self-harm happening now, or at a dangerous place now.
IN_PROGRESS = (
    r"(?:took|taken|swallowed|downed|necked|had|ive had|just had) (?:an |a |my )?overdose|(?:took|taken|swallowed|downed|necked|had|ive had|just had) (?:an|a|my) od(?![a-z])",
    r"(?:took|taken|swallowed|downed|necked|popped) (?:about |around |like |maybe |over |nearly |almost |at least )?(?:{QUANTITY}) ?(?:of )?(?:my |the |mums |dads |these )?(?:\w+ )?(?:{MED}|packet|box|bottle|lot)",
    r"(?:took|taken|swallowed) (?:the|a) (?:whole|full|entire) (?:packet|box|bottle|strip|blister)",
    r"(?:just )?overdosed(?! on (?:caffeine|coffee|sugar|chocolate|carbs|netflix|tv|tiktok|content|cake|sweets|energy drinks))",
    r"(?:cutting|burning|hurting|harming|hitting|scratching) {ME}? ?(?:right now|rn|atm|as we speak|as i type|now)",
    r"(?:im|i am) (?:cutting|burning|hurting {ME}|harming {ME}|self harming)(?! (?:onions|vegetables|veg|hair|back|down|out|carbs|costs|ties|the|my|it|some)(?![a-z]))",
    r"(?:cant|wont|can not|cannot) stop (?:the )?bleeding|bleeding (?:quite |really |so |very )?(?:a lot|loads|heavily|everywhere|so much|badly|wont stop)|so much blood|blood everywhere",
    r"(?:just |ive just |i just |i )?(?:slit|slashed|sliced) my (?:wrists?|throat|arms?|legs?)|(?:cut|went|gone) (?:this|too|so|really) deep",
    r"(?:cut|burned|burnt|hit|hurt|harmed) {ME} (?:just now|a minute ago|minutes ago|a few minutes ago|right now)",
    r"about to (?:do it again|cut|burn {ME}|hurt {ME}|jump|take them|do it)",
    r"(?:sitting|sat|parked|am|im) in (?:the|my|a) (?:car|garage) with (?:the )?(?:engine|car|motor) (?:running|on)",
    r"(?:engine|car) (?:is )?running (?:in|inside) the garage|hose (?:from|on) the exhaust",
    r"(?:noose|rope|belt|ligature) (?:is )?(?:round|around|on) my neck",
)

# At a place to jump from: urgent only with another sign beside it (people stand on bridges).
LOCATION = (
    r"(?:im|i am|standing|stood|sitting|sat|here|now|writing this|typing this|from) (?:on|at|by|near|on top of|at the top of|from|from the top of|up on) (?:the |a )?(?:edge of (?:the |a )?)?(?:[a-z]+ )?"
    r"(?:bridge|cliff|cliffs|cliff edge|cliff path|ledge|roof|rooftop|top floor|multi ?storey|car park roof|train tracks|tracks|railway|platform edge|overpass|"
    r"car park|building|tower block|block of flats|viaduct|pier|dam|quarry)",
)

# Wanting or planning to hurt another person.
HARM_OTHERS = (
    r"{FUT} (?:go and |go |just |really |actually )?(?:hurt|kill|stab|shoot|attack|strangle|murder|beat up|batter|"
    r"poison|run over|smash|knife|glass|punch|burn down)"
    r" (?:him|her|them|someone|somebody|people|everyone|everybody|my \w+|the \w+|that \w+|his \w+|her \w+|their \w+|"
    r"a \w+|this \w+|those \w+)",
    r"{FUT} (?:go |come )?(?:\w+ ){1,5}and (?:hurt|kill|stab|shoot|attack|strangle|murder|beat up|batter) (?:him|her|them|someone|everyone|my \w+|the \w+|that \w+|his \w+|her \w+)",
    r"{FUT} (?:make|see) (?:him|her|them|everyone|people|them all|all of them) (?:pay|bleed|suffer)",
    r"(?:bring|bringing|take|taking|brought|took|carry|carrying) (?:a|my|the|my dads|dads|my mums|mums|a loaded|his|her) (?:gun|knife|knives|weapon|machete|blade|pistol|rifle) (?:to|into) (?:school|work|class|college|uni|the office|the party|his|her|their|the \\w+)",
    r"shoot up (?:the|my|a|this|our) (?:school|class|office|work|place|mall|party|church|mosque)",
)

# Wishing to hurt someone, without a plan or time: a concern, urgent with another sign.
HARM_WISH = (
    r"(?:want to|wanna|wana|feel like|tempted to|urge to|could easily|thinking (?:about|of)) (?:really )?(?:hurt|kill|stab|shoot|strangle|murder|beat up|batter|poison)(?:ing)?"
    r" (?:him|her|them|someone|somebody|people|everyone|my \w+|the \w+|that \w+|his \w+|her \w+)",
    r"i know where (?:he|she|they) lives?",
)

# Danger from someone else right now (abuse, threats, someone at the door with a weapon).
ABUSER_ACTS = (
    r"(?:{THEY}|{PERSON}|my (?:stepdad|stepmum|stepmom|stepfather|stepmother|ex husband|ex wife|ex partner|landlord))"
    r"(?:s| is| are|s been| has been|s just| just)?(?: (?:drunk|angry|raging|high|off his head|off her head|kicking off) and)? (?:swinging (?:a|the|his|her) \w+ at|throwing things at|going for|laying into|pinning|hitting|beating|hurting|choking|strangling|kicking|punching|"
    r"slapping|attacking|hits|beats|hurts|chokes|strangles|kicks|punches|slaps|attacks|threatening|chasing|screaming at|shouting at|coming for|trying to (?:get in|break in|break the door)|"
    r"banging on the door|kicking the door|outside (?:the|my) (?:door|house|flat|window|room)|at the door|downstairs|"
    r"in the next room|breaking (?:things|stuff|the door))",
    r"(?:{THEY}|{PERSON})(?: has| have|s)? (?:just )?(?:smashed|kicked|broke|broken|punched|hit|slapped|strangled|choked|pushed|grabbed|threw|thrown)"
    r" (?:me|the door|my door|the window|in the door|down the door|my \w+|mum|mom|the kids)",
    r"(?:{THEY}|{PERSON})(?:s| is| are)? (?:coming|on (?:his|her|their) way) (?:up the stairs|for me|after me|back|home|round|over)(?! to (?:visit|see|help))",
    r"(?:turned up|showed up|came round|broke in|got in|is here|hes here|shes here)(?: at| to)?(?: my| the)? ?(?:flat|house|door|place|work|room)?"
    r" (?:with a (?:knife|gun|weapon|bat|hammer|machete)|and (?:he|she|they) (?:wont|will not|refuses to) (?:leave|go))",
)

# Hiding from someone: a danger sign only beside an abuser or a threat.
HIDING = (
    r"(?:hiding|locked|barricaded|hid|hide) (?:{ME} )?(?:in|under|inside|behind) (?:the|my|a) (?:bathroom|bedroom|room|wardrobe|closet|car|bed|cupboard|toilet|loo|shed)",
)

THREATS_TO_ME = (
    r"(?:hell|he will|shell|she will|theyll|they will|hes going to|hes gonna|shes going to|shes gonna|is going to|will|would|hed|shed|theyd|"
    r"threatened to|threatens to|threatening to|swears (?:he|she|they)ll|said (?:he|she|they)d) (?:kill|hurt|stab|shoot|strangle|beat|end|choke|murder|finish) "
    r"(?:me|us|mum|mom|mam|dad|nan|gran|grandma|grandad|my \w+|the kids|the baby|him|her|them|someone|everyone)",
)

# Signs that a danger is present now (used with threats and abuse). The strong ones hold even
# against the "my mum will kill me if I'm late" idiom; the time words do not.
DANGER_STRONG = (
    r"next room|outside (?:the|my) (?:door|room|house|flat|window)|at the door|locked in|hiding|barricaded|cant get out|"
    r"trapped|wont let me (?:leave|out|go)|blocking the door|locked me in|next to my head|"
    r"hes here|shes here|theyre here|wont leave|on his way|on her way|help me|please help|pls help|"
    r"call (?:the )?police|scared for my life|knife|gun|weapon|hitting me|hits me|beating me|choking me|"
    r"strangl\w+|punched me|abusive|abuse|violent|(?:sitting|parked|waiting|standing) outside|outside in (?:his|her|their|the) (?:car|van)|"
    r"found (?:my|our) (?:new )?(?:address|flat|house|place)|hear (?:her|him|them|mum|mom|my \w+) (?:screaming|crying|shouting|begging)|doing it (?:again )?(?:right now|now|rn)|"
    r"(?:scared|afraid|terrified) to go home|cant go home"
)
DANGER_NOW = (r"rn|right now|now|tonight|again|im scared|im terrified|so scared|pls|please",)

# Farewells: strong ones alone are urgent; weak ones count only together or with another sign.
FAREWELL_STRONG = (
    r"this is (?:my )?goodbye|this is (?:my )?(?:last|final) (?:message|post|msg|text|time (?:posting|talking|here))",
    r"(?:my )?(?:last|final) (?:message|post|msg) (?:here|from me|ever)",
    r"(?:goodbye|farewell|bye) (?:forever|world|cruel world|for good|for the last time)",
    r"you (?:wont|will not|will never|ll never) (?:hear from|see|be hearing from) me (?:again|after)",
    r"(?:the )?last time (?:any of )?(?:you|yall|anyone|you all|you guys) (?:will|ll|are going to|is going to) (?:hear from|see|talk to) me",
    r"(?:please )?(?:dont|do not) (?:come )?(?:look|looking|search|searching) for me|(?:dont|do not) try to find me",
    r"(?:{I}|not) ?(?:wont|will not|not gonna|not going to|gonna not) be (?:around|here|alive) (?:after (?:tonight|today|this)|"
    r"much longer|for much longer|for long|anymore|any more|by (?:the )?(?:morning|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend))",
    r"by the time (?:you|anyone|someone|somebody|they|people|you all|yall|any of you|my \w+) (?:reads?|sees?|finds?|gets?) (?:this|it|me|here)",
    r"(?:writing|wrote|written|leaving) (?:my )?(?:goodbye|farewell|suicide) (?:letters?|notes?|messages?)",
)

FAREWELL_WEAK = (
    r"(?:thank|thanks|thx) (?:you )?(?:all |everyone |guys )?for everything",
    r"look after (?:each other|yourselves|my \w+|everyone)",
    r"(?:love|luv) (?:you|u) all|i love you all|love yall",
    r"(?:its|it has|its) been real",
    r"sorry for everything|im sorry for everything",
    r"(?:tell|let) (?:my \w+|\w+|everyone|them|her|him) (?:know )?(?:that )?(?:im sorry|i love (?:them|her|him|you)|i was sorry)",
    r"deleting (?:everything|all my (?:accounts|stuff|posts|photos|socials)|my accounts)",
    r"(?:bye|goodbye) (?:everyone|all|guys|yall|friends|all of you|you all)",
    r"you (?:were|have been|ve been) (?:so )?good to me",
    r"dont (?:try (?:and|to) )?(?:talk|stop) me (?:out of it)?|dont try (?:to|and) stop me|please dont stop me",
    r"(?:just )?wanted (?:someone|somebody|you all|you guys|someone here) to know|(?:just )?want(?:ed)? to say (?:bye|goodbye)",
    r"so (?:that )?(?:they|nobody|no one|noone|people|the (?:pharmacist|chemist|shop|staff)) (?:wouldnt|wont|would not|doesnt|dont|didnt) (?:ask|notice|know|find out|suspect|question)",
    r"so (?:someone|somebody) knows",
    r"i just want it (?:done|over)|want it (?:all )?(?:done|over) with",
    r"(?:cant|can not|cannot) do (?:another|one more) (?:night|day)",
    r"(?:left|leaving|written|wrote|writing) (?:a |some |my )?(?:letters?|notes?) (?:for|to) (?:my|everyone|them|her|him|the)",
    r"im done(?! with| for the| now lol| lol| haha)|im finished(?! with)|i cant do this(?! job| course| exam)",
)
