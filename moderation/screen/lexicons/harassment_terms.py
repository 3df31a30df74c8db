"""Lexicons for harassment: insults and abuse aimed at a person in the room or at a group.

Insults about oneself ("i'm such an idiot") or about people outside the group ("my boss is a
prick") are not harassment here: members vent, and a support group must let them. Swearing in
them is still profanity.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

INSULT_NOUNS = (
    r"idiots?|morons?|losers?|joke|disgrace|clowns?|muppets?|numpty|numpties|plonkers?|eejits?|pricks?|twats?|dickheads?|dicks?|"
    r"cocks?|bitch|bitches|cunts?|wankers?|tossers?|gobshites?|bellends?|knobheads?|arseholes?|assholes?|bastards?|jerks?|"
    r"leech|leeches|parasites?|freaks?|psychos?|weirdos?|creeps?|creepy|retards?|imbeciles?|cretins?|scum|scumbags?|trash|garbage|"
    r"waste of (?:space|oxygen|air|skin|time)|wimps?|cowards?|snowflakes?|cry ?baby|crybabies|drama queens?|attention (?:seekers?|whores?)|"
    r"liars?|frauds?|fakes?|pigs?|whores?|sluts?|skanks?|nutters?|nutcase|lunatics?|shit|shite|piece of (?:shit|crap|work)|"
    r"pos|douche|douchebags?|dipshits?|shitheads?|dumbass|jackass|degenerates?|subhuman|vermin|junkies?|crackheads?|fatso|"
    r"lardass|tool|fools?|failure|nobody|embarrassment|sad act|saddo|pathetic excuse|spineless|div|melt|mong|spaz|spastic|tit|"
    r"pillocks?|prats?|gits?|berks?|wazzocks?|knobs?|slags?|cows?|bints?|slappers?|lowlifes?|low lifes?|wastemans?|wastemen|trolls?|"
    r"hypocrites?|snakes?|rats?|nonces?|nutjobs?|headcases?|fruitcakes?|basket ?cases?|lost causes?|simps?|incels?|neckbeards?|"
    r"excuse for a (?:human(?: being)?|person|man|woman|friend|mother|father|mum|dad|parent)|sad sacks?|doormats?|"
    r"waste of (?:a )?(?:life|a life|breath|good air)|energy vampires?|sponges?|brats?|sad cases?|head ?cases?|nut ?cases?|"
    r"pains? in the (?:arse|ass|neck|backside)|liabilit(?:y|ies)"
)
INSULT_ADJECTIVES = (
    r"pathetic|stupid|dumb|ugly|useless|worthless|disgusting|annoying|whiny|whiney|whining|thick|brainless|clueless|spineless|"
    r"gutless|selfish|fake|boring|repulsive|vile|hideous|gross|retarded|toxic|evil|a joke|a disgrace|an embarrassment|"
    r"attention seeking|attention-seeking|full of (?:shit|crap|it|bs|yourself)|dead weight|braindead|brain dead|insufferable|"
    r"unbearable|a waste of (?:space|time|oxygen)|irrelevant|such a letdown|delusional|"
    r"needy|clingy|unhinged|deranged|beneath contempt|pitiful|laughable|obnoxious|arrogant|smug|ignorant|nasty|horrible|"
    r"spiteful|two ?faced|manipulative|cringe|cringey|cringy|dense|dim|sick in the head|not right in the head|a nightmare|"
    r"a lost cause|a waste|a parasite|a leech|a drain|a mess of a (?:person|human)|irritating|infuriating|exhausting to be around|"
    r"unpleasant|horrid|a brat|bratty|a pain|a pest|pond life"
)
MACROS = {
    "NOUN": INSULT_NOUNS,
    "ADJ": INSULT_ADJECTIVES,
    "FILLER": (
        r"such|a|an|so|the|just|literally|really|absolute|absolutely|complete|completely|total|totally|utter|utterly|"
        r"fucking|fkn|fking|effing|bloody|little|big|fat|stupid|dumb|useless|pathetic|annoying|whiny|whining|ugly|sad|"
        r"one|nothing but a|the biggest|such an|actual|proper|right|massive|worthless|lazy|disgusting|thick|"
        r"miserable|spineless|attention seeking|attention-seeking|selfish|fake|lying|[a-z]*[*#@$]+[a-z]*|"
        r"most|the most|biggest|bunch of|load of|pack of|shower of|smug|arrogant|ignorant|entitled|nasty|horrible|vile|sorry|sneaky|"
        r"jumped up|self righteous|condescending|patronising|patronizing|pompous|bitter|petty|dirty|filthy|creepy|weird|needy|clingy|"
        r"manipulative|two faced|spoilt|spoiled|ungrateful|sick|twisted|gormless|clueless|brainless|witless|deluded|delusional|"
        r"pretentious|insufferable|unbearable|toxic|psycho|mental|crazy|insane|ignorant|hopeless|honestly|seriously|genuinely|"
        r"actually|truly|clearly|obviously|officially|definitely|basically|pretty|quite|rather|very|way|even|still|always|being|all"
    ),
    "YOU": r"you|u|ya|ye|yall|you lot|you people|you all|you guys|the lot of you|everyone here|this group|this chat",
    "PERSON_ADJ": (
        r"sad|pathetic|stupid|ugly|useless|worthless|disgusting|vile|nasty|horrible|miserable|bitter|spiteful|smug|arrogant|"
        r"ignorant|entitled|selfish|spineless|annoying|whiny|sorry|twisted|sick|weird|creepy|dumb|thick|lazy|needy|pitiful|"
        r"manipulative|attention seeking|attention-seeking|fucking|fkn|pompous|gormless|brainless|loathsome|despicable|odious|"
        r"irritating|infuriating|insufferable|obnoxious|unpleasant|horrid|repulsive|toxic|boring"
    ),
    "PERSON": r"man|woman|boy|girl|person|child|kid|creature|specimen|human being|human|individual|thing|soul|lad|bloke|guy|people|bunch|lot|crowd|men|women",
    "GROUP_INSULT": r"losers|idiots|morons|snowflakes|freaks|psychos|crybabies|attention seekers|junkies|nutters|clowns|wimps|whingers|moaners|sheep|hypocrites|fakes|fakers|drama queens|weirdos|creeps|saddos",
    "VOCATIVE_NOUN": (
        r"idiot|moron|loser|dickhead|dick|prick|twat|wanker|tosser|bellend|knobhead|arsehole|asshole|bastard|cunt|bitch|"
        r"muppet|numpty|plonker|pillock|prat|clown|weirdo|creep|freak|psycho|snowflake|drama queen|attention seeker|crybaby|"
        r"dipshit|shithead|dumbass|jackass|douchebag|douche|imbecile|cretin|scumbag|lowlife|cow|slag|whore|slut|troll|snake|brat|"
        r"liar|fraud|hypocrite|leech|parasite|waste of space"
    ),
    "YOURE": r"youre|you are|ur|u r|you r|ure|you re|yall are|you lot are|you guys are|you people are|you seem|you sound|you look",
    # Where a message starts a command: its start, after punctuation, or after a filler word.
    "CMD": r"(?:^|(?<=[.,!?;:] )|(?<=[.,!?;:])|(?<=^just )|(?<=^oh )|(?<=^ok )|(?<=^lol )|(?<=^so )|(?<=^now )|(?<= and )|(?<= mate )|(?<= then ))",
    "AFTER": r"(?= *$| *[.,!?]| (?:you|u|ya|yall|mate|pal|dude|bro|loser|idiot|already|then|nobody|no one|back|and|ffs|lol|seriously|honestly|the lot|will you))",
}

DIRECTED = (
    r"(?:{YOURE}) (?:(?:{FILLER}) )*(?:{NOUN}|{ADJ})\b(?! (?:to|on|about|with) (?:yourself|urself|yourselves))",
    r"(?:your|yr) (?:so |such a |really |just )?(?:{ADJ})(?= *$| *[.,!?])",
    r"(?:{YOURE}|your) (?:too|so|way too|really|that) (?:stupid|dumb|thick|ugly|pathetic|annoying|selfish|useless) (?:to|for|that)",
    r"(?<!thank )(?<!love )(?:{YOU}) (?:(?:{FILLER}) )*(?:{NOUN})(?! (?:of|for|from|to|in|at|on|me|us|them|him|her|with)\b)",
    r"{CMD}(?:shut the (?:fuck|hell|f) up|shut your (?:fucking )?(?:mouth|face|trap|gob)|stfu|piss off|fuck off|f off|sod off|bugger off|gtfo|foad|gfy|"
    r"up yours|screw (?:you|u)|fuck (?:you|u)|f (?:you|u)|jog on|wind your neck in|get out of (?:this|the|my) (?:group|chat))",
    r"{CMD}shut up(?: (?:you|u|ya))?,? (?:(?:{FILLER}) )*(?:{NOUN})\b|{CMD}shut up(?= *$| already| nobody| no one| and (?:go|leave|sit))",
    r"{CMD}(?:get lost|get a grip|grow a (?:spine|pair)|grow up|toughen up|man up|get over (?:it|yourself)|get a life|go to hell|do one|"
    r"stop (?:posting|whining|moaning|crying|lying|attention seeking|playing the victim|milking it)(?: for (?:sympathy|attention))?){AFTER}",
    r"(?:nobody|no one|noone|no1) (?:here |in (?:this|the) (?:group|chat|room) )?(?:asked(?= *$| *[.,!?]| you| for| tho| though| lol)|"
    r"cares (?:about )?(?:your|ur|what (?:you|u))|(?:can|could) (?:stand|stomach|bear|tolerate) (?:you|u)\b|puts up with (?:you|u)\b|listens to (?:you|u)\b|wants (?:your|ur|you here|to hear (?:your|ur|from you))|"
    r"gives a (?:fuck|shit|damn|toss|crap|flying fuck) (?:about )?(?:your|ur|what you)|likes (?:you|u)\b|believes (?:you|u)\b)",
    r"(?:everyone|everybody|we)(?:s| is| are|re)? (?:sick|tired|bored) of (?:you|u|ur|your)\b",
    r"(?:{YOURE}|you) (?:the )?reason (?:people|everyone|everybody|folk) (?:leave|left|quit|hate)",
    r"no wonder (?:your|ur|nobody|no one|everyone) (?:family|mum|mom|dad|partner|friends|kids|\w+)? ?(?:doesnt|dont|left|hates|hate|talks?|likes?|wants?|leaves)",
    r"lying for (?:sympathy|attention)|(?:your|ur) sob story|pity party|(?:always|just) play(?:ing)? the victim",
    r"(?:back to|crawl back (?:to|into|under)) (?:whatever|the|your) (?:hole|rock|sewer|gutter)|crawled out of|under (?:whatever|the) rock",
    r"imagine being (?:this|so|that) (?:ugly|stupid|dumb|annoying|pathetic|thick|useless|boring|fat|sad)",
    r"(?:addicts?|alcoholics?|junkies|losers|freaks|psychos|nutters|idiots|morons|your kind|scum) like (?:you|u)\b|people like (?:you|u) (?:never|always|are|should|make me sick|ruin|disgust)",
    r"(?:i|ill|im going to|im gonna|gonna) (?:kill|hurt|stab|batter|beat|smash) (?:you|u)\b|i know where (?:you|u) live|watch your back|youre dead(?! (?:right|on|lucky))",
    r"(?:bunch|pack|load|group|lot) of (?:whining |whiny |pathetic |useless |sad |fucking )*(?:losers|idiots|morons|snowflakes|freaks|psychos|crybabies|attention seekers|junkies|nutters|clowns|wimps)",
    r"(?:snowflakes|losers|idiots|morons|freaks|psychos|crybabies|clowns) (?:in here|here|in this group|on this chat)",
    r"(?:lol|ok|okay)\W+(?:drama queen|snowflake|crybaby|attention seeker|loser|boomer|karen)",
    # "what a waste of space you are", "what a pathetic excuse for a human being you are"
    r"what (?:a|an) (?:(?:{FILLER}) )*(?:{NOUN})(?: [a-z]+){0,5}? (?:{YOURE}|you lot are|yall are|you all are)(?= *$| *[.,!?]| (?:mate|pal|lol|honestly|tbh|seriously|ffs|dude|bro|hun|love|babe|really)\b)",
    # "stop being such an attention seeker", "don't be such a drama queen" (a command to the reader)
    r"{CMD}(?:(?:just|pls|please|can you|could you|will you|you need to|you gotta|time to) )?(?:stop|quit) being (?:so |such )?(?:(?:{FILLER}) )*(?:{NOUN}|{ADJ})\b",
    r"{CMD}(?:dont|do not) be (?:such |so )?(?:(?:{FILLER}) )*(?:{NOUN}|{ADJ})\b",
    # "you're a sad little man": an insulting adjective before a plain word for a person
    r"(?:{YOURE}|(?:{YOU}) (?:are|r)|what (?:a|an)) (?:(?:{FILLER}) )*(?:{PERSON_ADJ}) (?:little |old |young |excuse for a )?(?:{PERSON})\b",
    r"(?:{YOU}) (?:(?:really|honestly|seriously|actually|genuinely|just) )?(?:make|makes) me (?:sick|ill|want to (?:puke|vomit|throw up|be sick))|(?:{YOU}) (?:(?:really|honestly|seriously|actually|genuinely|just) )?(?:disgust|repulse|sicken) me",
    r"imagine being (?:this|so|that|such (?:a|an)) (?:(?:{FILLER}) )*(?:{ADJ}|{NOUN})\b",
    r"talk(?:ing|s)? (?:out of|outta|through) (?:your|ur|yer|yo) (?:arse|ass|backside|behind|hat)|(?:{YOURE}|you) (?:just )?(?:talk|talking|chatting|spouting|speaking) (?:absolute |utter |complete |total )?(?:shit|shite|crap|bollocks|bullshit|rubbish|garbage|drivel)",
    r"(?:go|get|fuck off|piss off|sod off) back (?:to|where) (?:your|ur|you) (?:own )?(?:country|countries|came from|come from|belong)",
    # "you lot": insults at everyone in the room
    r"(?:{YOU}) (?:are|r|re)? ?(?:all )?(?:such |a )?(?:bunch|pack|load|shower|gaggle|herd|set) of (?:(?:{FILLER}) )*(?:{NOUN}|{GROUP_INSULT})",
)

# Vocative insult at the end of a message aimed at the reader ("..., dickhead"). Only counted
# when the message also addresses someone ("your", "you").
VOCATIVE = (
    r"(?:,|^|\.|!|\?) ?(?:you )?(?:(?:{FILLER}) )*(?:{VOCATIVE_NOUN})(?= *[.!?]* *$)",
    # an exclamation at the start of a sentence: "such a snake, you twist everything"
    r"(?:^|(?<=[.!?] ))(?:such|what) (?:a|an) (?:(?:{FILLER}) )*(?:{VOCATIVE_NOUN})\b",
)

# Telling someone to kill or harm themselves: harassment, and a crisis signal for the room
# (the person it is aimed at may be at risk and facilitators need to know).
SELF_HARM_ABUSE = (
    r"kys|kill (?:yourself|urself|yourselves|ur self|your self|yoself)|unalive (?:yourself|urself)|end (?:yourself|urself)",
    r"(?:go|just go|pls go|please go|you should|u should|you better|you ought to|why dont you|why dont u) (?:and |just )?(?:die|drop dead|jump off (?:a|the) (?:bridge|cliff|roof)|hang (?:yourself|urself)|neck (?:yourself|urself)|drink bleach|off (?:yourself|urself))",
    r"(?:you|u) should (?:just )?die",
    r"(?:hope|wish) (?:you|u) (?:die|get (?:hit|cancer|killed|run over)|rot|drop dead|never wake up)",
    r"neck (?:yourself|urself)|hang (?:yourself|urself)|drink bleach|(?:nobody|no one) would miss (?:you|u)|do (?:us|everyone|the world) a favou?r and (?:die|leave|disappear|kys|kill)",
    r"(?:world|everyone|we|the group)(?:d| would| will)? (?:be )?better off without (?:you|u)\b",
)

# "die already" is abuse when it is said to someone, not when the writer wishes it for
# themselves ("i want to die already"): the detector skips it after a first-person wish.
SELF_HARM_ABUSE_BARE = (r"(?:just )?die already",)

# Dehumanising statements about a group.
GROUPS = (
    r"bipolar|schizophrenic|schizo|autistic|depressed|anxious|mentally ill|trans|transgender|gay|lesbian|queer|bi|black|asian|"
    r"muslim|jewish|immigrant|disabled|addicts?|alcoholics?|junkies|women|men|girls|blokes|fat|crazy|ocd|bpd|adhd|psychotic|"
    r"suicidal|homeless|poor|foreign|refugees?|migrants?|old|disabled|deaf|blind|ugly|neurodivergent|religious|christian|atheist"
)
GROUP_ABUSE = (
    r"(?:"
    + GROUPS
    + r") (?:people|folk|folks|ones|lot|types|men|women|kids)? ?(?:are|r|=) (?:all |just |basically |literally |nothing but )?(?:[a-z]+ ){0,2}?"
    r"(?:psychos?|animals|vermin|trash|garbage|disgusting|dangerous|freaks|subhuman|a plague|parasites|scum|crazy|nutters|"
    r"lazy|weak|attention seekers|faking it|fakers|liars|evil|abominations|an abomination|degenerates|"
    r"worthless|useless|the worst|inferior|pathetic)",
    r"(?:"
    + GROUPS
    + r") (?:people )?(?:should|need to|ought to) (?:die|be shot|be locked up|not exist|be put down|kill themselves)",
)

# Hateful statements about a group of people named by nationality, ethnicity, religion,
# sexuality, gender identity or disability. A group is a plural noun ("muslims", "immigrants")
# or an adjective with a word for people ("polish people", "trans folk"); ambiguous adjectives
# ("polish", "english", "black") never count on their own.
GROUP_NOUNS = (
    r"muslims|moslems|jews|christians|catholics|hindus|sikhs|atheists|gays|lesbians|bisexuals|homosexuals|queers|transgenders|"
    r"transsexuals|trannies|trannys|enbies|immigrants|migrants|refugees|asylum seekers|foreigners|illegals|blacks|arabs|africans|"
    r"mexicans|indians|pakistanis|bangladeshis|nigerians|somalis|romanians|bulgarians|albanians|eastern europeans|poles|polacks|"
    r"gypsies|pikeys|russians|syrians|afghans|turks|kurds|jamaicans|chinese|autistics|schizos|cripples|retards|spastics|"
    r"downies|the disabled"
)
GROUP_ADJECTIVES = (
    r"polish|english|scottish|irish|welsh|romanian|african|indian|pakistani|chinese|mexican|arab|jewish|muslim|hindu|sikh|"
    r"catholic|christian|white|black|brown|asian|foreign|immigrant|migrant|gay|lesbian|bi|bisexual|queer|trans|transgender|"
    r"non ?binary|deaf|blind|disabled|autistic|bipolar|schizophrenic|depressed|mentally ill|neurodivergent|adhd|bpd|ocd|"
    r"fat|poor|homeless|religious|eastern european|traveller|gypsy"
)
GROUP_MACROS = {
    "GROUP": (
        r"(?:(?:you|all|all you|these|those|the|typical|bloody|fucking|most|all the) )?(?:(?:"
        + GROUP_NOUNS
        + r")|(?:"
        + GROUP_ADJECTIVES
        + r") (?:people|folk|folks|lot|ones|types|men|women|kids|guys|girls|lads|families|persons|freaks|weirdos))"
        r"(?: like (?:you|u|yourself|him|her|them|that))?(?: lot)?"
        r"|(?:you|you lot|all you|you people|yous) (?:people |lot |lads |guys )?from [a-z]+(?: [a-z]+)?"
    ),
    "HOSTILE": (
        r"animals|vermin|rats|cockroaches|dogs|savages|subhuman|sub human|less than human|not human|not even human|thieves|"
        r"scroungers|spongers|criminals|rapists|terrorists|groomers|perverts|paedos|pedos|nonces|parasites|leeches|freeloaders|"
        r"mentally ill|sick in the head|sick(?! of| and tired)|diseased|a disease|a cancer|a plague|a drain|an abomination|abominations|"
        r"unnatural|disgusting|vile|evil|filthy|dirty|smelly|barbaric|backwards|primitive|trash|garbage|scum|inferior|worthless|"
        r"useless|dangerous|lazy|stupid|thick|freaks|degenerates|delusional|brainwashed|not normal|not welcome|"
        r"unwelcome|the problem|ruining everything|all the same|a joke|faking it|fakers|liars|a waste of space|the reason|why (?:kids|people|everyone|society|this country|the world)|"
        r"whats wrong with"
    ),
    "EXCLUDE": (
        r"(?:shouldnt|should not|mustnt|dont deserve to|do not deserve to|have no right to) (?:even |ever |really )?"
        r"(?:be allowed|exist|have (?:kids|children|rights|jobs)|breed|be here|vote|adopt|marry|live|be trusted)"
        r"|(?:dont|do not) belong (?:here|in)|(?:arent|are not) (?:welcome|wanted)"
        r"|(?:should|need to|ought to|must|should all|need to all|ought to all|should just|must all) (?:just )?"
        r"(?:go back|be deported|be sent back|be banned|be kicked out|be thrown out|be shot|die|be locked up|be sterilised|"
        r"be sterilized|be gassed|be put down|get out(?= *$| *[.,!?]| of (?:this|my|our|here|the country))|fuck off|piss off|not exist|not be allowed|be removed|be wiped out|"
        r"be exterminated|burn|rot|be hanged|be hung)"
    ),
    "RUIN": (
        r"(?:ruining|ruin|ruined|destroying|destroy|taking over|take over|invading|invade|infesting|infest|flooding|flood|"
        r"polluting|overrunning|overrun) (?:this|our|the|my|everything|every)(?: [a-z]+)?"
    ),
    "STEREOTYPE": (
        r"scrounging|sponging|stealing|thieving|begging|breeding|causing trouble|taking our|taking all|milking|leeching|"
        r"playing the victim|on benefits|on the dole"
    ),
}
GROUP_HATE = (
    r"{GROUP} (?:are|r|=|is|re)(?: (?:all|just|basically|literally|nothing but|such|so|a bunch of|a pack of|fucking|bloody|always|mostly|clearly))* (?!not |never |no )(?:[a-z]+ )?(?:{HOSTILE})\b",
    r"{GROUP} (?:{EXCLUDE})",
    r"{GROUP} (?:are |r |keep |just )?(?:{RUIN})",
    r"{GROUP} (?:belong|should be|need to be|ought to be) (?:locked )?(?:in|away in|up in) (?:a |an |the )?(?:locked ward|cage|zoo|prison|jail|asylum|institution|mental hospital|loony bin|bin|gutter|sewer|camp|camps)",
    r"(?:typical|bloody|fucking) (?:(?:"
    + GROUP_NOUNS
    + r")|(?:"
    + GROUP_ADJECTIVES
    + r"))\W+(?:always |forever |again |just )?(?:{STEREOTYPE})",
    r"{GROUP} (?:always|forever|all|just|are always|are all) (?:{STEREOTYPE})",
)
# Reported beliefs ("people think depressed people are lazy") are not the writer's hate.
GROUP_ATTRIBUTION = (
    r"think|thinks|thought|say|says|said|believe|believes|assume|assumes|claim|claims|told|tells|tell|act like|acts like|"
    r"treat|treats|treated|myth|stereotype|stereotypes|idea that|as if|saying|called|calls|heard|hear|accused|why do people|"
    r"people who|those who|anyone who|sick of people|hate (?:it )?when|tired of|we|us|im|i am|as a|as an|as someone|fellow"
)

# Excluding a group: abuse only when a group from GROUPS is named in the same message
# ("keep them out of reach of children" is about medicine).
GROUP_EXCLUSION = (
    r"(?:keep|kick|throw|get|ban) (?:them|those people|those freaks|those|all of them|the \w+ ones) (?:out|away)|(?:should|ought to|need to) be "
    r"(?:shot|locked up|gassed|put down|sterilised|sterilized|deported|banned|wiped out|exterminated)",
)

# Slurs: harassment wherever they appear (aimed at a group by nature).
SLURS = (
    r"niggers?|niggas?|niggaz|nigg3r|n1gg3r|n1gger|kikes?|kyke|spics?|spiks?|wetbacks?|faggots?|fagots?|faggit|trannys?|trannies|"
    r"shemales?|towelheads?|ragheads?|gooks?|chinks|pakis|coons|golliwogs?|sambos?|retards|tards|spastics|mongs|gyppos?|pikeys?|"
    r"dykes? on|poofs?|poofters?|batty boys?|sand ?n\w+"
)
