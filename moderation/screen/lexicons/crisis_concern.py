"""Concept lexicons for crisis language of concern (SPEC 3.2): passive ideation, active
ideation without a plan, hopelessness, burden talk, recent self-harm without intent, and
worry about a third person. ``{MACRO}`` names are defined in ``crisis_macros``.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

# Wanting to kill oneself, without a time, plan or means: raised to urgent when one is present.
ACTIVE_IDEATION = (
    r"{WANT} od(?![a-z])|{WANT} o\.d",
    r"{WANT} (?:just |really |go and )?(?:{SELF_LETHAL})",
    r"(?:thinking|thought|think|thoughts|been thinking|keep thinking|cant stop thinking) (?:about|of) "
    r"(?:ending it|ending it all|ending my life|ending things|killing {ME}|taking my (?:own )?life|suicide|kms|ctb|"
    r"unaliving|catching the bus|jumping|overdosing|hanging {ME}|doing it|not being here|not existing|dying|death|"
    r"how to (?:die|end it|do it)|my own (?:death|funeral)|going to sleep forever)",
    r"(?:im|i am|ive been|i have been|been|feeling|feel|getting|am) (?:really |very |so |pretty |quite |kinda |a bit |super )?suicidal",
    r"suicidal (?:thoughts|feelings|ideation|urges|again|thoughts again|lately|today|tonight)",
    r"(?:urges?|urge) to (?:die|end it|kill {ME}|cut|self harm|hurt {ME}|jump)",
    r"(?<![0-9] )(?:kms|ctb|sewerslide|unalive)",
    # Self-directed lethal acts named outright, whatever the verb form around them.
    r"(?:kill|killing|hang|hanging|drown|drowning|shoot|shooting|unalive|unaliving|off|offing|gas|gassing) {ME}|"
    r"end(?:ing)? my (?:own )?life|tak(?:e|ing) my (?:own )?life|my suicide|commit(?:ting)? suicide|suicide (?:attempt|plan|method|methods)|attempt(?:ed|ing)? suicide",
)

# Passive wishes to be dead, gone or not to exist.
PASSIVE_IDEATION = (
    r"{WANT} (?:just )?(?:die|be dead|not exist|stop existing|not be here|not be alive|not wake up|disappear(?! (?:into|for|to|under|off|from (?:social|the internet|insta|socials))\b)|"
    r"vanish|cease to exist|fade away|be gone|sleep forever|go to sleep (?:and|n) (?:never|not) wake up|fall asleep (?:and|n) (?:never|not) wake up|"
    r"stop being alive|not be alive anymore|press pause on (?:being alive|life|existing)|be with (?:him|her|them) again)",
    r"wish(?:ing|ed)? (?:i|id|i had) (?:was|were|had been|been|never been|had never been) (?:dead|never born|born|gone|not here|not alive|not around|never here)",
    r"wish(?:es|ing)? (?:i )?(?:could )?(?:just )?(?:die|disappear|vanish|fade away|cease to exist|not exist|stop existing|sleep forever|not wake up|didnt exist|"
    r"didnt wake up|wasnt alive|wasnt here|wasnt born|was never born|could stop existing|stop being alive|"
    r"press pause on (?:being alive|life|existing)|go to sleep and not wake up|fall asleep and not wake up)",
    r"wish (?:a|the|some) (?:car|bus|lorry|truck|train|plane|drunk driver|tree|brick|meteor|someone|something) would (?:hit|kill|crush|fall on) me",
    r"wish(?:es|ing)? (?:id|i would|i could|i) (?:just )?never wake up|"
    r"(?:hope|hoping|pray|praying) (?:that )?(?:i )?(?:just |simply )?(?:dont|do not|never|wont|will not) wake up",
    r"(?:welcome|embrace|long for|longing for|pray for|wish for|look forward to|ready for) (?:death|dying|the end|an end to it all)",
    r"(?:being alive|living|existing|life|my life) (?:feels|is|has become) (?:like )?(?:a |an )?(?:chore|burden|punishment|prison|sentence|torture|mistake|endless nightmare)",
    r"if i (?:didnt|dont|did not|never|wouldnt) wake up(?: tomorrow| in the morning| one day)?",
    r"wouldnt (?:mind|care) (?:if i (?:just )?(?:died|stopped existing|didnt wake up|was gone|disappeared|got hit|never woke up)|dying|not waking up|not existing)",
    r"(?:rather|sooner) be dead|(?:id|i would|i d) rather (?:die|be dead) than (?:live|go on|keep|feel|be here|carry on|wake up|face|spend|suffer|exist|continue)",
    r"(?:better off|be better) dead|(?:im|id be|id|i would be|i am|i d be) better off (?:dead|gone|not here|not existing|not alive|not being here|never born|never having been born)",
    r"(?:dont|do not|dont really|dont even|no longer|dont wanna|dont want to) (?:want to |wanna )?(?:be here|exist|live|be alive|wake up|go on|carry on|keep going|keep living)(?: anymore| any more| much longer)?",
    r"(?:dont|do not|cant) (?:really |even |honestly )?see (?:why im still here|the point (?:of|in) (?:living|being here|going on|carrying on|continuing|trying|staying|being alive|any of it|anything|life)|(?:a|any) (?:way out|future|reason to))",
    r"why (?:am i|im|i am) still (?:here|alive|around|breathing)|why (?:do|should) i (?:even )?(?:bother|keep going|keep living|exist|stay)",
    r"(?:tired|sick|exhausted) of (?:living|being alive|life|existing|being me|this life|it all|fighting)",
    r"(?:had|have had) enough of (?:living|life|being alive|everything|it all|this life)|ive had enough(?= *$| *[.,!]| now)",
    r"(?:picture|picturing|imagine|imagining|planning|plan) my (?:own )?(?:funeral|death|grave)",
    r"how easy (?:it )?(?:would|wd|d|itd|it would) be to (?:just )?(?:step|jump|end it|let go|swerve|drive off|fall|not)",
    r"(?:step|jump|walk|fall) (?:in front of|off|under) (?:a|the) (?:train|bus|car|lorry|truck|bridge|cliff|platform)",
    r"(?:using|drinking|drink|use) (?:till|until|so) (?:i )?(?:dont|do not|never) wake up",
    r"(?:life|living) (?:isnt|is not|aint|not) worth (?:living|it)|(?:nothing|no one|nobody) to live for|no reason to (?:live|keep going|go on|be here|stay)",
)

HOPELESSNESS = (
    r"nothing (?:is |will |ever |is ever |will ever )?(?:ever )?(?:going to|gonna|gunna|will|is going to)? ?(?:ever )?(?:get|be|change|getting) (?:any )?(?:better|easier)",
    r"nothing (?:ever )?(?:changes|gets better|works|helps)(?: for me)?",
    r"no light at the end of (?:the|this|my) ?(?:tunnel)?|(?:there|it) (?:never will be|will never be|wont ever be) (?:any )?(?:better|different|light)?",
    r"(?:its|everything is|everythings|life is|lifes|my life is|im) (?:so |completely |just )?(?:hopeless|pointless|meaningless)(?! at)",
    r"(?:no|lost all|have no|lost) (?:hope|future)(?! (?:of|for) (?:the|a|this|that|it))",
    r"no way out|cant see a way out|trapped with no way out",
    r"(?:whats|what is) (?:even )?the point(?: of (?:living|life|anything|trying|going on|any of (?:it|this)|being (?:here|alive)|it all|carrying on|me))?(?= anymore| any more| now| *[.?!,]| *$)",
    r"(?:no|isnt any|is no) point (?:in |to )?(?:living|trying|going on|anything|any of it|life|being here|carrying on)",
    r"(?:cant|can not|cannot) (?:fucking |even |really |just |bloody )?(?:go on|keep going|do this anymore|do this any more|do it anymore|"
    r"take (?:it|this) anymore|take (?:it|this) any more|take any more|cope anymore|cope any more|carry on|keep doing this|keep living like this|live like this)",
    r"(?:ive |i have |i )?given up on (?:life|everything|living|myself|it all|getting better)",
    r"(?:never|not) (?:going to|gonna|gunna) get better|(?:itll|it will|this will) never (?:end|get better|stop)",
    r"(?:so |really )?(?:tired|sick) of trying",
)

BURDEN = (
    r"(?:be |are |all |d |d all )?(?:better off|be better|be happier|be fine|be relieved|be free|happier) without (?:me|a \w+ like me|my \w+)",
    r"(?:better|easier|happier|simpler|calmer|lighter|nicer) (?:\w+ ){0,2}(?:without me(?: in it| around| here)?|if i (?:just )?(?:wasnt|werent|was not|was gone|died|disappeared|didnt exist|wasnt around|wasnt here|left))",
    r"if i (?:died|disappeared|was gone|wasnt here|vanished|killed {ME}|went)(?: \w+){0,3} (?:would|will|does|do) (?:anyone|anybody|people|they|my \w+) (?:even )?(?:notice|care|miss me|cry|come)",
    r"(?:would|will|d|could|wd) (?:\w+ ){0,2}(?:cope|manage|be fine|be ok|be okay|get on|move on|survive|be happier|be better|be lighter) (?:\w+ ){0,2}without me",
    r"stop being a (?:problem|burden|bother|weight|pain|nuisance|drain) (?:for|to|on) (?:everyone|everybody|them|my \w+|people)|(?:nobody|no one) would have to (?:deal with|worry about|look after) me",
    r"(?:a |such a |just a )?(?:drain|weight|millstone|dead weight|liability|nuisance) (?:on|to|around) (?:everyone|everybody|them|my \w+|people|you all)",
    r"better off (?:with the (?:life )?insurance|if i (?:was|were|wasnt|werent|died|was gone|wasnt here|didnt exist|wasnt around))",
    r"(?:such a|a|just a|nothing but a|the|massive|huge) burden(?! of)",
    r"burden (?:to|on|for) (?:everyone|everybody|my \w+|them|people|you all|the people)",
    r"(?:relieved|happier|better) if i (?:was|were|died|disappeared|wasnt here|was gone|didnt wake up|wasnt around)",
    r"(?:wont|wouldnt|would not|will not|dont|doesnt) (?:even )?(?:notice|care|miss me|realise|realize) if i (?:was|were|died|disappeared|left|wasnt|vanished|went|was gone)",
    r"(?:no one|nobody|noone|no body) (?:would|will|d|wd)? ?(?:even )?(?:miss|notice|care)(?: (?:if|when))? (?:me|i)",
    r"(?:im|i am|i feel like|feel like|just) (?:such |a |just a |nothing but a )?(?:waste of (?:space|oxygen|air|skin|life)|burden|disappointment to everyone)",
    r"(?:world|everyone|everybody)(?:d| would| will)? (?:be )?(?:better|happier) (?:off )?without me",
    r"(?:my \w+|she|he|they|everyone) (?:deserves?|deserve) (?:a |so much )?better (?:\w+ )?than me",
    r"(?:dragging|drag|bringing) (?:them|everyone|everybody|people|my \w+) down",
)

# Self-harm that happened recently, without present intent.
RECENT_SELF_HARM = (
    r"(?:cut|cutting|burned|burnt|burning|scratched|scratching|hit|hitting|punched|punching|banged|banging|"
    r"harmed|harming|hurt|hurting|carved|carving|bit|biting|starved|starving|bruised) "
    r"(?:{ME}|my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|head|hip|hips|chest|body|hands?)(?: (?:up|open|again))?)"
    r"(?! (?:on|against) (?:the|a) (?:cupboard|door|shelf|oven|stove|kettle|car|table|doorframe|corner|hob|iron|tray|pan))",
    r"(?:self ?harmed|self ?harming|sh(?:ed|d)?|cut|cutting) again",
    r"relapsed (?:on|with|into|in) (?:self ?harm|sh|cutting|self ?harming)|(?:self ?harm|sh|cutting) relapse",
    r"(?:started|start|back to) (?:cutting|self ?harming|burning {ME}|hurting {ME}) again",
    r"(?:i|ive|i have|been) (?:been )?(?:self ?harming|cutting(?! (?:back|down|out|off|onions|veg|vegetables|hair|class|carbs|ties|costs|corners)))",
    r"(?:i|i still) self ?harm",
    r"cut (?:last night|yesterday|this morning|earlier|deep|too deep|deeper)",
)

# Worry about someone else: strong signs alone, weak signs only in pairs.
THIRD_PERSON_STRONG = (
    r"(?:wants?|wanting|wanted|wants) to (?:die|kill {THEM}|end (?:it|it all|his life|her life|their life|things)|disappear|not be here|not exist|not be alive)",
    r"(?:talking|talks|talked|keeps talking|been talking|texted|messaged|posted|wrote|told me|saying|says|said|keeps saying|mentioned) (?:about |that )?"
    r"(?:(?:he|she|they) )?(?:suicide|killing {THEM}|ending it|ending (?:his|her|their) life|wanting to die|wants to die|not wanting to be here|"
    r"being better off dead|(?:hed|shed|theyd|they would|he would|she would) be better off dead|everyone (?:would be|being) better off)",
    r"(?:giving|gave|given|giving away|gave away) (?:away )?(?:his|her|their|all (?:his|her|their)) (?:stuff|things|belongings|possessions|games|clothes|prized \w+)",
    r"saying goodbye|goodbye ?ish|saying (?:his|her|their) goodbyes",
    r"(?:wont|isnt going to|not going to|wouldnt) be around (?:much |for much )?(?:longer|anymore|for long)",
    r"(?:had|has|have had|hes had|shes had) enough of (?:living|life|it all|everything|being alive)",
    r"(?:tired|sick) of (?:living|being alive|life)",
    r"(?:doesnt|does not|didnt|dont) (?:want|wanna) to (?:be alive|live|be here|exist|wake up|go on)(?: anymore| any more)?",
    r"(?:hes|shes|theyre|he is|she is|they are|been) (?:feeling |so |really )?(?:suicidal|self harming|cutting again|cutting {THEM})",
    r"(?:cutting|hurting|harming|burning|starving) (?:{THEM})",
    r"(?:tried|attempted|trying|try) to (?:kill|hang|hurt|overdose|end) (?:{THEM}|his life|her life|their life)",
    r"(?:threatening|threatened|threatens) (?:to )?(?:suicide|kill {THEM}|end (?:it|his life|her life|their life)|hurt {THEM})",
)

THIRD_PERSON_WEAK = (
    r"(?:isnt|not|hasnt|hasnt been|wont|won t|stopped) (?:answering|replying|picking up|responding|logged on|logging on|been online|been seen|coming home|eating)",
    r"stopped eating|not eating|hasnt eaten",
    r"(?:posted|texted|wrote|said|messaged|sent)(?: me)? ['\"]?(?:im done|im finished|sorry for everything|goodbye|bye|i cant do this|im sorry|i love you all|its over)",
    r"last (?:msg|message|post|text|words?) (?:was|were|said) ['\"]?(?:im done|sorry|goodbye|bye|i cant|its over|love you)",
    r"locked (?:his|her|their|{THEM}) (?:in|door|room)|locked (?:the|his|her) (?:bathroom|bedroom) door",
    r"(?:im|i am|so|really) (?:scared|worried|terrified|frightened)(?: for| about)? (?:him|her|them|my \w+)",
    r"(?:im|i am) (?:scared|worried|terrified)$",
)

# Someone else's attempt happening now.
THIRD_PERSON_NOW = (
    r"(?:{THEY}|{PERSON})(?: just| has just|s just| has| have)? (?:took|taken|swallowed|downed)"
    r" (?:an overdose|an od|a (?:load|lot|bunch|handful|packet|bottle|box) of|(?:all|loads) of|the whole|a whole|{QUANTITY})",
    r"(?:{THEY}|{PERSON})(?: just| has just|s just| has| have)? (?:overdosed|cut (?:his|her|their) (?:wrists?|throat)|slit (?:his|her|their) wrists?|hanged {THEM}|hung {THEM}|jumped off)",
    r"(?:{THEY}|{PERSON})(?:s| is| are)? (?:on|at) (?:the )?(?:edge of )?(?:the )?(?:bridge|roof|ledge|cliff|tracks)",
    r"(?:{THEY}|{PERSON}) (?:says|said|texted|told me|is saying|messaged)(?: me)?(?: that)? (?:hes|shes|theyre|he is|she is|they are|hell|shell|theyll) "
    r"(?:going to |gonna |about to )?(?:kill {THEM}|end it|end (?:his|her|their) life|do it|take (?:his|her|their) (?:own )?life)(?: tonight| today| now| rn)",
)
