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
    r"waste of (?:space|oxygen|air|skin|time)|wimps?|cowards?|snowflakes?|cry ?baby|crybabies|drama queen|attention (?:seeker|whore)|"
    r"liars?|frauds?|fakes?|pigs?|whores?|sluts?|skanks?|nutters?|nutcase|lunatics?|shit|shite|piece of (?:shit|crap|work)|"
    r"pos|douche|douchebags?|dipshits?|shitheads?|dumbass|jackass|degenerates?|subhuman|vermin|junkies?|crackheads?|fatso|"
    r"lardass|tool|fools?|failure|nobody|embarrassment|sad act|saddo|pathetic excuse|spineless|div|melt|mong|spaz|spastic|tit"
)
INSULT_ADJECTIVES = (
    r"pathetic|stupid|dumb|ugly|useless|worthless|disgusting|annoying|whiny|whiney|whining|thick|brainless|clueless|spineless|"
    r"gutless|selfish|fake|boring|repulsive|vile|hideous|gross|retarded|toxic|evil|a joke|a disgrace|an embarrassment|"
    r"attention seeking|attention-seeking|full of (?:shit|crap|it|bs|yourself)|dead weight|braindead|brain dead|insufferable|"
    r"unbearable|a waste of (?:space|time|oxygen)|irrelevant|such a letdown|delusional"
)
MACROS = {
    "NOUN": INSULT_NOUNS,
    "ADJ": INSULT_ADJECTIVES,
    "FILLER": (
        r"such|a|an|so|the|just|literally|really|absolute|absolutely|complete|completely|total|totally|utter|utterly|"
        r"fucking|fkn|fking|effing|bloody|little|big|fat|stupid|dumb|useless|pathetic|annoying|whiny|whining|ugly|sad|"
        r"one|nothing but a|the biggest|such an|actual|proper|right|massive|worthless|lazy|disgusting|thick|"
        r"miserable|spineless|attention seeking|attention-seeking|selfish|fake|lying|[a-z]*[*#@$]+[a-z]*"
    ),
    "YOU": r"you|u|ya|ye|yall|you lot|you people|you all|you guys|the lot of you|everyone here|this group|this chat",
    "YOURE": r"youre|you are|ur|u r|you r|ure|you re|yall are|you lot are|you guys are|you people are|you seem|you sound|you look",
    # Where a message starts a command: its start, after punctuation, or after a filler word.
    "CMD": r"(?:^|(?<=[.,!?;:] )|(?<=[.,!?;:])|(?<=^just )|(?<=^oh )|(?<=^ok )|(?<=^lol )|(?<=^so )|(?<=^now )|(?<= and )|(?<= mate )|(?<= then ))",
    "AFTER": r"(?= *$| *[.,!?]| (?:you|u|ya|yall|mate|pal|dude|bro|loser|idiot|already|then|nobody|no one|back|and|ffs|lol|seriously|honestly|the lot|will you))",
}

DIRECTED = (
    r"(?:{YOURE}) (?:(?:{FILLER}) )*(?:{NOUN}|{ADJ})\b",
    r"(?:your|yr) (?:so |such a |really |just )?(?:{ADJ})(?= *$| *[.,!?])",
    r"(?:{YOURE}|your) (?:too|so|way too|really|that) (?:stupid|dumb|thick|ugly|pathetic|annoying|selfish|useless) (?:to|for|that)",
    r"(?<!thank )(?<!love )(?:{YOU}) (?:(?:{FILLER}) )*(?:{NOUN})(?! (?:of|for|from|to|in|at|on|me|us|them|him|her|with)\b)",
    r"{CMD}(?:shut the (?:fuck|hell|f) up|shut your (?:fucking )?(?:mouth|face|trap|gob)|stfu|piss off|fuck off|f off|sod off|bugger off|gtfo|foad|gfy|"
    r"up yours|screw (?:you|u)|fuck (?:you|u)|f (?:you|u)|jog on|wind your neck in|get out of (?:this|the|my) (?:group|chat))",
    r"{CMD}shut up(?: (?:you|u|ya))?,? (?:(?:{FILLER}) )*(?:{NOUN})\b|{CMD}shut up(?= *$| already| nobody| no one| and (?:go|leave|sit))",
    r"{CMD}(?:get lost|get a grip|grow a (?:spine|pair)|grow up|toughen up|man up|get over (?:it|yourself)|get a life|go to hell|do one|"
    r"stop (?:posting|whining|moaning|crying|lying|attention seeking|playing the victim|milking it)(?: for (?:sympathy|attention))?){AFTER}",
    r"(?:nobody|no one|noone|no1) (?:here |in (?:this|the) (?:group|chat|room) )?(?:asked(?= *$| *[.,!?]| you| for| tho| though| lol)|"
    r"cares (?:about )?(?:your|ur|what (?:you|u))|wants (?:your|ur|you here|to hear (?:your|ur|from you))|"
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
)

# Telling someone to kill or harm themselves: harassment, and a crisis signal for the room
# (the person it is aimed at may be at risk and facilitators need to know).
SELF_HARM_ABUSE = (
    r"kys|kill (?:yourself|urself|yourselves|ur self|your self|yoself)|unalive (?:yourself|urself)|end (?:yourself|urself)",
    r"(?:go|just go|pls go|please go|you should|u should|you better|you ought to|why dont you|why dont u) (?:and |just )?(?:die|drop dead|jump off (?:a|the) (?:bridge|cliff|roof)|hang (?:yourself|urself)|neck (?:yourself|urself)|drink bleach|off (?:yourself|urself))",
    r"(?:just )?die already|(?:you|u) should (?:just )?die",
    r"(?:hope|wish) (?:you|u) (?:die|get (?:hit|cancer|killed|run over)|rot|drop dead|never wake up)",
    r"neck (?:yourself|urself)|hang (?:yourself|urself)|drink bleach|(?:nobody|no one) would miss (?:you|u)|do (?:us|everyone|the world) a favou?r and (?:die|leave|disappear|kys|kill)",
    r"(?:world|everyone|we|the group)(?:d| would| will)? (?:be )?better off without (?:you|u)\b",
)

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
