"""Lexicons for the contact boundary: sharing or asking for phone, e-mail, address, socials.

Fragments match the normalised view (apostrophes inside words removed) unless marked as
matching the ``base`` view, where digits, ``@`` and dots survive.
"""

# ruff: noqa: E501  (regex alternations stay whole on one line each so that they can be reviewed as lists)

from __future__ import annotations

PLATFORM = (
    r"insta|instagram|ig|snap|snapchat|sc|tiktok|tik tok|tt|twitter|discord|facebook|fb|messenger|whatsapp|whats app|wa|"
    r"telegram|signal|kik|reddit|tumblr|threads|bluesky|bsky|linkedin|youtube|twitch|steam|psn|xbox|line|wechat|viber|skype|"
    r"hinge|tinder|bumble|grindr|onlyfans|email|e ?mail|gmail|hotmail|outlook|number|mobile|cell|phone|digits"
)

# Social platforms only (without phone and e-mail words): "my phone is dead" shares nothing.
SOCIAL = PLATFORM.split("|email|")[0]

MACROS = {
    "PLATFORM": PLATFORM,
    "SOCIAL": SOCIAL,
    # "my insta", "me snap" written out whole, so that the literal prefilter keys on the pair
    # rather than on two-letter platform names ("ig", "wa") found inside ordinary words.
    "MY_SOCIAL": "|".join(
        f"{owner} {platform}" for owner in ("my", "me") for platform in SOCIAL.split("|")
    ),
    "YOUR": r"your|ur|yr|ya|you|their|yer",
}

# Sharing one's own contact details or moving the chat off the platform.
SHARE = (
    r"(?:add|find|follow|message|msg|dm|pm|text|reach|catch|contact|hit|hmu|chat to|talk to) me (?:up )?(?:on|at|via|over|thru|through) (?:{PLATFORM})",
    r"(?:{MY_SOCIAL})(?: name| handle| username| user| id| tag| acc| account| @)? (?:is|s|=|:|@|its|it is)",
    r"my (?:number|mobile|mobile number|phone number|phone no|cell|cell number|digits|no)(?:(?: is|s|:) ?(?:\+|\d|zero|oh|one|two|three|four|five|six|seven|eight|nine)| ?:? ?(?:\+|\d))",
    r"my (?:email|e mail|email address)(?: is|s|:)? ?[a-z0-9._]+ ?(?:@|at\b)",
    r"(?:im on|im at|i am on|i am at) (?:{PLATFORM})(?: as| under)",
    r"(?:dm|pm|inbox|whatsapp|snap|email|e ?mail|text|ring|phone) me(?! (?:on here|in here|in the app|here))",
    r"call me(?! (?:crazy|old|silly|a|an|paranoid|what|mad|stupid|weird|names|out|back|by|ishmael|that))",
    r"hmu|hit me up|drop me (?:a |an )?(?:line|text|message|dm|email)|slide into my dms|my dms are open|(?:my )?dms (?:are )?open",
    r"same (?:username|name|handle|@) (?:as here|on) (?:{PLATFORM})|(?:{PLATFORM}) (?:same|with the same) (?:username|name|handle) as here",
    r"(?<!paypal )(?<!gofundme )(?<!kofi )(?<!ko fi )(?<!patreon )(?<!venmo )(?<!cashapp )(?<!donation )(?<!fundraiser )(?<!wishlist )"
    r"(?:link|links) (?:is |are )?in my (?:bio|profile)(?! (?:for|if) (?:anyone|you) (?:wants to|want to|can) (?:donate|help|give|send))",
    r"(?:move|take|continue|carry on|switch|shift) (?:this|the chat|it|the conversation|our chat|things|this convo|the convo|this chat)? ?"
    r"(?:to|over to|onto|on to|on) (?:{SOCIAL}|email|e ?mail|text|texts|private messages|pms|dms)\b(?! (?:group|server|channel))",
    r"my (?:tag|handle|gamertag|gamer tag|discord tag|discord name|snap name|insta name|ig name) (?:is|s|:|=)",
)

# A street address of one's own.
ADDRESS = (
    r"(?:i live|we live|im|i am|my (?:house|flat|place|address) is|come to|find me at) (?:at |on )?\d{1,4}[a-z]? [a-z]+ "
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|crescent|way|place|terrace|grove|court|gardens|park|row|hill|square)",
)

# Asking someone else for theirs.
ASK = (
    r"(?:whats|what is|wats|wots|whats ur|send me|give me|giv me|can i (?:get|have)|could i (?:get|have)|may i have|drop|share|swap|exchange|pass me|u got|you got) "
    r"(?:{YOUR}) (?:{PLATFORM}|address|addy|handle|username|user|socials|deets|details|contact|contact details|postcode|zip|digits)",
    r"(?:whats|what is|wats|wots|whats ur|send me|give me|giv me|can i (?:get|have)|could i (?:get|have)|may i have|drop|share|swap|exchange|pass me|u got|you got) "
    r"(?:{YOUR}) @",
    r"got (?:your|ur|yr|ya) (?:{PLATFORM}|@|socials|deets|details|contact details|addy|address)",
    r"(?:swap|exchange|trade|share) (?:numbers|digits|socials|emails|contacts|details|handles|snaps|instas)",
    r"(?:which|what) (?:street|road|estate|building|block|flat|house|address|house number) (?:are|r|do) (?:you|u) (?:on|in|at|live)",
    r"where (?:do|d|exactly do) (?:you|u) live|(?:whats|what is) (?:ur|your) (?:home )?address",
    r"(?:do you have|do u have|you have|u have|do you got|do u got|you got|u got) (?:a |an )?(?:{PLATFORM})\?",
    r"(?:can|could|shall) (?:i|we) (?:text|call|ring|message|add|follow|dm) (?:you|u)(?! (?:on here|here|in the group))",
)

# Words near a number that make it a helpline, not a member's personal number.
HELPLINE_WORDS = (
    r"helpline|help line|crisis line|crisisline|support line|hotline|hot line|lifeline|samaritans|warmline|warm line|"
    r"text line|textline|crisis text|shout|988|befrienders|papyrus|childline|mind|out of hours|emergency services|"
    r"crisis team|ambulance|nhs|111|pieta|beyond blue|kids helpline|suicide (?:prevention|crisis)|trevor|trans lifeline|"
    r"pinned|freephone|free phone|toll free|24/7|24 hours|any time day or night"
)
# Markers that the number is the writer's own, even with a helpline word nearby.
PERSONAL = r"(?<![a-z])(?:my (?:number|mobile|cell|phone|digits)|text me|call me|ring me|whatsapp me|reach me|me on)(?![a-z])"

# Known crisis-line numbers (digits only). Posting these is always welcome.
HELPLINE_NUMBERS = frozenset(
    {
        "988",
        "116123",
        "741741",
        "85258",
        "131114",
        "0800543354",
        "1737",
        "08001111",
        "0800585858",
        "03001233393",
        "50808",
        "1800247247",
        "18002738255",
        "18334564566",
        "0800068141",
        "08000684141",
        "1300224636",
        "1800551800",
        "0508828865",
        "0800376633",
        "999",
        "911",
        "112",
        "000",
        "111",
    }
)

# Role mailboxes of an organisation ("feedback@...") are official contacts, not personal ones.
ROLE_MAILBOXES = (
    r"feedback|support|info|help|hello|contact|admin|team|office|enquiries|enquiry|noreply|no-reply|groups?|"
    r"mods?|moderators?|facilitators?|safeguarding|privacy|complaints|referrals?|bookings?|events|volunteer|volunteers"
)

# Digits spelled out as words ("five five five, oh one four two").
NUMBER_WORDS = r"zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|triple"
