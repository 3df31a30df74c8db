"""Lexicons for the medical-advice boundary: telling another member to start, stop or change
medication, or diagnosing them. Reporting one's own doctor's advice and encouraging someone
to see their GP are not advice (SPEC 3.2), and neither is talking about one's own medication.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

MEDICATIONS = (
    r"sertraline|zoloft|citalopram|escitalopram|lexapro|cipralex|fluoxetine|prozac|paroxetine|seroxat|paxil|venlafaxine|effexor|"
    r"duloxetine|cymbalta|mirtazapine|remeron|amitriptyline|nortriptyline|bupropion|wellbutrin|trazodone|vortioxetine|agomelatine|"
    r"quetiapine|seroquel|olanzapine|zyprexa|risperidone|aripiprazole|abilify|clozapine|haloperidol|lurasidone|lithium|lamotrigine|"
    r"lamictal|valproate|depakote|sodium valproate|carbamazepine|pregabalin|lyrica|gabapentin|diazepam|valium|lorazepam|ativan|"
    r"clonazepam|klonopin|alprazolam|xanax|zopiclone|zolpidem|ambien|propranolol|methadone|buprenorphine|subutex|suboxone|"
    r"naltrexone|antabuse|disulfiram|acamprosate|adderall|ritalin|methylphenidate|elvanse|vyvanse|lisdexamfetamine|atomoxetine|"
    r"strattera|modafinil|tramadol|codeine|oxycodone|morphine|insulin|melatonin|hydroxyzine|promethazine|chlordiazepoxide|"
    r"meds|medication|medications|medicine|pills|tablets|antidepressants?|antipsychotics?|ssris?|snris?|mood stabilisers?|"
    r"mood stabilizers?|benzos?|stimulants?|sleeping (?:pills|tablets)|dose|dosage|doses|prescription|script|mg"
)

MACROS = {
    "MED": MEDICATIONS,
    # Whose medication: yours, or just "the" one; never "my" (that is one's own medication).
    "OBJ": (
        r"(?:(?:some|all|any|half|one|a couple|the rest) of )?(?:your|ur|yr|the|those|these|that|some|a|an|any|all|mums|dads|my mums|my dads|his|her)"
        r"(?: (?:mums|dads|mates|friends|partners|sisters|brothers|nans|old|spare|leftover|own|evening|morning|night|daily))?"
    ),
    "DIAGNOSIS": (
        r"adhd|bipolar(?: (?:1|2|one|two|i|ii|disorder))?|autistic|on the spectrum|bpd|borderline|eupd|ocd|ptsd|cptsd|c ?ptsd|"
        r"schizophrenic|schizophrenia|psychotic|a narcissist|narcissistic|npd|a sociopath|a psychopath|manic|hypomanic|"
        r"clinically depressed|anorexic|bulimic|an alcoholic|an addict|dissociative|aspergers|aspie|gad|cyclothymic|"
        r"a hypochondriac|hypochondriac"
    ),
}

MED_VERBS = (
    r"stop|stop taking|quit|quit taking|come off|get off|go off|ditch|drop|skip|halve|double|up|increase|raise|lower|"
    r"reduce|cut down|cut down on|cut back on|wean (?:yourself )?off|taper|taper off|switch|switch to|switch from|swap|"
    r"change|start|start taking|take|try|bin|chuck|flush|stop using|give up|throw away|crush|snort|mix"
)

ADVICE = (
    # Imperatives and "you should ..." about someone's medication.
    r"(?:you should|you need to|you have to|you must|you gotta|u should|u need to|you ought to|you oughta|youd be better off|"
    r"id|i would|i d|why dont you|have you tried|you could|better to|best to|honestly|seriously|just|definitely|pls|please|"
    r"mate|hun|babe)? ?(?:"
    + MED_VERBS
    + r") (?:{OBJ} )?(?:(?!my |our |his |her |their )[a-z]+ )?(?:{MED})(?! (?:with|by|about) (?:your|ur|a) (?:gp|doctor|prescriber|psychiatrist|pharmacist))",
    r"(?:try|use|take|switch to|go for|do|start|smoke|microdose|microdosing) [a-z ]{1,30}? instead of (?:your |ur |the |taking (?:your |the )?)?(?:{MED})",
    r"(?:instead of|rather than|ditch|forget|fuck|screw) (?:the |your |ur |those )?(?:meds|medication|pills|antidepressants|tablets)",
    r"(?:ask|tell|make|get) (?:your|ur) (?:gp|doctor|psychiatrist|psych|prescriber|pharmacist|consultant) (?:for|to (?:prescribe|give you|put you on|up|increase|switch)) (?:{MED})",
    # Sharing one's own medication: "take two of my diazepam", "ill send you some of my pregabalin".
    r"(?:take|have|try|borrow|use|pinch|nick) (?:one|two|three|a couple|a few|some|half|a couple of|any) (?:of )?(?:my|mine) (?:spare |leftover |old |extra )?(?:{MED})|"
    r"(?:ill|i can|i could|happy to|i will|let me|want me to|wanna|i want to|i dont mind) (?:give|send|post|lend|sell|share|bring|drop) (?:you|u|ya) "
    r"(?:some|a few|one|two|a couple|a strip|a box|half|a pack)?(?: of)? ?(?:my )?(?:spare |leftover |old |extra )?(?:{MED})",
    r"(?:dont|do not|never) (?:take|start|touch|bother with) (?:{OBJ} )?(?:{MED})",
)

ADVERB = r"definitely|clearly|obviously|probably|totally|100%|defo|def|deffo|literally|so|just|most likely|basically|sooo|actually|prob"
DIAGNOSING = (
    r"(?:youre|you are|u r|you r|you have|you got|youve got|u have|youve|uve|you|u|you sound|u sound|you seem|u seem|you look|u look|you seem like|you sound like) (?:(?:"
    + ADVERB
    + r") )?(?:have |got |are |r |to have |to be |like )?(?:(?:a bit|a little|kinda|kind of|quite|really|very|pretty|super|so) )?(?:a |an )?(?:{DIAGNOSIS})"
    r"(?! (?:test|assessment|clinic|service|team|group|awareness|diagnosis|symptoms|meds))",
    r"(?:ur|your|yr) (?:" + ADVERB + r") (?:a |an )?(?:{DIAGNOSIS})",
    r"sounds like (?:you(?:ve| have)? ?(?:got )?|its |an? )?(?:{DIAGNOSIS})",
    r"(?:you|u|youve|uve) (?:have|got|ve got|show|are showing|r showing|display|tick) (?:all |every one of |so many of |literally all |all of )?(?:the )?(?:classic |textbook |typical )?(?:signs|symptoms|traits|hallmarks|red flags|boxes) (?:of|for) (?:{DIAGNOSIS}|depression|anxiety|an eating disorder|autism|bipolar)|"
    r"(?:you|u) tick (?:every|all the) box(?:es)?|(?:thats|that is|its) not (?:depression|anxiety|just anxiety|just depression|stress|ocd|adhd)[ ,.]+(?:youre|you are|its|thats|you have)",
)

# "thats classic adhd": a diagnosis, counted only when the reader is addressed in the message.
LABELLING = (
    r"(?:thats|that is|its|this is|that sounds|sounds|thats just|that all sounds|it all sounds) (?:like )?(?:so |just |literally |totally |very |a |such )?"
    r"(?:classic|textbook|typical|a classic|a textbook|100%|definitely|defo|clearly|obviously|a sign of|signs of) (?:case of |sign of |signs of |symptoms? of )?(?:{DIAGNOSIS})",
)
