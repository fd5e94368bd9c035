"""General checks of whether retrieved text can answer a question, for any Assembly resolution.

Each check is a kind of question that a text can only answer if it holds a certain kind of
thing, checked against the retrieved units themselves, never against a list of what one
document lacks:
- an answer type (a figure, a date, a place, a person's name): the cited units must hold one;
- how things stand now, or how something turned out: no text adopted before can say;
- another document's content, a session after adoption, a provision no unit cites: the
  indexed texts refer to them at most.
What needs real understanding (is this paragraph an answer?) is left to the relevance score
and, later, to an LLM verifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from .corpus import MONTHS, NUMBER_WORDS, document_refs, provision_refs, session_refs, spelled
from .types import Hit

_AMOUNT = re.compile(rf"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b(?!\s*(?:{MONTHS})\b)(?!\()"
                     rf"|\b({NUMBER_WORDS})(-\w+)?\b|%|\bper ?cent\b|\b(half|third|quarter)\b",
                     re.I)
_REFERENCE = re.compile(r"\b(?:article|paragraph|para\.|part|rule|regulation|resolution|"
                        r"session|meeting|ICC-\S+|Res\.|No\.|vol\.)\s*\d[\d.()a-z]*", re.I)
_DURATION_IN_TEXT = re.compile(rf"\b(\d+|{NUMBER_WORDS}|a|one)[- ](day|week|month|year)s?\b"
                               r"|\bterm of\b|\buntil\b|\bperiod\b"
                               rf"|\bfrom \d{{1,2}} ({MONTHS})\b[^;]{{0,30}}?\bto \d{{1,2}} "
                               rf"({MONTHS})\b", re.I)
_SPAN = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})(?:-\w+)?[- ](?:day|week|month|year)s?\b", re.I)
_CALENDAR = re.compile(rf"\b(1[89]|20)\d\d\b|\b\d{{1,2}} ({MONTHS})\b")
_PERCENT_IN_TEXT = re.compile(r"%|\bper ?cent\b|\bpercentage\b|\b(half|halves|thirds?|quarters?|"
                              r"fifths?|majority|ratio)\b", re.I)
_DATE_IN_TEXT = re.compile(rf"\b(1[89]|20)\d\d\b|\b({MONTHS})\b|\b\w+(th|st|nd|rd)?\s+"
                           r"(session|meeting)\b|\b(annual(ly)?|every \w+ years?|"
                           r"\d+ (days|weeks|months|years)|(days|weeks|months|years))\b", re.I)
# "in New York", "at The Hague", "at the seat of the Court", "in the premises": a name, or a
# kind of place, after in/at.
_PLACE_IN_TEXT = re.compile(r"\b(?:in|at|on)\s+(?:the\s+)?(?:[A-Z][a-z]+|seat|headquarters|"
                            r"premises|site|venue|city|capital|offices?|margins?|field|region)\b"
                            # "Fifteenth session, The Hague, 16-24 November 2016"
                            r"|,\s+(?:The\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+\d")
_PERSON_IN_TEXT = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Judge|Ambassador|Prof|H\.E)\.?\s+[A-Z][a-z]+")
_STEPS_IN_TEXT = re.compile(r"\([a-z]\)\s|\bfirst(ly)?\b.*\b(second(ly)?|then)\b", re.I | re.S)
_DEFINITION_IN_TEXT = re.compile(r"\b(means|shall mean|is defined|are defined|definition|refers to|"
                                 r"understood as|that is to say)\b", re.I)
_COMPARISON_IN_TEXT = re.compile(r"\b(unlike|compared (with|to)|whereas|in contrast|differs?|"
                                 r"difference)\b", re.I)
_BINDING_IN_TEXT = re.compile(r"\b(binding|legally|obligatory|enforceable)\b", re.I)


@dataclass(frozen=True)
class AnswerType:
    """A kind of answer a question asks for, and how to tell a text that holds one."""

    name: str
    asks: re.Pattern[str]
    holds: re.Pattern[str]

    def held_by(self, text: str, given: str = "") -> bool:
        """Whether `text` holds one, beyond the figures the question itself `given` gives:
        "how many of the 7,914 applications were accepted?" is not answered by "7,914"."""
        if self.name == "figure":  # a number that counts, not one that cites
            text = _REFERENCE.sub(" ", text)
            for n in set(re.findall(r"\d[\d,.]*\d|\d", given)):
                text = re.sub(rf"(?<![\d,.]){re.escape(n)}(?![\d,]|\.\d)", " ", text)
            if given and not re.search(r"\b(day|week|month|year)s?\b|\bhow often\b|\bwhen\b",
                                       given, re.I):
                # "twelve months" counts no applications
                text = _SPAN.sub(" ", text)
        return bool(self.holds.search(text))


ANSWER_TYPES = (
    AnswerType("figure", re.compile(
        # "How much does it matter?", "how high a priority": a degree, not a figure.
        r"\bhow (many|much|large|big|high)\b(?![^?]*\b(matter|matters|priority|important|"
        r"importance|weight|emphasis|value|role|concern|care)\b)"
        r"|\bwhat(\s+(is|was|are|were)|['’]s)\s+(the\s+)?([\w'’-]+\s+){0,3}?"
        r"(?<!document )(?<!reference )(?<!symbol )(?<!case )(?<!report )(?<!paragraph )"
        r"(amount|budget|total|sum|cost|level|size|number|ceiling|threshold|interest|fee|"
        r"salary|figure|balance|value|price)s?\b"
        r"(?!\s+of\s+(the\s+)?(resolution|paragraph|document|report))",
        re.I), _AMOUNT),
    AnswerType("rate", re.compile(r"\b(what|which) (\w+ )?(percentage|rate|share|proportion)\b"
                                  r"|\bwhat per ?cent\b", re.I), _PERCENT_IN_TEXT),
    AnswerType("duration", re.compile(r"\bhow long\b|\bfor how many (days|weeks|months|years)"
                                      r"|\b(length|duration) of\b", re.I), _DURATION_IN_TEXT),
    AnswerType("date", re.compile(r"(?<!by )\b(what|which) (\w+ )?(years?|dates?|days?|months?)\b",
                                  re.I), _CALENDAR),
    AnswerType("time", re.compile(
        # "When was it adopted?", not "When the Council refers a situation, what ...?"
        r"^\s*((by|until|since|from) )?when\s+(was|were|did|will|has|have|had)\b"
        r"|\bby what date\b|\b(deadline|time limit|time-?frame|timeline)s?\b",
        re.I), _DATE_IN_TEXT),
    AnswerType("place", re.compile(
        r"\b(in|at) (which|what) (country|city|place|town|venue|location)\b"
        r"|\bwhat (country|city|town|venue|location)\b"
        r"|\bwhere\b[^?.]{0,80}?\b(held|hold|meet|met|take place|took place|located|based|"
        r"hosted|convene[sd]?|headquartered|sit|sits|situated)\b", re.I), _PLACE_IN_TEXT),
    AnswerType("names", re.compile(
        r"^\s*who (\w+ly )?(chaired|chairs|led|leads|headed|heads|presided|presides|signed|won|"
        r"served|serves|acted|acts|will act|will serve|is serving|was serving)\b"
        r"|^\s*who (is|was|are|were|will be|has been)( \w+){0,2}? (the |its )?(current |present )?"
        r"(president|prosecutor|"
        r"registrar|chair\w*|facilitators?|focal points?|head|director|coordinator|judges?|"
        r"members?|experts?)\b|\b(names?|identity|identities) of (the )?(\w+ ){0,4}?"
        r"(person|individual|official|judge|candidate|expert|member|chair|president|facilitator|donor|compan)\w*"
        r"|\bwhich (persons?|individuals?|people|compan(y|ies)|firms?|corporations?|"
        r"businesses)\b", re.I), _PERSON_IN_TEXT),
    # "What did the Committee recommend at its session?", "what were the review's findings?":
    # a text that only takes note of a report does not say what is in it.
    AnswerType("account of what was recommended or found", re.compile(
        r"\bwhat (exactly |specifically |specific )?(did|does|do) (?!(the |this )?(resolution|"
        r"text|assembly|preamble|paragraph|operative|it\b))[^?]{1,60}?\b(recommend|conclude|"
        r"find|propose|suggest)\b"
        r"|\bwhat (were|are|was|is) the (main |key |specific |principal )?(findings|"
        r"conclusions|recommendations|results|outcomes?)\b"
        r"|\bwhat (specific |main |key )?(conclusions|findings|recommendations)\b[^?]{0,40}"
        r"\b(came|come|make|made|did|were)\b", re.I),
        re.compile(r"\b(recommend|conclu|find|found|propos|suggest)\w*\b[^;]{0,120}?\bthat\b"
                   r"|[“\"]|:\s*\(a\)", re.I)),
    AnswerType("address", re.compile(
        r"\b(what|which)(['’]s| is| are| was)? (the |its )?(web ?site|url|e-?mail( address)?|"
        r"web address|internet address)\b|\b(web ?site|url|web address|e-?mail) (of|for)\b",
        re.I), re.compile(r"https?://|www\.|@\w")),
    AnswerType("selection procedure", re.compile(
        r"\bhow (is|are|was|were|will|do|does) [^?]{0,60}?\b(be )?(elected|chosen|appointed|"
        r"selected|nominated|elect|choose|appoint|select)\b", re.I),
        re.compile(r"\b(elect|appoint|select|nominat|choos|chose)\w*", re.I)),
    AnswerType("list of steps", re.compile(
        r"\bstep[- ]by[- ]step\b|\bthe steps (of|in)\b|\bwalk (me|us) through\b"
        r"|\bhow (does|do|would) (the |that |this )?(\w+ ){0,4}?(procedures?|mechanisms?|"
        r"process(es)?) (actually )?work\b", re.I), _STEPS_IN_TEXT),
    AnswerType("definition", re.compile(
        r"\bwhat (exactly )?(counts as|is meant by|qualifies as)\b|\bhow (is|are) [^?]{1,40} "
        r"defined\b|\bdefinition of\b|\bdefine[sd]?\b|\bwhat does [^?]{1,40} mean\b", re.I),
        _DEFINITION_IN_TEXT),
    AnswerType("comparison", re.compile(
        r"\b(differ|differs|difference between|compared? (with|to)|comparison)\b",
        re.I), _COMPARISON_IN_TEXT),
    AnswerType("statement of legal force", re.compile(
        r"\b(legally binding|binding on|is (it|this|the \w+) binding|enforceable|obligatory)\b",
        re.I), _BINDING_IN_TEXT),
)

# How things stand now, which a text adopted before cannot say ("how much does it hold today").
_NOW = re.compile(r"\b(today|nowadays|current|currently|at present|presently|right now|as of now|"
                  r"these days|so far|to date|up to now|by now|latest)\b", re.I)
# Facts of the world as against the text's words: "how much did the Court actually spend".
_IN_FACT = re.compile(r"\b(did|had)\b[^?]{0,60}\b(actually|really|in practice|in reality)\b"
                      r"|\b(actually|really) (been|happened)\b", re.I)
# How something turned out after adoption.
_OUTCOME = re.compile(
    r"\b(what (happened|came) (next|after|of|since)|turned out|in the end|ended up|"
    r"eventually|ultimately|(what|which) (was|were|is|are) the (final )?(outcomes?|results?)|"
    r"did (it|they|this|that) (work|succeed|pay off)|"
    r"(was|were|has|have|had) (it|this|that|they|these|those|the \w+( \w+)?) "
    r"(been )?(successful|implemented|achieved|met|completed|carried out|resolved)|"
    r"did [\w\s]{1,40}? (comply|follow through|deliver|succeed))\b", re.I)
_SELF = re.compile(r"\b(this|the|present|current)\b(\s+[\w-]+){0,3}?\s+(resolution|text|document|"
                   r"preamble)\b"
                   r"|\b(according to|per) (it|the text)\b", re.I)
# "What does ICC-ASP/10/Res.5 say?": the content of a document.
_CONTENT = re.compile(r"\b(what|which)\b[^?]{0,30}\b(say|says|said|provide[sd]?|contain[s]?|"
                      r"state[sd]?|set[s]? out|require[sd]?|establish(es|ed)?|stipulate[sd]?|"
                      r"in it|inside)\b|\bsummar(y|ise|ize)\b|\bcontents? of\b", re.I)
_ASP = re.compile(r"\bASP[- ]?(\d{1,2})\b")
_HAPPENED = re.compile(r"\b(happened|decided|agreed|adopted|concluded|found|resulted|took place|"
                       r"outcomes?)\b", re.I)
# What the text schedules for a later session is the text's own content.
_PLANNED = re.compile(r"\b(supposed to|going to|due|scheduled|plan\w*|will|shall|should|must|"
                      r"to (have|include|submit|report|consider|hold))\b", re.I)
# "When did the Assembly welcome ...?": the text's own date answers.
ASSEMBLY_ACT = re.compile(r"\b(did|does|was|were)\s+(the\s+|this\s+)?(assembly|resolution|text|"
                          r"it|states parties)\b", re.I)


# "Which countries have ...", "name the suspects": the answer is a list of names.
_ASKS_NAMES = re.compile(
    r"\b(which|what) (specific |particular |individual |exact |actual )?(suspects?|cases?|"
    r"situations?|compan(y|ies)|firms?|donors?|tribunals?|candidates?|leaders?|"
    r"heads? of state|delegations?)\b"
    # "which States must cooperate?" is answered by a kind of State; a named one is asked
    # for only with a word that says so
    r"|\b(which|what) (specific|particular|individual|exact|actual) (countries|country|states?|"
    r"governments?|organi[sz]ations?|ngos|groups?|persons?|individuals?|people)\b"
    r"|\bname (the|any|all|which)\b|\bnames of\b|\b(by|their|its) names?\b"
    # "which three States ...", "which 31 States": as many names as that
    rf"|\bwhich (\d+|{NUMBER_WORDS}) (\w+ )?(countries|states|governments|organi[sz]ations|"
    r"donors|judges|candidates|people|persons|members)\b"
    # acts of States or people in the world, by name: "which countries voted against"
    r"|\bwhich (countries|states|governments|organi[sz]ations|donors)( parties)? (voted|signed|"
    r"ratified|contributed|paid|joined|withdrew|pledged|hosted|donated|acceded|lost|chose|"
    r"elected|appointed|nominated|served|won|gave|sent|took part|participated|attended|"
    r"were (chosen|selected|elected|appointed|named))\b"
    r"|\bwho (was|were|is|are|will be|has been|have been)\b[^?]{0,60}\b(appointed|elected|"
    r"chosen|selected|designated|nominated|named)\b"
    r"|\bwho (did|does|will) [^?]{0,40}\b(elect|appoint|choose|select|designate|nominate)\b"
    r"|\bwho are the (\w+ )?(people|persons|individuals|members|experts|judges|candidates)\b"
    # "which States have signed ...", "which State was selected": facts of the world, by name
    r"|\bwhich (countries|states|governments|organi[sz]ations) (have|has|had|did|were)\b"
    r"|\bwhich (country|state|government|organi[sz]ation) (was|is|has|had|did|will|\w+ed)\b", re.I)
# Names of bodies, funds, instruments: not what "which countries ...?" asks for.
_INSTITUTION = re.compile(r"\b(Court|Assembly|Council|Committee|Conference|Bureau|Fund|Project|"
                          r"Office|Group|Groups|Agreement|Statute|Declaration|Convention|Report|"
                          r"Programme|Mechanism|Section|Secretariat|Registry|Chamber|Board|"
                          r"Nations|Union|Rules|Regulations|Strategy|Plan)$")
_ASKS_STATES = re.compile(r"\b(countr(y|ies)|states?|governments?)\b", re.I)
_NAME = re.compile(rf"(?<![.:;]\s)\b(?!(?:{MONTHS})\b)[A-Z][a-z]{{2,}}"
                   r"(?:\s+(?:of\s+|the\s+|for\s+)*[A-Z][a-z]+)*\b(?![./]?\s*\d)")


def asks_names(question: str) -> bool:
    return bool(_ASKS_NAMES.search(question))


def names(text: str, common: Collection[str], question: str) -> list[str]:
    """Proper names a text gives (a capitalised name, not opening a sentence, not one of the
    document's `common` names such as "States Parties" or "the Court", not already in the
    question): what "which countries ...?" needs for an answer."""
    asked = {w[:5] for w in re.findall(r"[a-z]+", question.lower()) if len(w) > 3}
    states = bool(_ASKS_STATES.search(question))
    return [m.group(0) for m in _NAME.finditer(text) if m.start() > 0
            and m.group(0).split()[0].lower() not in common
            and not any(w.lower()[:5] in asked for w in m.group(0).split())
            and not (states and _INSTITUTION.search(m.group(0)))]


def common_names(texts: Sequence[str]) -> set[str]:
    """Capitalised words found in more than two units of a document: its standing cast (the
    Court, the Assembly, States Parties), not names that answer "which ...?"."""
    df: dict[str, int] = {}
    for t in texts:
        for w in {m.group(0).split()[0].lower() for m in _NAME.finditer(t)}:
            df[w] = df.get(w, 0) + 1
    return {w for w, n in df.items() if n > 2}


# "List the sixty-six recommendations": dozens of items a text counts but does not set out.
_MANY = re.compile(rf"\b(list|name|enumerate|give|set out|spell out|what are)\b(?! of\b)"
                   rf"[^?]{{0,20}}?\b(?P<n>\d{{2,3}}|(?:{NUMBER_WORDS})(?:-\w+)?)\s+"
                   rf"(?P<what>(\w+\s+)?\w+s)\b", re.I)


def many_items(question: str, hits: Sequence[Hit]) -> str:
    """The items asked for ("sixty-six recommendations") when there are more (ten or more)
    than the retrieved units set out as sub-paragraphs."""
    m = _MANY.search(question)
    if not m:
        return ""
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else spelled_value(n)
    listed = max((len(re.findall(r"(?:^|\s)\([a-z]{1,4}\)\s", h.unit.text)) for h in hits[:3]),
                 default=0)
    return f"{m.group('n')} {m.group('what')}" if count >= 10 and listed < count else ""


def spelled_value(words: str) -> int:
    """"sixty-six" -> 66 (what `spelled` writes); 0 for anything else."""
    return next((n for n in range(1, 100) if spelled(n) == words), 0)


# "Which dates does the resolution mention?": an inventory of the text, whatever its words.
_INVENTORY = re.compile(r"\b(which|what|list( all)?( the)?|any)\s+(\w+\s+)?(?P<kind>dates|figures|"
                        r"amounts|places)\s+(does|do|are|appear|is)\b[^?]{0,15}?\b(the|this) "
                        r"(resolution|text|document)\b(?![^?]*\bfor\b)", re.I)


def inventory(question: str) -> AnswerType | None:
    """The kind of thing asked for when the question lists the text's dates, figures or
    places; a calendar date, for an inventory, not a session."""
    m = _INVENTORY.search(question)
    if not m:
        return None
    kind = m.group("kind").lower()
    if kind == "dates":
        return ANSWER_TYPES[[t.name for t in ANSWER_TYPES].index("date")]
    return next(t for t in ANSWER_TYPES if t.name == ("place" if kind == "places" else "figure"))


def expected_types(question: str) -> list[AnswerType]:
    return [t for t in ANSWER_TYPES if t.asks.search(question)]


def known_references(texts: Collection[str], symbols: Collection[str]) -> frozenset[str]:
    """Documents, provisions and sessions the indexed texts are or cite."""
    return frozenset(symbols) | {r for t in texts for r in
                                 document_refs(t) + provision_refs(t) + session_refs(t)}


def foreign_documents(question: str, known: Collection[str]) -> list[str]:
    """Document symbols, resolutions by number and sessions ("ASP13") in the question that no
    indexed text is or cites."""
    def known_symbol(s: str) -> bool:  # "ASP/11" is part of "ICC-ASP/11/Res.5"
        return any(s == k or f"-{s}" in k or f"{s}/" in k for k in known)

    return [s for s in document_refs(question) if not known_symbol(s)] + \
        [m.group(0) for m in _ASP.finditer(question) if f"session {m.group(1)}" not in known]


def uncited_provisions(question: str, known: Collection[str]) -> list[str]:
    """Provisions the question asks about ("what does article 98 say") that no text cites."""
    if not _CONTENT.search(question):
        return []
    return [p for p in provision_refs(question) if p not in known]


# "What does the UN Charter say", "what exactly does article 48 grant": an instrument named
# (by a document noun or a provision) as the subject of a verb of content.
_INSTRUMENT = re.compile(
    r"\b(?i:what|which|how)\b[^?]{0,40}?\b(?i:do|does|did)\s+(?P<doc>(?:the\s+|its\s+)?[^?]{0,60}?"
    r"\b(?:Charter|Statute|Convention|Covenant|Agreement|Treaty|Declaration|Protocol|Rules|"
    r"Regulations|[Ss]cheme|[Pp]lan|[Gg]uidelines|[Pp]rinciples|[Rr]ecommendations|[Rr]eport|"
    r"[Pp]olicy|[Ss]trategy|(?:article|rule|regulation)s?\s+\d+)(?:\s+of the [\w ]{1,30}?)?)"
    r"\s+(?:actually\s+|exactly\s+|really\s+)?(?i:say|says|provide|provides|require|requires|"
    r"contain|contains|state|states|set out|establish|grant|grants|allow|allows|"
    r"guarantee|mean|recommend|define)\b")


def cited_document(question: str, hits: Sequence[Hit], held: Collection[str],
                   titles: Collection[str] = ()) -> str:
    """A document the question asks the content of, which the index does not hold: "what does
    ICC-ASP/10/Res.5 say about ...?", "what does the UN Charter say", "what exactly does
    article 48 grant" (the texts cite such instruments; none reproduces them)."""
    if _SELF.search(question):
        return ""
    if _CONTENT.search(question):
        for symbol in document_refs(question):
            if symbol not in held and not any(symbol in h for h in held):
                return symbol
    m = _INSTRUMENT.search(question)
    if not m:
        return ""
    # A text that quotes the instrument ("the report ... that “...”") does reproduce some of it.
    key = m.group("doc").split()[-1].lower()
    quoted = any(("“" in h.unit.text or '"' in h.unit.text) and key in h.unit.text.lower()
                 for h in hits[:3])
    # A provision the text cites may be what the text says about it ("what does article 48
    # say about officials?" is its paragraph on article 48), unless its exact terms are asked.
    provision = re.search(r"\b(article|rule|regulation)s?\s+\d+", m.group("doc"), re.I)
    if provision and not re.search(r"\b(exactly|actually|precisely|wording|verbatim|word for "
                                   r"word|in full)\b", question, re.I):
        return ""
    if not quoted and not any(t.lower() in m.group("doc").lower() for t in titles):
        return m.group("doc").strip()
    return ""


def later_session(question: str, hits: Sequence[Hit]) -> str:
    """A session the question asks about, held after the top document was adopted."""
    own = session_refs(hits[0].unit.doc) if hits else []
    if not own or not _HAPPENED.search(question) or _PLANNED.search(question):
        return ""
    adopted = int(own[0].split()[-1])
    named = session_refs(question) + [f"session {m.group(1)}" for m in _ASP.finditer(question)]
    return next((s for s in named if int(s.split()[-1]) > adopted), "")


def asks_now(question: str) -> bool:
    """How things stand now (a figure, a person, a status), not what the text says."""
    return bool(_NOW.search(question)) and not _SELF.search(question) and \
        bool(expected_types(question) or re.search(r"\b(status|state of play|still)\b",
                                                   question, re.I))


def asks_outcome(question: str) -> bool:
    """How something turned out, or what was "actually" done: facts after or beyond the
    text."""
    return bool(_OUTCOME.search(question) or _IN_FACT.search(question)) and \
        not _SELF.search(question)


_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*")


def unknown_names(question: str, words: Sequence[Collection[str]],
                  rare: Callable[[str], bool]) -> list[str]:
    """Proper names in the question that the text never uses: capitalised words (not the
    first) absent from `words` (each retrieved document's words, lower case) that are no common
    English word (`rare`: the model's tokenizer splits them, as it does "Lubanga", not "Minister").
    A question about a person, case or place the text never names is not one it answers."""
    found = []
    for m in _CAPITALISED.finditer(question):
        if m.start() == 0 or question[:m.start()].rstrip()[-1:] in ".?!:\"“(-–—":
            continue
        for part in m.group(0).split("-"):
            low = part.lower()
            if len(low) > 3 and not any(low in w for w in words) and rare(low):
                found.append(m.group(0))
                break
    return found
