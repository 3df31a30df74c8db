"""Word lists for redaction (lower case, as the view reads text).

First names come from the US Census 1990 lists shipped in the ``names`` package, plus names
common in the other regions Circles serves that those lists lack; how common a name is as
an ordinary word comes from ``wordfreq``.
"""

# ruff: noqa: E501  (alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MAIL_PROVIDERS = r"gmail|googlemail|hotmail|yahoo|outlook|icloud|proton|protonmail|live|aol|btinternet|sky|me|mail|gmx|yandex|zoho|rediffmail|rediff|msn|comcast|verizon|att|ntlworld|virginmedia|talktalk|eircom|bigpond|optusnet|xtra|shaw|rogers|sympatico"
EMAIL_TLDS = (
    r"com|net|org|edu|gov|io|me|co|uk|ie|ca|au|nz|de|fr|info|biz|us|in|co ?uk|com ?au|co ?nz"
)

# Top-level domains a bare domain may end in ("mysite.co.uk", "bit.ly/x"): the common
# generic ones and the country codes of the regions served and of link shorteners.
URL_TLDS = (
    r"com|net|org|edu|gov|mil|int|io|co|me|info|biz|app|dev|ai|ly|gl|gg|tv|fm|to|cc|xyz|site|online|store|shop|blog|"
    r"page|link|live|life|world|tech|news|art|health|care|club|social|us|uk|ie|ca|au|nz|de|fr|es|it|nl|be|ch|at|"
    r"se|no|dk|fi|pl|pt|in|za|ng|ke|gh|ph|sg|my|hk|jp|kr|cn|br|mx|ar|ee|lt|lv|ru|ua|tr|ro|hu|cz|sk|gr|il|ae|"
    r"co\.uk|org\.uk|ac\.uk|gov\.uk|nhs\.uk|me\.uk|com\.au|org\.au|net\.au|co\.nz|org\.nz|co\.za|co\.in|com\.br"
)

PLATFORMS = (
    r"instagram|insta|ig|snapchat|snap|sc|tiktok|tik tok|tt|twitter|tweet me|discord|telegram|tg|kik|fb|facebook|"
    r"messenger|threads|reddit|twitch|yt|youtube|bluesky|bsky|mastodon|tumblr|pinterest|linkedin|"
    r"wechat|line id|skype|steam|psn|xbox|gamertag"
)
# Words after "@" that are not handles ("@ home", "@everyone").
NOT_HANDLES = frozenset(
    {
        "home", "work", "school", "night", "everyone", "here", "all", "you", "me", "the", "a",
        "gmail", "hotmail", "yahoo", "outlook", "icloud", "is", "and", "or", "moment", "least",
        "last", "times", "first", "once", "this", "that", "it", "them", "him", "her", "channel",
    }
)  # fmt: skip

PHONE_CUES = (
    r"number|no|num|phone|cell|mobile|mob|tel|text|call|ring|whatsapp|ph|landline|digits|reach me"
)

STREET_TYPES = (
    r"road|rd|street|st|avenue|ave|av|lane|ln|drive|dr|close|cl|way|court|ct|place|pl|crescent|cres|terrace|terr|"
    r"boulevard|blvd|grove|gr|gardens|gdns|garden|square|sq|row|mews|parkway|pkwy|highway|hwy|circle|cir|walk|rise|"
    r"hill|view|green|end|trail|trl|loop|pike|broadway|park|parade|quay|wharf|yard|vale|wynd|drove|chase|meadow|"
    r"meadows|heights|hts|path|alley|plaza|estate|gate|cottages|bank|side|croft|mount|fold|brow|lea|nook"
)
# Where the street word comes first (French, Spanish, Italian, Portuguese addresses).
STREET_WORDS_FIRST = r"rue|avenue|boulevard|chemin|allée|allee|impasse|quai|via|viale|piazza|corso|calle|avenida|plaza|paseo|carrer|rua|travessa|praça|praca|ul|ulica|al|aleja|os|osiedle|pl|plac|str|strada|ulitsa|prospekt"
# English streets named in one word after the number ("19 Westgate").
ENGLISH_STREET_ENDINGS = r"gate|way|side|row|wynd|hill|field|fields|croft|brae"
# One-word streets ("Hauptstraße", "Kalverstraat", "Storgatan").
# (The view folds "ß" to one "s": "straße" reads "strase".)
STREET_SUFFIXES = r"straße|strasse|strase|str|weg|platz|allee|gasse|ring|damm|ufer|straat|gracht|laan|plein|vej|gade|gatan|gata|vägen|vagen|katu|tie|utca"
US_STATES = (
    r"al|ak|az|ar|ca|co|ct|de|dc|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|nm|ny|nc|nd|oh|"
    r"ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|alabama|alaska|arizona|arkansas|california|colorado|connecticut|"
    r"delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    r"massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|"
    r"new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|"
    r"south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming"
)
# Shapes of a UK postcode that are ordinary tokens here.
NOT_POSTCODES = frozenset({"a1ab"})

TITLES = (
    r"dr|doctor|mr|mrs|ms|miss|mx|prof|professor|nurse|sister|brother|father|fr|rev|reverend|pastor|rabbi|imam|"
    r"sir|dame|lady|lord|judge|officer|sgt|sergeant|lt|lieutenant|captain|capt|coach|auntie|aunty|uncle|nana|"
    r"grandma|grandpa|granny|grandad|nan|mum|mom|dad|cousin|saint|st"
)
RELATIONS = (
    r"sister|brother|sis|bro|mum|mom|mother|dad|father|son|daughter|kid|child|baby|wife|husband|partner|spouse|"
    r"ex|ex wife|ex husband|boyfriend|girlfriend|bf|gf|fiance|fiancee|friend|best friend|bestie|mate|pal|buddy|"
    r"boss|manager|supervisor|coworker|co worker|colleague|neighbour|neighbor|flatmate|roommate|housemate|"
    r"therapist|counsellor|counselor|psychiatrist|psychologist|doctor|gp|nurse|social worker|key worker|"
    r"caseworker|case worker|sponsor|teacher|tutor|coach|landlord|landlady|aunt|auntie|uncle|cousin|niece|nephew|"
    r"grandma|grandpa|grandmother|grandfather|gran|granny|nan|nana|grandson|granddaughter|stepdad|stepmom|"
    r"stepmum|stepson|stepdaughter|in law|mother in law|father in law|sister in law|brother in law|twin|"
    r"little sister|little brother|big sister|big brother|older sister|older brother|younger sister|"
    r"younger brother|eldest|youngest|middle child|oldest|cat|dog|pastor|priest|vicar|great aunt|"
    r"great uncle|great grandma|great grandad|great grandpa|great nan|godmother|godfather|godson|"
    r"goddaughter|carer|support worker|mentor|pal|lad|lass|fella|bloke|missus|hubby|wifey"
)
# Titles and kin words are never a name themselves (the name after them is); TITLES holds
# every kin word used as a title but "gran", which is a relation only.
TITLE_WORDS = frozenset(TITLES.split("|")) | {"gran"}
PLACES_OF_PEOPLE = r"work|school|church|the gym|gym|college|uni|university|class|group|aa|na|rehab|the office|the pub|next door|down the road|the shop|the clinic|my job|my work|the hospital|therapy"

# Names that are also ordinary words in this register: a person only with something that
# says so (a title, "my sister ...", "... from work", a surname, capitalised mid-sentence).
NAME_WORDS = frozenset(
    """
    hope faith grace joy will may sunny rose frank bill mark pat summer dawn amber page
    chase rob sue bob art june april august jack ray rich sandy sky star storm honey
    cherry ginger holly ivy iris lily daisy violet heather jasmine pearl ruby crystal
    penny misty melody harmony destiny trinity charity patience prudence mercy hazel
    olive poppy sage skye brook cliff dale glen heath lane wade miles max drew gene guy
    ken don dean earl duke king prince major sterling hunter carter mason baker taylor
    tanner parker porter young long little white black brown green gray grey bell angel
    autumn winter love rain journey serenity blessing precious lucky happy sweet candy
    sugar cookie bunny angel echo ocean sunshine marina clay rocky stone jewel dusty
    forest hale grant sonny tiny ace buck bud cash chance christian constance deacon
    earnest ernest hardy harley lyric noble pepper reed royal rusty scout shadow sol
    spike sterling tex true van vance will victory nova luna
    """.split()
)

# Before a member's name: the writer is speaking to them ("thanks hope", "hi may").
VOCATIVES = r"thanks|thank you|thank u|thx|ty|tysm|cheers|hi|hey|hiya|heya|hello|yo|dear|love you|luv u|love u|sorry|congrats|congratulations|well done|welcome|welcome back|proud of you|miss you|hugs|hug|agree with|@"
MONTHS = frozenset({"may", "june", "april", "august"})
MONTH_CUES = (
    r"in|since|until|till|by|last|next|this|early|late|mid|of|on|from|through|during|before|after"
)

# What follows a name-word used as the word, per word; other name-words use the general list.
_FOLLOWERS = {
    "may": "i we be have not also help well god the this you all your it they he she",
    "will": "you be i not have do help never always get go make try take see it we they he she",
    "hope": "is was you i that this it for so to and everyone all things you're youre your",
    "mark": "my it the this down of as",
    "grace": "of is be and",
    "bill": "is was came for of the me it and",
    "frank": "with about here honestly i",
    "sunny": "day today here outside weather morning and again skies spells spell",
    "rose": "up early from to again above garden bush gardens",
    "dawn": "is came broke of breaks again chorus",
    "pat": "on yourself myself down dry",
    "sue": "them him her the for me you",
    "rob": "a the me you them him her banks people",
    "page": "of is was on in for",
    "joy": "is of to in and for again",
    "faith": "is in that and can",
    "summer": "is was holidays holiday break camp",
    "chase": "the it them your my down",
}


# After a lower-case name-word at the start of a message: the writer is talking to them
# ("page ur advice worked", "rob ur so right"), not using the word ("amber warning").
ADDRESSING = frozenset(
    """
    ur you u i im i'm ive i've thank thanks ty yes yeah omg lol same
    """.split()
)


def word_followers(word: str) -> frozenset[str]:
    """Words that, right after ``word``, show it is the ordinary word."""
    return frozenset(_FOLLOWERS[word].split()) if word in _FOLLOWERS else WORD_FOLLOWERS


def common_word(word: str) -> bool:
    """Whether ``word`` is an everyday English word (so a bare one is not a handle)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 3.0


# Capitalised words that start sentences and are in the census lists ("Will you", "May I").
STARTERS = frozenset(
    """
    will may can so an in see man son sunny happy guy ray major chance don jack mark pat
    bill frank grace hope joy faith rose dawn summer april june august
    """.split()
)

# Words that follow a sentence-initial name-word used as a word ("Hope is all I have").
WORD_FOLLOWERS = frozenset(
    """
    i you we they he she it is was are be been have has had do does did not never always
    really just can could would should will may might must the a an my your our this
    that there here so and or but if then than as to of in on at for with about from by
    up down feels felt makes made keeps kept helps helped matters seems
    """.split()
)

# Census "names" that are ordinary words here, and words a capitalised token must not be.
NOT_NAMES = frozenset(
    """
    an in so my see man son the and or but if is it to of on at by for with as be we me
    he she they you your our his her its their this that there here then than when where
    who what why how all any some one two three four five six seven eight nine ten mon
    tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday
    january february march july september october november december christmas easter god
    lord jesus allah buddha thanks thank hi hey hello ok okay yes no yeah lol omg hmm oh
    im ive id ill dont cant wont didnt isnt wasnt london paris china india america
    england scotland wales ireland canada australia france spain italy germany poland
    africa asia europe texas florida york jersey georgia carolina virginia dakota
    alabama nevada israel jordan kenya nigeria ghana egypt mexico brazil peru chile cuba
    jamaica haiti tesco asda aldi lidl walmart target costco amazon google facebook
    apple zoom teams nhs gp aa na er icu uk usa us eu tv dvd pc mum mom dad nan nana
    gran granny threads instagram insta snapchat tiktok twitter discord reddit youtube
    whatsapp signal irish english scottish welsh british american canadian australian
    indian african christian muslim jewish catholic hindu sikh buddhist grandma grandpa
    sis bro auntie aunty uncle doctor nurse sister brother father mother friday weekend
    morning evening night today tomorrow yesterday
    """.split()
)

# Names common in the regions served that the 1990 US Census lists lack.
_EXTRA_FIRST_NAMES = """
    aaliyah aarav abdul abdullah adebayo adeola aditya ahmed aisha akash ali alisha
    amara amir amit anand ananya anil anjali arjun asha ashok aziz bilal chidi chinedu
    chloe darius deepak dev devi divya emeka fatima fatuma femi gaurav hamza hana hassan
    ibrahim imran isha ishaan jamal kavya kemi kwame kofi lakshmi layla leila mahmoud
    maryam mehmet mohammed muhammad mustafa nadia naveen neha nikhil nisha noor obinna
    olu omar pooja priya rahul raj rajesh ravi rohan sadia sanjay sara shreya siddharth
    sunil tariq tunde usman vikram yasmin yusuf zainab zara aoife ciara ciaran cian
    conor declan eoin niamh oisin orla padraig roisin saoirse seamus sinead siobhan aled
    bryn cerys dafydd gethin rhys sian callum fraser hamish isla kirsty lachlan mhairi
    morag rhona bronwyn kylie jarrah tane aroha mere wiremu tomasz piotr katarzyna
    agnieszka jurgis rasa ona ieva lukas mateusz ola marek olga irina natasha sergei
    dmitri anya jayden jaden aiden brayden olivia amelia isla ava mia isabella rosie
    sophia freya florence ellie evie ella sienna harper lola millie matilda chloe emily
    jessica phoebe megan lucy erin keira caitlin bethany abbie lauren courtney jade
    chelsea zoe imogen elsie maisie darcy esme ruby aria layla nevaeh madison brooklyn
    paisley kinsley hailey kaylee mackenzie oliver george harry noah leo arthur oscar
    charlie jacob thomas henry william alfie freddie archie joshua james ethan lucas
    theo liam logan riley ryan kieran connor jamie lewis ben sam jake dylan tyler
    bradley jordan kyle aaron nathan luke adam josh owen finley reuben toby zach zachary
    harrison elliot jenson rory ronan tadhg fionn darragh cillian oisín eimear aoibhinn
    caoimhe clodagh grainne mairead brendan
""".split()

_CENSUS = ("dist.female.first", "dist.male.first")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names (lower case, three letters or more, not ordinary words listed above)."""
    import names as census

    folder = Path(census.__file__).parent
    found: set[str] = set(_EXTRA_FIRST_NAMES)
    for name in _CENSUS:
        with (folder / name).open(encoding="utf-8") as handle:
            found.update(line.split()[0].lower() for line in handle if line.strip())
    return frozenset(n for n in found if len(n) >= 3 and n not in NOT_NAMES)


# A lower-case word is taken for a name without a cue only when it is rare as a word.
RARE_AS_WORD_ZIPF = 3.6


@lru_cache(maxsize=1)
def distinctive_names() -> frozenset[str]:
    """First names rarely written as ordinary words ("kayla", not "sarah" or "bill")."""
    from wordfreq import zipf_frequency

    return frozenset(
        n
        for n in first_names()
        if n not in NAME_WORDS and zipf_frequency(n, "en") < RARE_AS_WORD_ZIPF
    )
