"""More crisis concepts, written as small grammars rather than sentences.

Each tuple extends the concept of the same name in ``crisis_urgent`` / ``crisis_concern``
(joined in ``detectors/crisis_signals.py``). ``{MACRO}`` names are defined in
``crisis_macros``; fragments match the normalised view (apostrophes inside words removed).
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

# --- urgent ----------------------------------------------------------------------------

# (first person) x (decision / readiness) x (dying); "going to die" alone is hyperbole.
INTENT = (
    r"(?:decided|ready|planning|plan|prepared|intend|intending|determined|choosing|chosen|made up my mind) to (?:die|go through with it|leave this (?:world|earth|life))",
    r"(?:cant wait to|ready to|decided to|going to|gonna) (?:finally )?(?:be gone|be dead|not be here)(?! (?:from|for|to|at|on|in|with|by)\b)",
    r"(?:took|taken|swallowed|had) (?:more than )?enough (?:to (?:die|make sure|not wake up|kill me|do it|end it)|that i (?:wont|will not) wake up)",
    r"{FUT} (?:go and |just |finally |really )?(?:(?:take|swallow|drink|down|neck) (?:(?:all|the lot|the whole|every one|them all|it all|all of (?:them|it|my|the))(?! (?:back|out|off|in|to) )|"
    r"(?:the |some |a bottle of |the bottle of |a cup of )?(?:{POISON}))|do something (?:stupid|drastic|permanent|i cant take back|i cant undo))",
    r"(?:wont|will not|not going to|not gonna) be (?:a (?:burden|problem|bother|worry) )?(?:for|to) (?:anyone|you all|yall|my \w+|everyone) (?:much longer|for much longer|after tonight|anymore|any more)",
    r"(?:wont|will not|not going to|not gonna) be a (?:burden|problem|bother|worry) (?:much longer|for much longer|for long|after tonight|anymore|any more)",
)

TIMED_ACT = (
    r"(?:{TIMELINE})[ ,.]*(?:{I}|im gonna|im going to)? ?(?:finally |actually |really |just )(?:end it|end it all|end my life|do it|kill {ME}|go through with it|ctb|kms|unalive {ME}|jump)",
    r"(?:by|at) this time (?:tomorrow|next week)[ ,.]*(?:i|ill|i will|im)? ?(?:wont|will not|will|ll)? ?(?:not )?(?:be )?(?:here|alive|gone|dead|around)",
)

PLAN = (
    r"(?:know|worked out|figured out|decided) (?:exactly )?(?:how|where|when) (?:im going to|im gonna|ill|i will|i want to|to) (?:do it|end it|die|go)",
    r"(?:worked out|found out|looked up|checked|calculated|counted) how (?:many|much) (?:\w+ )?(?:i need|it takes|it would take|would (?:do it|kill))",
    r"how (?:many|much) (?:\w+ ){0,2}(?:would kill (?:me|a person|someone)|is (?:a )?lethal|to die from|(?:it )?takes to die)",
    r"(?:the )?date is set|set (?:a|the) date(?! (?:for|with))|picked (?:a|the) day",
)

# Means at hand, or an act under way with a blade, a rope or a height.
IN_PROGRESS = (
    r"(?:pressing|dragging|pushing|holding|digging|running) (?:the |a |my )?(?:razor|blade|knife|glass|scissors|lighter|sharpener)(?: \w+)? (?:harder|deeper|into|against|to my|on my|across)",
    r"(?:im|i am|sitting|sat|standing|stood|lying|laying|lay|kneeling) (?:right )?(?:on|at) (?:the )?(?:edge of (?:the |a |this )?(?:roof|bridge|cliff|platform|building|car park)|ledge|railings?|wrong side of (?:the|a) (?:railing|railings|fence|barrier)|(?:train |railway )?(?:tracks|track|rail line|railway line|level crossing))",
    r"(?:just |already )?(?:drank|drunk|swallowed|downed|necked) (?:some |the |a (?:bottle|cup|glass) of )?(?:{POISON})",
    r"(?:tying|tied|tie|knotting|putting up|put up|setting up|set up|hanging up|hung up|fixed|fixing) (?:the|a|my) (?:rope|noose|ligature)(?! (?:for|to|on|round|around) (?:the |a )?(?:tent|boat|swing|tree|hammock|washing|line|post|fence|pallet|car|roof rack))",
    r"(?:keep|kept|still|am|im) (?:taking|swallowing|popping) (?:more|another|extra) (?:\w+ )?(?:{MED})|lost count of (?:the |how many |my )?(?:{MED})",
    r"(?:ive|i have|i) (?:already |just )?started (?:cutting|burning|hurting {ME}|harming {ME})(?! (?:back|down|out|the|my|some)\b)",
    r"(?:my|this is my|its my) last (?:night|day|hours?|moments?|week) (?:on earth|alive|here|ever|of my life)",
)

# Present first-person signs that count only with another one (see ``crisis.py``).
WARNING_SIGNS = (
    r"(?:just |already )?(?:took|taken|swallowed|downed|necked) (?:them|the (?:pills|tablets|lot|meds|bottle|box|packet))(?! (?:back|out|off|to|with|this morning|at|like|as))",
    r"(?:pills|tablets|meds|they|it) (?:are|is|s|have|has) (?:starting to |started to )?(?:kick(?:ing)? in|taking effect|working)",
    r"(?:vision|eyes|sight) (?:is |are |s )?(?:going |gone |getting |really )?(?:funny|blurry|blurred|dark|black|fuzzy|weird)|cant (?:breathe|feel my (?:legs|arms|hands|face)|keep my eyes open|stay awake)|"
    r"(?:heart|chest) (?:is )?(?:racing|pounding|slowing)|everything (?:is )?(?:going|spinning|getting) (?:dark|black|blurry|numb|fuzzy)|throwing up blood",
    r"(?:waiting|wait) (?:for|until|till) (?:the house to (?:be )?empty|everyone (?:to|is|has)? ?(?:go|goes|gone|leave|left|be asleep|asleep|fall asleep)|(?:my \w+|mum|mom|dad|them|they|he|she) (?:to )?(?:go|goes|leave|leaves|fall asleep|falls asleep|is asleep|are asleep|go out|goes out|go to (?:bed|sleep)|be asleep))",
    r"(?:know|knew) exactly (?:how|where|when|what)|(?:my|the|a) plan (?:is )?(?:ready|sorted|set|in place|finished|worked out)|(?:have|got|made) (?:a|my|the) plan(?= *$| *[.,!]| ready)",
    r"(?:dont|do not) want to stop (?:this time|now|tonight)|(?:not|wont) stop(?:ping)? this time",
    r"(?:im |i am )?ready to go(?: now)?(?= *$| *[.,!])",
    r"(?:feel|feeling|felt|im|i am) (?:so |weirdly |strangely )?(?:calm|at peace|relieved) (?:for the first time|now that (?:ive|i have|its) (?:decided|sorted|planned|written)|finally)|finally (?:feel )?(?:at peace|calm)",
    r"(?:theyll|they will|someone will|somebody will|mum will|mom will|dad will|hell|shell|my \w+ will) find (?:me|them|the (?:letters?|notes?)|my (?:body|note|notes|letters?))|whoever finds (?:me|this|them)",
    r"(?:wrote|written|finished|left) (?:my|the) notes?(?! (?:for|on|about|to self|in class|from))|(?:my )?note is (?:written|done|ready|on (?:the|my) \w+)",
    r"(?:wrote|written|made|updated|sorted|finished|did) (?:a will|my will|out my will)|left (?:the|my|a) (?:spare )?keys? (?:with|for|under)",
    r"(?:deleted|deleting|delete|deactivated|deactivating|wiped|wiping) (?:all )?(?:my )?(?:accounts|socials|social media|instagram|snapchat|photos|posts)|(?:last|final) thing to (?:delete|do|sort)",
    r"(?:gone|go|leave|leaving|going) (?:forever|for good)(?! (?:from|to|with) )|before i (?:go|leave) (?:for good|forever)",
    r"i know where (?:he|she|they) (?:parks|works|sleeps|goes|drinks|hangs out|will be|walks|stays|is staying|lives now)",
    r"(?:want|wanted) (?:it|this|everything|it all) to be (?:over|done)",
    r"(?:want|wanted) (?:everyone|you all|you|yall|all of you|them|my \w+) to know (?:that )?(?:im sorry|i love|i loved|it wasnt|it isnt|i tried)",
    r"(?:im|i am|ill be) (?:going|leaving|gone|off) (?:tonight|tomorrow|today|this weekend|soon)(?= *$| *[.,!])",
    r"(?:theyll|they will|youll|you will|she will|shell|he will|hell|everyone will) understand(?: (?:one day|why|eventually))?(?= *$| *[.,!])",
    r"(?:dont|do not) want (?:any )?help|(?:its|blood is|it is|blood) (?:pouring|gushing|everywhere)",
    r"not stopping (?:until|till|this time)|(?:until|till) (?:its|it is) deep enough|(?:ive|i have) made sure (?:of it|this time)",
    r"(?:my|this is my) (?:last post|last message|last msg|last words|final post|final message|final msg|final words)(?= *$| *[.,!])",
    r"(?:im|i am) (?:so |really |truly )?sorry(?: for (?:this|everything|what im about to do))?(?= *[.!]* *$)",
    r"{FUT} (?:(?:drink|swallow|down|neck) (?:it|them|the lot|the bottle)|use (?:it|them|the \w+)|jump)(?= *$| *[.,!]| on {ME}| (?:now|tonight|rn|off|from)\b)",
    r"(?:wont|will not) (?:need|be needing|be using) (?:it|them|this|that|my \w+|\w+) (?:anymore|any more|where im going)",
)

FAREWELL_WEAK = (
    r"(?:it was|its been|been|it has been) (?:nice|good|lovely|an honour|a pleasure|real) knowing (?:you|yall|u|everyone|you all|you guys)",
    r"sorry for (?:being (?:like this|such a (?:burden|mess|pain)|a burden|so much trouble|me|so difficult)|everything i put (?:you|them|everyone) through|all the trouble)",
    r"(?:please )?(?:dont|do not) (?:blame (?:yourselves|yourself|my \w+|anyone|him|her)|cry for me|be sad (?:for|about) me|feel guilty)|(?:wasnt|isnt|was not|is not) (?:her|his|their|anyones|my \w+s|mums|dads) fault",
    r"(?:ill|i will) miss (?:you|yall|u|you all|everyone|this group|you guys)(?! (?:while|when|over|this|next|on|at|lots|tonight|tomorrow))",
    r"remember me (?:as|for|when|fondly|kindly)|(?:when|after|once) (?:im gone|im dead|im not here|im not around)",
    r"(?:can|could|will|would|please) (?:someone|somebody|anyone|one of you|you) (?:please )?(?:look after|take care of|feed|walk|adopt|take) my (?:\w+ )?(?:dog|cat|kids|children|babies|pets?|plants|hamster|rabbit|bird|fish)",
    r"(?:just )?want(?:ed)? to say (?:thank you|thanks)",
    r"(?:please )?(?:tell|let) (?:my \w+|everyone|them|her|him) (?:know )?(?:that )?i (?:love|loved|am sorry|never meant)",
)

# Someone else in danger now: a third person's intent, an unresponsive person.
THIRD_PERSON_NOW = (
    r"(?:think|worried|scared|afraid|terrified|sure) (?:that )?(?:he|she|they|{PERSON})(?:s| has| have| is| might have| may have| could have| might)? (?:done|taken|tried|did) (?:something|it|something stupid)",
    r"(?:{THEY}|{PERSON})(?:s| is| are)? (?:stood|standing|sitting|sat|climbing|climbed|up|out)? ?(?:on|at|onto|over) (?:the )?(?:edge of (?:the |a )?|top of (?:the |a )?)?(?:\w+ )?(?:bridge|roof|rooftop|ledge|cliff|tracks|railings?|multi ?storey|car park|balcony|platform edge)",
    r"(?:{THEY}|{PERSON})(?:s| is| are)? (?:unconscious|unresponsive|not breathing|barely breathing|not waking up|turning blue|wont wake up|cant be woken)",
    r"(?:{THEY}|{PERSON})(?: just| has just|s just| has| have|s)? (?:took|taken|swallowed|downed) (?:everything|all (?:his|her|their|of (?:his|her|their)) (?:\w+ )?(?:pills|tablets|meds|medication))",
)

THIRD_INTENT = (
    r"(?:{THEY}|{PERSON}|(?:he|she|they)(?:s|ll| is| are| will)?)(?: just)?(?: says| said| told me| texted| messaged| keeps saying)?(?: me)?(?: that)?(?: (?:hes|shes|theyre|he is|she is|they are|hell|shell|theyll))? "
    r"(?:going to|gonna|about to|planning to|threatening to|will|wants to|ready to|decided to) (?:kill {THEM}|end (?:it|it all|his life|her life|their life|things)|jump|overdose|hang {THEM}|unalive {THEM}|take (?:all )?(?:his|her|their) (?:own )?(?:life|pills|tablets|meds)|ctb|kms)",
)

THIRD_PERSON_STRONG = (
    r"(?:doesnt|dont|cant|does not) (?:really )?see (?:a|any) (?:future|point|way out|reason to (?:live|go on|keep going))",
    r"wish(?:es|ed|ing)? (?:he|she|they)(?:d| had)? (?:was|were|had been|been|had never been) (?:never born|dead|not born)",
    r"(?:has|have|s|had|hes|shes|theyve|theyre|he is|she is)(?: been)? (?:thought|thinking|talked|talking) (?:about|of) (?:ending it|suicide|killing {THEM}|dying|ending (?:his|her|their) life|not being here|not existing)",
    r"(?:saying|says|said|keeps saying|thinks|told me|telling me|texted|mentioned) (?:that )?(?:the \w+|everyone|we|they|his \w+|her \w+|their \w+|people) (?:would|d|will|wd) be (?:better off|happier|better) without (?:him|her|them)",
    r"(?:texted|messaged|sent|posted)(?: me| us| the group| everyone)? (?:a )?(?:goodbye|bye|farewell|sorry for everything|love you all|i love you all)",
    r"(?:giving|gave|given) away (?:all )?(?:his|her|their) \w+|(?:giving|gave|given) (?:all )?(?:his|her|their) (?:stuff|things|belongings|possessions) away",
)

THIRD_PERSON_WEAK = (
    r"(?:wont|will not|refuses to|refusing to) come (?:down|back in|inside|off (?:the|it))",
    r"empty (?:pill |medicine |tablet )?(?:packets|bottles|boxes|blister packs?|blisters)|(?:pill|tablet|medicine) (?:packets|bottles|boxes) everywhere",
)

# --- concern ---------------------------------------------------------------------------

ACTIVE_IDEATION = (
    r"(?:sui|si|sewerslide|unalive|ctb|kms) (?:thoughts|urges|feelings|ideation)|(?:suicidal|suicide|dark) (?:thoughts|urges|feelings) (?:are|have|keep|came|coming) (?:back|again)",
    r"(?:im|i am|ive been|been|feeling|feel|so|really) (?:so |really |very )?(?:{SUICIDE_TYPO})",
)

PASSIVE_IDEATION = (
    r"(?:want|wish|need|wanna) (?:it all|everything|all of (?:it|this)|life|my life|existing|the world) to (?:stop|end|be over|go away)",
    r"(?:peaceful|nice|easier|easy|better|a relief|good|lovely|calm) (?:it )?(?:would|wd|d|will) be (?:to|if i) (?:just )?(?:not be here|wasnt here|not exist|didnt exist|die|died|be dead|not wake up|didnt wake up|disappear|disappeared|go to sleep forever|sleep forever|end it|stop existing)",
    r"wish(?:es|ing)? (?:i )?(?:could )?(?:just )?(?:fall asleep|go to sleep|sleep) (?:forever|for ever|and (?:never|not) wake up)",
    r"(?:hope|hoping|pray|praying|wish|wishing) (?:that )?(?:i|ill|id|i will|i would) (?:(?!dont |doesnt |not |never |wont |survive |pass |make )\w+ ){0,6}(?:and )?(?:just )?(?:die|dont wake up|never wake up|get killed)(?![a-z])",
    r"wish(?:es|ing)? (?:a|the|some) (?:car|bus|lorry|truck|train|plane|drunk driver|tree|brick|meteor|someone|something) would (?:just )?(?:hit|kill|crush|fall on|run me over|end) me",
    r"(?:cant|can not|cannot|dont|do not) (?:see|imagine|picture) (?:myself|me|my self) (?:\w+ ){0,2}(?:alive|here|around|living|making it|growing old|getting old|having a future|at \d+|past \d+)",
    r"(?:i )?(?:shouldnt|should not|should never) (?:be here|be alive|exist|have been born|have survived|have woken up)|(?:shouldnt|should not) have (?:been born|survived|woken up)",
    r"(?:only|just) (?:staying|stay|still) alive (?:for|because of)|(?:the )?only (?:reason|thing) (?:im|i am|keeping me) (?:still )?(?:alive|here|going|around)",
    r"(?:done|finished) with (?:life|living|being alive|this world|existing)",
    r"wish(?:es|ing|ed)? (?:that )?i (?:wouldnt|would not|didnt|dont|wont|could not|couldnt) wake up",
    r"(?:come to|go to|turn up (?:to|at)|attend|cry at|be at|show up (?:to|at)) my funeral",
    r"(?:fantasi[sz]ing|fantasi[sz]e|dreaming|daydreaming|daydream|dream) (?:about|of) (?:disappearing|dying|being dead|not waking up|not existing|ending it|killing {ME}|my (?:own )?(?:death|funeral))",
    r"(?:death|dying|suicide|ending it|killing {ME}|not being here) (?:is|seems|feels|looks) (?:like )?(?:the |my )?(?:only|best|easiest|last) (?:way out|option|answer|escape|solution|choice)|(?:the )?only way out (?:is|would be) (?:to die|death|dying|ending it)",
    r"(?:hate|cant stand|despise|loathe) (?:being alive|existing|living|waking up (?:every|each) (?:day|morning))",
    r"(?:giving|give|gave|given) up on (?:life|everything|living|myself|it all|the world)",
    r"(?:be with|join) (?:him|her|them|my \w+) (?:in heaven|on the other side)",
)

HOPELESSNESS = (
    r"nothing left (?:for me|to live for|to lose|in me)|(?:theres|there is) nothing (?:left )?(?:for me|to live for)",
    r"(?:living|life|existing|everything|it all|my life|being alive|going on) (?:feels|seems|is|has become|s|just feels) (?:so |completely |just |kinda |totally |utterly |pretty )?(?:hopeless|pointless|meaningless|futile|unbearable)",
    r"(?:nothing|nothings|nothing is|nothing will) (?:ever )?(?:going to |gonna |gunna )?(?:ever )?change(?: for me)?",
    r"(?:cant|can not|cannot) (?:handle|cope with|deal with|do|face) (?:life|living|this life|it all|everything|any of it|another day)(?: anymore| any more)",
    r"(?:cant|can not|cannot) take it(?: anymore| any more)?(?= *$| *[.,!])",
    r"(?:whats|what is) (?:even )?the point (?:of|in) (?:waking up|getting up|getting out of bed|trying|me|being me|existing|breathing|going on)",
    r"nothing (?:matters|means anything)(?: anymore| any more| to me)",
    r"(?:its|it is|this is|things are|nothing is|it|that|my life) (?:never|not) (?:going to|gonna|ever going to|ever gonna|gunna) (?:change|get better|improve|be different|be ok|be okay)",
    r"(?:im|i am|i feel|feel|feeling) (?:so |just |completely |totally |utterly )?worthless",
    r"no reason (?:for me )?to (?:live|keep (?:going|living|trying)|go on|be here|stay|carry on|get up|wake up)",
    r"(?:dont|do not|cant) (?:really |even )?see the point (?:of|in) (?:looking after|taking care of|eating|getting up|getting out of bed|waking up|me|myself|anything|existing|it all)",
)

BURDEN = (
    r"(?:notice|care|miss me|blink)(?: at all)? (?:if|when) (?:i|im) (?:was |were |am )?(?:gone|dead|died|disappeared|left|vanished|wasnt here|werent here|didnt wake up|killed {ME})",
    r"(?:im|i am|my (?:existence|life|birth) (?:is|was)) (?:just )?(?:a )?(?:mistake|waste)(?= *$| *[.,!])",
)
