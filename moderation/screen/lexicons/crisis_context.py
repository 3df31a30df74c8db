"""Modifiers for crisis detection: idioms, hyperbole, the recovered past, fiction and news,
medication talk, and hedges. These stop the crisis detector from firing on "this commute is
killing me", "i'd rather die than do karaoke", "two years ago I tried; today I'm glad I'm here"
or a film plot, while leaving real present-tense distress visible.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

# "My mum will kill me if I'm late": a threat only with real danger signs beside it.
FAMILY_THREAT_IDIOM = (
    r"(?:(?:mum|mom|mam|ma|dad|nan|gran|wife|husband|boss|teacher|coach|sister|brother|partner|gf|bf|girlfriend|boyfriend|missus|mrs|"
    r"manager|sponsor|mates|friends|flatmate) (?:will|ll|is going to|is gonna|s gonna|s going to|would|d|gonna)|hell|shell|hed|shed|theyll|theyd|"
    r"he will|she will|he would|she would|they will|they would) (?:literally |actually |honestly |absolutely )?(?:kill|murder|strangle|skin) me (?:if|when|for)|"
    r"kill me (?:lol|lmao|haha\w*|xd|jk)|if (?:my |the )?(?:mum|mom|mam|dad|nan|gran|wife|husband|boss|teacher|partner|gf|bf|landlord|parents) (?:ever )?(?:sees|finds|hears|knows|catches|finds out)"
)

# Idioms are blanked out of the text before crisis concepts are matched.
IDIOMS = (
    r"(?:is|are|was|were|its|thats|this|that|these|those|\w+s|\w+) (?:absolutely |literally |actually |really |honestly |slowly )?killing me",
    r"(?:absolutely |literally |totally )?(?:killing|killed|kill|smashing|smashed|crushing|crushed|nailing|nailed) (?:it|that|this|the \w+ (?:interview|exam|test|presentation|game|workout|set))",
    r"kill(?:s|ed)? me (?:to|when|that|with)|(?:it|that|this|which) kills me",
    r"killed me(?! (?:with|when) (?:a|the|his|her))",
    r"(?:would|could|id|i would|i could|i d) (?:kill|murder|die) (?:for|to have)(?: an?| some| the)?",
    r"(?:could|would|id|i could) murder (?:a|an|some|the) \w+",
    r"kill(?:ing)? (?:two birds|time|the (?:mood|vibe|lights|spider|wasp|fly|bug|engine|music|conversation|pain))|killing time",
    r"killer (?:workout|headache|heels|view|song|tune|app|deal|instinct)|dressed to kill|killjoy",
    r"killing {ME} (?:laughing|at|with|over|to|for|trying|doing|working)|(?:nearly |almost )?(?:killed|kill) {ME} (?:laughing|at the gym|on the treadmill|trying)",
    r"(?:dying|died|die|dead|nearly died|almost died|could die|wanted to die) (?:of|from|with) (?:laughter|laughing|embarrassment|shame|boredom|curiosity|heat|cringe|hunger|thirst|cuteness|jealousy|excitement)",
    r"dying (?:to|for) (?:know|see|hear|try|meet|tell|go|get|have|a \w+)|(?:dying|died|dead) laughing|to die for|die hard|(?:sick|bored|scared|worried|frightened|tickled) to death",
    r"(?:the )?death of me|over my dead body|dead (?:tired|beat|on my feet|good|easy|nice|funny|serious|lucky|chuffed|proud|on|end|ends|set on|wrong|right|cute|quiet|slow)|deadline|deadlines|drop dead gorgeous",
    r"(?:im|i am|literally|actually) (?:dead|deceased|dying|crying)(?: inside)? ?(?:lol|lmao|lmfao|haha\w*|😂|🤣|💀|😭)",
    r"knock(?:ed|ing)? (?:em|them|him|her|us) dead",
    r"(?:battery|batteries|phone|laptop|car|plant|plants|basil|crops|tv|computer|charger|headphones|wifi|internet|printer|tablet|console|"
    r"fish|goldfish|mouse|controller|engine|motor|tomatoes|flowers|garden|pc|xbox|ps5|router|kindle|hamster|speaker|radio|dryer|fridge)s? "
    r"(?:has |had |have |just |finally )?(?:died|dead|is dead|dying|is dying|was dead)",
    r"(?:let|let all) (?:my|the|all my) (?:crops|plants|flowers|pets|sims|tamagotchi) die",
    r"murder on my|(?:joke|set|gig|show|crowd|speech|performance|comedian) killed|killed (?:the|a|that) (?:vibe|mood|spider|fly|wasp|bug|mosquito|game|boss|dragon|zombie|zombies)",
    r"(?:i|id|i would|i d|i would rather|id rather|rather) (?:die|be dead) than (?!live|living|go on|going on|keep|feel|be here|exist|continue|carry on|wake up|face|another|spend|suffer|be alive|stay|put up)",
    FAMILY_THREAT_IDIOM,
    r"hang in there|hanging in|hang (?:out|on|tight|up)|hanging (?:out|on)|hang (?:the|a|my) (?:washing|picture|laundry|clothes|coat)|hung (?:up|out|over)|hungover",
    r"shoot (?:me|us) (?:a|an) (?:message|text|email|dm)|photo ?shoot|shoot for the|shoot your shot",
    r"end (?:it|things) (?:with|between)|ending (?:it|things) (?:with|between)|end of (?:my|the) (?:rope|tether)",
    r"jump (?:in|into|on|onto) (?:a|the|my) (?:shower|bath|pool|queue|car|conversation|call|zoom|teams|meeting|train|bus|bike|plane|flight|bandwagon)|jump at (?:the|this|that) (?:chance|opportunity)|jump(?:ed|ing)? (?:off|from) (?:the|a) (?:diving|high|springboard|board|boat|pier|swing|trampoline)",
    r"(?:skipping|jump|climbing) rope|learn(?:ing|ed)? the ropes|roped (?:in|into)|jump the gun|stick to my guns|glue gun|nail gun|water gun|son of a gun|top gun|guns blazing|gun it",
    r"chill pill|bitter pill|the pill(?! s)|morning after pill",
    r"cross that bridge|bridge the gap|on edge|edge of my seat|take the edge off|cutting edge|talk(?:ed|ing)? (?:me|him|her|them) (?:down )?off the ledge",
    r"cut(?:ting)? (?:my|the|some|his|her|their|your|a) (?:hair|fringe|bangs|nails|onions?|veg|vegetables|grass|lawn|cake|bread|losses|finger|thumb)|"
    r"cut(?:ting)? (?:back|down|out|off|corners|costs|ties|carbs|class|the cord|it fine|it close|me off)|haircut",
    r"(?:burn|burned|burnt|burning) (?:out|the (?:toast|dinner|food|rice|candle)|my (?:tongue|dinner|toast|hand on|finger on))|burnout",
    r"overdos(?:e|ed|ing) on (?:caffeine|coffee|sugar|chocolate|carbs|netflix|tv|tiktok|content|cake|sweets|energy drinks|vitamins|cuteness|serotonin|memes)",
    r"(?:like|feels like|it feels like|its like) (?:banging|hitting|bashing) my head (?:against|on) (?:a|the) (?:brick )?wall",
    r"(?:banging|bang|hit|hitting) my head (?:against|on) (?:a|the) (?:brick )?wall (?:trying|with|over)",
    r"stab(?:bed)? in the back|back ?stab\w*|take a stab at|have a stab",
    r"i could (?:kill|strangle|murder) (?:him|her|them|my \w+)",
    r"(?:goodbye|farewell|leaving|last) (?:letter|card|message|email|speech|post|note) (?:to|for) (?:my |the |our )?(?:old |former )?(?:job|work|team|colleagues|coworkers|class|students|teacher|boss|manager|landlord|house|flat|school|office)",
    r"(?:last|final) (?:message|post|msg) (?:for |of )?(?:tonight|today|the (?:day|night|evening)|for now|for a while|before (?:bed|i sleep|work|my shift))",
)

# Distant-past markers: a crisis phrase in the same sentence is about the past, not now.
PAST = (
    r"(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|many|couple of|couple|some) )?"
    r"(?:years?|yrs?|months?|decades?) (?:ago|back|since|before)",
    r"last (?:year|winter|summer|spring|autumn|fall|christmas|decade|new year)|(?:a|one) year (?:ago|back)",
    r"used to|use to|at my (?:worst|lowest)|back (?:then|when|in)|in (?:19|20)\d\d|when i was (?:\d+|young|younger|little|a (?:kid|teen|teenager|child|student))",
    r"in my (?:teens|twenties|20s|30s|teenage years|youth|late teens|early twenties)|as a (?:teen|teenager|kid|child)|at (?:1[0-9]|2[0-9])(?! (?:mins?|minutes|hours?|pm|am))",
    r"remember when|the (?:night|day|time) i (?:nearly|almost)|(?:nearly|almost) (?:died|overdosed|did it|ended it)|after (?:an|my) attempt|survivor|survived",
    r"first (?:year|months?) of (?:recovery|sobriety)|before (?:i got help|treatment|recovery|therapy|meds)",
)

# Present-moment markers that keep a phrase current even in a sentence with a past marker.
STILL_NOW = r"(?<![a-z])(?:again|still (?:want|wanna|feel|think about (?:ending|dying|killing|suicide)|have (?:the )?(?:urges|thoughts))|tonight|right now|rn|anymore|any more|these days|lately|at the moment|atm|this week|today i want|now i want)(?![a-z])"

# Laughter and trivial triggers: hyperbole when paired with an ideation phrase.
LAUGHTER = r"(?<![a-z])(?:lol|lool|lmao|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|jk|jks|jokes|kidding|😂|🤣|😆|😹|💀)(?![a-z])|😂|🤣|💀|😹|😆"
TRIVIAL = (
    r"(?<![a-z])(?:crush|cringe|cringey|cringy|embarrass\w*|mortif\w*|awkward|tiktoks?|karaoke|meme|memes|homework|"
    r"selfie|old photos|old pics|typo|autocorrect|spoilers?|my hair|my outfit|haircut|group chat|voice note|read receipts?|"
    r"called (?:my|the) (?:teacher|lecturer|boss) mum|so funny|hilarious|this song|the ending|that episode|season finale)(?![a-z])"
)

# Fiction, games and news: third-person or generic violence there is not a person at risk.
FICTION = (
    r"(?<![a-z])(?:in (?:the|a|my|this|that|her|his) (?:book|novel|film|movie|show|series|episode|game|story|play|comic|manga|anime|"
    r"podcast|documentary|article|news|drama|soap|song|poem|chapter)|my novel|short story|(?:main )?character|villain|protagonist|"
    r"boss fight|npc|spoilers?|fanfic|murder mystery|true crime|netflix|the news|news (?:about|story|report)|headlines?|coverage|"
    r"(?:watching|watched|reading|read) (?:a|an|the) (?:drama|film|movie|show|series|book|novel|documentary|memoir|article|play)|"
    r"zombies?|gaming|video game|hamlet|shakespeare|elden ring|minecraft|fortnite|stardew|the sims|call of duty|gta|lyrics|"
    r"writing group|book club|chapter \d+|dnd|d&d)(?![a-z])"
)

# Hedges: the writer says they will not act; active ideation stays a concern, not urgent.
HEDGES = (
    r"(?<![a-z])(?:no plan|no plans|not planning (?:anything|to)|(?:not|never) (?:gonna|going to|gunna) (?:do|act on|try) (?:anything|it)|"
    r"wont (?:do|act on) (?:anything|it)|would never (?:do|act on) (?:anything|it)|too scared to (?:actually )?(?:do|go through|try)|"
    r"im safe|i am safe|safe for now|not in danger|not doing anything|not like doing anything|not going to act|"
    r"wouldnt actually|never actually|not actually going to|no intention|no intent|safety plan|my plan to stay safe|staying with|"
    r"using my (?:coping|skills|plan)|reached out|called (?:the|a) (?:crisis|help) ?line)(?![a-z])"
)

# Everyday medication management: pills "on the counter" for breakfast are not means at hand.
MEDICATION_ROUTINE = (
    r"(?<![a-z])(?:with (?:breakfast|lunch|dinner|food|my tea|a meal)|morning dose|evening dose|night dose|as prescribed|"
    r"pill ?box|pill organi[sz]er|dosette|blister pack|remember(?:ed)? to take|forgot (?:to take )?my|refill|"
    r"pharmacy|pharmacist|chemist|prescriber|gp|doctor|side effects?|for the week|weekly)(?![a-z])"
)

# Generic, educational or moderating talk about crisis topics (facilitators, awareness events).
PSYCHOEDUCATION = (
    r"(?<![a-z])(?:if (?:you|someone|somebody|anyone|a member|a friend|they)|people who|myth|warning signs|safety plans?|"
    r"prevention|awareness|tonights topic|todays topic|psychoeducation|facilitator note|reminder|resources? (?:are|is) pinned|"
    r"crisis line|please use the|flag (?:it|them)|let a facilitator|tell a facilitator|report button)(?![a-z])"
)

# Keeping medication back on purpose is a plan, whatever the amount.
HOARDING = (
    r"stockpiled|stockpiling|hoarded|hoarding|stashed|stashing|saved up|saving up|been saving|been collecting|"
    r"secretly (?:saved|kept|collected)|saving (?:them|my \w+) up"
)

# Rope, blades and the like bought or kept for a hobby or a chore are not means.
HOBBY = (
    r"climbing|climb|camping|sailing|boat|tent|hammock|washing line|clothes ?line|garden|gardening|macrame|crafts?|"
    r"dog toy|tug toy|rope toy|toys?|for the dog|for my dog|skipping|towing|tow|gym|hiking|abseiling|bouldering|pulley|swing|knots?|scouts|kayak|canoe|horse|"
    r"yoga|diy|cooking|chopping|shaving my legs|shave|beard|cleaning|weeds|"
    r"lawn|allotment|drive ?way|patio"
)
