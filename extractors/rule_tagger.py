"""The rule tagger: metrics for the scanner's candidates, from patterns kept as data.

A candidate's metric comes from the clause before it (受理申请21件), else the
noun after it (共收到21件政府信息公开申请), else the wider sentence; within a
clause the most specific rule wins (法人申请 before 收到申请).  Breakdowns
(其中政策文件13条) get the total they are part of as ``parent``, nested where
the text nests them (428条，分别为…).  Negations (未收到申请, 未发生行政复议、
行政诉讼) become zero claims, one per metric they cover.

Everything is regular expressions over short clauses: a whole report takes a
few milliseconds, and no segmenter has to be loaded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from extractors import patterns as P
from extractors.candidates import Candidate, section_view, sentence_candidates
from extractors.textview import TextView
from gidar.domain import EXACT, Claim, Document, Section
from gidar.taxonomy import METRICS

_RULES = tuple((rule[0], rule[1], re.compile(rule[2]), rule[3], re.compile(rule[4]) if len(rule) > 4 else None,
                rule[5] == "sentence" if len(rule) > 5 else False)
               for rule in P.METRIC_RULES)
_TOPICS = tuple((t[0], re.compile(t[1]), t[2] if len(t) > 2 else None) for t in P.OTHER_TOPICS)
_RIGHT = tuple((name, metric, re.compile(rx)) for name, metric, rx in P.RIGHT_NOUN_RULES)
_RECEIVED_AFTER = next(n for n, (name, _, _) in enumerate(_RIGHT) if name == "received_after")
_RIGHT_BEFORE_REQUESTS, _RIGHT_REQUESTS_ON = _RIGHT[:_RECEIVED_AFTER], _RIGHT[_RECEIVED_AFTER:]
_RIGHT_NOUN_UNITS = ("件", "条", "篇", "起", "宗", "个", "项", None)
_NEGATIONS = tuple((name, metric, re.compile(rx)) for name, metric, rx in P.NEGATIONS)
_PROACTIVE = re.compile(P.PROACTIVE_TOTAL)
_PROACTIVE_STRONG = re.compile(r"主动公开|信息|内容|文件|动态|稿件|数据|政务")
_RECEIVED_FALLBACK = re.compile(P.RECEIVED_FALLBACK)
_REMAINDER_CUE = re.compile(P.REMAINDER_CUE)
_CARRIED_LATER = re.compile(P.CARRIED_LATER)
_OUTCOME_AFTER = tuple((outcome, re.compile(rx)) for outcome, rx in P.OUTCOME_AFTER)
_LITIGATION_TOPIC = re.compile(P.LITIGATION_TOPIC)
_REVIEW_TOPIC = re.compile(P.REVIEW_TOPIC)
_CHANNEL = re.compile(r"通过|依托|利用|在[^，。；]{0,12}?(?:网站|平台|公众号|微博|栏)")
CONTEXT_REACH = 300  # characters of a sentence a rule may look at on each side of its number
_REQUEST_CONTEXT = re.compile(r"申请")
_ALL_OF_THEM = re.compile(r"^[^，。；]{0,6}?(?:均|全部|都|皆)")  # 3件均维持: the outcome of all, the count a total
_CUE_AT_START = re.compile(rf"^[，,：:；;（(\s]*(?:{P.PART_CUE_RE.pattern})")
_DOC_UNITS = {"条", "篇", "件", "项", "则", None}
# A character every negation pattern needs (未, 无, 没有, 不予, 为零, 均为0 …).
_NEGATION_WORD = re.compile(r"[未无没不零0]")


@dataclass(frozen=True)
class _Assignment:
    metric: str
    pattern: str
    score: float
    topic: str | None = None


def _last_break(text: str) -> int:
    starts = [m.end() for m in P.CLAUSE_BREAK_RE.finditer(text)]
    return starts[-1] if starts else 0


def _match_rules(text: str, unit: str | None, before: str, sentence: str) -> _Assignment | None:
    """The first rule whose pattern is in ``text`` and whose context is in the sentence before the
    number (or, for a rule so marked, anywhere in the sentence: 属于内部事务信息的1件，均不予公开)."""
    for name, metric, rx, units, context, whole_sentence in _RULES:
        if unit not in units:
            continue
        if rx.search(text) and (context is None or context.search(sentence if whole_sentence else before)):
            return _Assignment(metric, name, 0.9)
    return None


def _assign(sentence: str, cand: Candidate, window_start: int, left_owned: bool = False) -> _Assignment | None:
    """The metric of one candidate, from its clause, the noun after it, or its wider window.

    ``left_owned``: the text before this number is the noun of the previous one (24件新收申请、2件上年结转申请),
    so the noun after this number is read first.
    """
    # Rules look at most CONTEXT_REACH characters either side: a run-on "sentence" of a badly extracted
    # text must not make every number rescan everything before it.
    reach_start = max(0, cand.local_start - CONTEXT_REACH)
    window = sentence[max(window_start, reach_start):cand.local_start]
    clause = window[_last_break(window):]
    clause = clause[clause.rfind("）") + 1:]  # 复议3件（结果纠正）、行政诉讼0件: the bracket was the count before's
    if not clause.strip() and window.rstrip().endswith(("：", ":")):  # 发布条数：284, 收到：6件
        window = window.rstrip()[:-1]
        clause = window[_last_break(window):]
    around = sentence[reach_start:cand.local_start]  # a rule's context: the sentence before the number
    right = sentence[cand.local_end:cand.local_end + CONTEXT_REACH]
    sentence = around + sentence[cand.local_start:cand.local_end] + right  # the sentence as far as rules see it
    requests_ok = bool(_REQUEST_CONTEXT.search(sentence))
    after = _right_noun(right, around, cand.unit) if left_owned else None
    if after:
        return after
    found = _match_rules(clause, cand.unit, around, sentence)
    if found and found.pattern in ("review", "litigation") and not _ALL_OF_THEM.match(right):
        state = _outcome_after(right, around, cand.unit)  # 复议案件尚有2件未审结: the state after the count
        if state is not None and state.metric.endswith(".pending"):
            return state
    if found:
        return found
    if _REMAINDER_CUE.search(clause) and _CARRIED_LATER.search(right):
        return _Assignment("requests.carried_forward", "remainder_carried", 0.85)
    if not left_owned:  # (when it was, the noun after was read first and named nothing)
        after = _right_noun(right, around, cand.unit)
        if after:
            return after
    if P.FILLER_CLAUSE_RE.match(clause) and clause != window:  # 信息主动公开的数量，全年是132条: the clause before
        clause = window[_last_break(window[:len(window) - len(clause) - 1]):]
        found = _match_rules(clause, cand.unit, around, sentence)
        if found:
            return found
    for topic, rx, units in _TOPICS:
        if rx.search(clause) and (units is None or cand.unit in units) and (topic != "推送期数" or cand.unit == "期"):
            return _Assignment("other", "topic", 0.8, topic)
    m = None if "申请" in clause else _PROACTIVE.search(clause)
    if m and cand.unit in P.PROACTIVE_UNITS and (_PROACTIVE_STRONG.search(m.group()) or cand.unit != "项"):
        obj = clause[m.start():]
        if P.CATEGORY_RE.search(obj) and not P.GENERAL_INFO_RE.search(obj):
            # 主动公开涉企政策文件64份: one category of what was published, not the whole
            return _Assignment("proactive.part", "category_part", 0.75)
        return _Assignment("proactive.total", "proactive_total", 0.85)
    if cand.unit in ("人", "人次", "名", "位", "万人次") and not requests_ok:
        return _Assignment("other", "topic", 0.7, "人数")  # 参训12人次: people are never a table cell
    if requests_ok and cand.unit in ("件", "件次", "条", "个", "项", None) and _RECEIVED_FALLBACK.search(clause):
        return _Assignment("requests.received", "received_fallback", 0.6)
    found = _match_rules(window, cand.unit, around, sentence)
    if found:
        return replace(found, score=0.7, pattern=found.pattern + "_far")
    return None


def _right_noun(right: str, before: str, unit: str | None) -> _Assignment | None:
    """The metric named after the count: an outcome of reviews or lawsuits, else a noun rule."""
    found = _outcome_after(right, before, unit)
    if found:
        return found
    nouns = unit in _RIGHT_NOUN_UNITS
    for name, metric, rx in _RIGHT_BEFORE_REQUESTS if nouns else ():
        if rx.search(right):
            return _Assignment(metric, name, 0.85)
    # before a bare 申请 after the count is read as a count of requests received
    later = _outcome_later(right) if unit in P.COUNT_UNITS else None
    if later:
        return later
    for name, metric, rx in _RIGHT_REQUESTS_ON if nouns else ():
        if rx.search(right):
            return _Assignment(metric, name, 0.85)
    return None


_OUTCOMES_LATER = tuple((metric, re.compile(rx)) for metric, rx in P.OUTCOMES_LATER)


def _outcome_later(right: str) -> _Assignment | None:
    """对6件涉及第三方个人信息的申请作出部分公开: a count of requests whose outcome comes later in the clause."""
    if not P.REQUEST_REFERENCE_RE.match(right):
        return None
    stop = P.OUTCOME_LATER_STOP_RE.search(right)
    span = right[:stop.start() if stop else 60][:60]
    for metric, rx in _OUTCOMES_LATER:
        if rx.search(span):
            return _Assignment(metric, "outcome_later", 0.75)
    return None


def _outcome_after(right: str, before: str, unit: str | None) -> _Assignment | None:
    """另1起尚在审理中: an outcome named after the count, of whichever of 复议 and 诉讼 the sentence is on."""
    if unit not in P.COUNT_UNITS:
        return None
    topic = "litigation" if _LITIGATION_TOPIC.search(before) else "review" if _REVIEW_TOPIC.search(before) else None
    if topic is None:
        return None
    for outcome, rx in _OUTCOME_AFTER:
        if rx.search(right):
            return _Assignment(f"{topic}.{outcome}", f"{outcome}_after", 0.8)
    return None


def _year(text_before: str) -> int | None:
    years = P.YEAR_RE.findall(text_before)
    return int(years[-1]) if years else None


def _scope(text_before: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group() for m in P.SCOPE_RE.finditer(text_before)))


def _compatible(unit_a: str | None, unit_b: str | None) -> bool:
    return unit_a == unit_b or (unit_a in _DOC_UNITS and unit_b in _DOC_UNITS)


def _nest(values: list[Decimal], cues: list[bool], segments: list[int], target: Decimal | None) -> list[int]:
    """Parent position (within the list, -1 for the total) of each breakdown item.

    An item owns the items that follow it when the text says so (428条，分别为…)
    or when they add up to it exactly and the remaining items then add up to
    the total.  Owned items may nest again.
    """
    parents = [-1] * len(values)

    def owned(i: int, end: int) -> int:
        """How many items after ``i`` (before ``end``) belong to it."""
        total = Decimal(0)
        for j in range(i + 1, end):
            total += values[j]
            if total == values[i] and j > i + 1:
                return j - i
            if total > values[i]:
                break
        if cues[i]:
            return sum(1 for j in range(i + 1, end) if segments[j] == segments[i])
        return 0

    def walk(lo: int, hi: int, parent: int, want: Decimal | None) -> None:
        i = lo
        while i < hi:
            k = owned(i, hi)
            if k and not cues[i] and want is not None:
                top = sum(values[lo:hi]) - sum(values[i + 1:i + 1 + k])
                k = k if top == want else 0
            parents[i] = parent
            if k:
                walk(i + 1, i + 1 + k, i, values[i])
            i += 1 + k

    walk(0, len(values), -1, target)
    return parents


def _sentence_claims(document: Document, view: TextView, s0: int, s1: int, cands: list[Candidate],
                     open_total: int | None, claims: list[Claim]) -> int | None:
    """Append the claims of one sentence to ``claims``; return the proactive total left open."""
    sentence = view.text[s0:s1]
    sent_start, sent_end = view.source_span(s0, s1)
    if open_total is not None and not _CUE_AT_START.match(sentence):
        open_total = None
    breakdown: list[tuple[int, Candidate]] = []  # (claim index, candidate) of parts of open_total
    first = len(claims)
    prev_end, listing, orphans, owned = 0, False, False, False
    respectively = _respectively(sentence, cands)
    spans: dict[int, tuple[int, int]] = {}  # claim index → where its number is in the sentence
    for n, cand in enumerate(cands):
        found = respectively.get(n) or _assign(sentence, cand, prev_end, owned)
        gap_before = sentence[prev_end:cand.local_start]
        gap_after = sentence[cand.local_end:cands[n + 1].local_start] if n + 1 < len(cands) else ""
        if n not in respectively and _TOTAL_AFTER_LIST.match(gap_before[_last_break(gap_before):]):
            found = _total_of(claims[first:]) or found
        # 24件新收申请、2件上年结转申请: the noun after this count is this count's, not the next one's
        owned = found is not None and found.pattern.endswith("_after") and bool(_NOUN_THEN_NEXT.match(gap_after))
        prev_end = cand.local_end
        if open_total is not None and found is not None and (
                (found.metric == "other" and _own_clause(sentence[max(0, cand.local_start - CONTEXT_REACH):cand.local_start]))
                or (found.metric == "proactive.total" and _sibling_channel(sentence, spans.get(open_total), cand))):
            # 发布政策解读12篇 after its own semicolon, 另有解读材料36篇, 通过公众号推送1027条 after
            # 通过网站发布2458条: a statement of its own, not a part of the open total
            _close_breakdown(claims, breakdown, open_total, sentence)
            open_total, breakdown = None, []
        if found is not None and found.pattern == "total_after_list":
            pass  # 总计316条 closes the list before it
        elif open_total is not None and _compatible(claims[open_total].unit, cand.unit) and (
                found is None or found.metric == "proactive.total"
                or (found.metric == "other" and found.topic not in _NEVER_PARTS)):
            found = _Assignment("proactive.part", "breakdown", 0.85)
        elif (listing or orphans) and cand.unit in _DOC_UNITS and (found is None or found.metric == "proactive.total"):
            found = _Assignment("proactive.part", "orphan_part" if orphans else "list_part", 0.7)
        elif open_total is None and (found.metric == "proactive.total" if found else cand.unit in _DOC_UNITS):
            found = _unstated_total(found, gap_before, gap_after, listing)
        if found is not None:
            orphans = found.pattern == "orphan_part" or (orphans and found.metric == "proactive.part")
        listing = found is not None and found.pattern in ("list_part", "orphan_part", "category_part") and "、" in gap_after
        if found is None:
            continue
        before = sentence[max(0, cand.local_start - CONTEXT_REACH):cand.local_start]
        claim = Claim(metric=found.metric, value=cand.value, start=cand.start, end=cand.end,
                      text=cand.text, unit=cand.unit, bound=cand.bound, year=_year(before),
                      scope=_scope(before), tagger="rule", score=found.score, topic=found.topic,
                      pattern=found.pattern, sentence_start=sent_start, sentence_end=sent_end)
        claims.append(claim)
        spans[len(claims) - 1] = (cand.local_start, cand.local_end)
        if found.metric == "proactive.total":
            _close_breakdown(claims, breakdown, open_total, sentence)
            open_total, breakdown = len(claims) - 1, []
        elif found.metric == "proactive.part":
            breakdown.append((len(claims) - 1, cand))
    _close_breakdown(claims, breakdown, open_total, sentence)
    _sibling_channels(claims, spans, sentence)
    _channel_sum(claims, spans, sentence)
    _negations(view, s0, s1, sentence, sent_start, sent_end, claims, first)
    return open_total


_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达)")
_LIST_SPLIT = re.compile(r"[、和及与]|以及")
_BETWEEN_LISTED = re.compile(r"^[\s、，,和及与]*$")
_NOUN_THEN_NEXT = re.compile(r"^[^，。；]{0,14}?(?:[、，]|[和及与])\s*$")
_TOTAL_AFTER_LIST = re.compile(r"^\s*(?:[一二三四五六七八九十两\d]+项)?(?:全年|以上)?(?:合计|总计|共计|总共|共)\s*$")


def _respectively(sentence: str, cands: list[Candidate]) -> dict[int, _Assignment]:
    """予以公开、部分公开、无法提供的申请分别为22件、7件和16件: the i-th count is the i-th item named."""
    m = _RESPECTIVELY.search(sentence)
    if not m:
        return {}
    head = sentence[:m.start()]
    label = head[_last_break(head):]
    after = [n for n, c in enumerate(cands) if c.local_start >= m.end()]
    if not after:
        return {}
    metrics: list[str] = []
    for piece in _LIST_SPLIT.split(label):
        found = _match_rules(piece, cands[after[0]].unit, head, sentence) if piece.strip() else None
        if found is None:
            continue
        if not metrics or metrics[-1] != found.metric:  # 法人和其他组织申请: one item split in two
            metrics.append(found.metric)
    if len(metrics) < 2 or len(after) < len(metrics):
        return {}
    run = after[:len(metrics)]
    if any(not _BETWEEN_LISTED.match(sentence[cands[a].local_end:cands[b].local_start]) for a, b in zip(run, run[1:])):
        return {}
    return {n: _Assignment(metric, "respectively", 0.9) for n, metric in zip(run, metrics)}


def _total_of(listed: list[Claim]) -> _Assignment | None:
    """合计/总计 after a list: the total of what the sentence listed."""
    metrics = {c.metric for c in listed}
    if not metrics:
        return None
    if "proactive.part" in metrics:
        return _Assignment("proactive.total", "total_after_list", 0.85)
    for family in ("review", "litigation"):
        if all(m.startswith(family + ".") for m in metrics):
            return _Assignment(f"{family}.total", "total_after_list", 0.85)
    if len(metrics) == 1 and next(iter(metrics)) != "other":
        return _Assignment(next(iter(metrics)), "total_after_list", 0.85)
    if metrics <= _APPLICANT_KINDS:  # 法人或其他组织申请7件、个人申请5件，合计12件
        return _Assignment("requests.received", "total_after_list", 0.85)
    if metrics <= _OUTCOMES:  # 予以公开…不予处理1件，合计19件
        return _Assignment("requests.handled", "total_after_list", 0.85)
    return None


_APPLICANT_KINDS = {"requests.received_natural_person", "requests.received_legal_entity"}
_OUTCOMES = {"requests.granted", "requests.partially_granted", "requests.denied", "requests.unable",
             "requests.not_processed", "other"}


def _own_clause(before: str) -> bool:
    """Whether the text before a number opens a new statement rather than continuing a breakdown:
    the last 另有 or semicolon comes after the last 其中/包括."""
    last_cue = max((m.end() for m in P.PART_CUE_RE.finditer(before)), default=-1)
    last_new = max([before.rfind("；"), before.rfind(";")] + [m.end() for m in re.finditer(r"另有|另外|此外", before)])
    return last_new > last_cue


def _sibling_channel(sentence: str, total: tuple[int, int] | None, cand: Candidate) -> bool:
    """Whether ``cand`` is a channel's count beside the open total (its span in this sentence; None when
    it was stated in an earlier sentence), another channel's count."""
    if total is None:
        return False
    total_local = total[0]
    between = sentence[total_local:cand.local_start]
    return _names_channel(sentence[:total_local]) and _names_channel(between) and not P.PART_CUE_RE.search(between)


def _names_channel(text: str) -> bool:
    """Whether the last clause of ``text`` names where something was published (通过公众号, 在网站)."""
    return bool(_CHANNEL.search(text[_last_break(text):] or text))


def _sibling_channels(claims: list[Claim], spans: dict[int, tuple[int, int]], sentence: str) -> None:
    """Counts per channel side by side (网站发布2458条，公众号推送1027条) with no overall figure
    are parts of a total the report never states, not several totals.  ``spans``: where each of the
    sentence's claims is in ``sentence``."""
    mine = sorted(spans)
    totals = [i for i in mine if claims[i].metric == "proactive.total" and claims[i].pattern == "proactive_total"]
    if len(totals) < 2 or any(claims[i].parent in totals for i in mine):
        return
    if len(totals) != sum(1 for i in mine if claims[i].metric == "proactive.total"):
        return
    starts = [0] + [spans[i][0] for i in totals]
    if all(_names_channel(sentence[a:max(a, b)]) or _CHANNEL_NOUN.search(sentence[a:max(a, b)])
           for a, b in zip(starts, starts[1:])):
        for i in totals:
            claims[i] = replace(claims[i], metric="proactive.part", parent=None, pattern="sibling_channel")


_CHANNEL_SUM_CUE = re.compile(r"合计|共计|总计|各类平台|各(?:个)?渠道|[两三四五六七八九十\d]+个(?:渠道|平台)|以上渠道")
_CHANNEL_NOUN = re.compile(r"网站|公众号|微博|平台|专栏|公开栏|客户端|新媒体|抖音|视频号|头条号|APP|政务号")


def _channel_sum(claims: list[Claim], spans: dict[int, tuple[int, int]], sentence: str) -> None:
    """网站发布1083条，公众号推送426条，微博发布215条，三个渠道合计主动公开1724条: the channel
    counts are parts of the sum that closes the sentence, however each was read.  ``spans``: where
    each of the sentence's claims is in ``sentence``."""
    found = [i for i in sorted(spans) if claims[i].metric in ("proactive.total", "proactive.part")]
    if len(found) < 3:
        return
    *channels, last = found
    if not _CHANNEL_SUM_CUE.search(sentence[spans[channels[-1]][1]:spans[last][0]]):
        return
    starts = [0] + [spans[i][1] for i in channels]
    if not all(_CHANNEL_NOUN.search(sentence[a:spans[i][0]]) for a, i in zip(starts, channels)):
        return
    values = [claims[i].value for i in channels]
    if claims[last].value < max(values) or sum(values) > claims[last].value * Decimal("1.2"):
        return
    for i in channels:
        claims[i] = replace(claims[i], metric="proactive.part", parent=last, pattern="channel_of_sum")
    claims[last] = replace(claims[last], metric="proactive.total", parent=None, pattern="sum_of_channels")


def _unstated_total(found: _Assignment | None, gap_before: str, gap_after: str,
                    listing: bool) -> _Assignment | None:
    """Parts whose total the report never states: 其中，财政预决算16条… or 公开预决算13篇、工作动态22条."""
    clause = gap_before[_last_break(gap_before):]
    if P.TOTAL_CUE_RE.search(clause):
        return found
    if (gap_before.lstrip("，,：: ").startswith("其中") or clause.startswith("其中")) \
            and P.PUBLISHED_NOUN_RE.search(clause):
        return _Assignment("proactive.part", "orphan_part", 0.7)
    if found is not None and (listing or gap_after.startswith("、")):
        return _Assignment("proactive.part", "list_part", 0.7)
    return found


def _close_breakdown(claims: list[Claim], breakdown: list[tuple[int, Candidate]],
                     total: int | None, sentence: str) -> None:
    if total is None or not breakdown:
        return
    values = [c.value for _, c in breakdown]
    cues, segments = [], []
    for n, (_, cand) in enumerate(breakdown):
        nxt = breakdown[n + 1][1].local_start if n + 1 < len(breakdown) else len(sentence)
        cues.append(bool(_CUE_AT_START.match(sentence[cand.local_end:nxt])))
        segments.append(len(re.findall(r"[；;]", sentence[:cand.local_start])))
    for (index, _), parent in zip(breakdown, _nest(values, cues, segments, claims[total].value)):
        claims[index] = replace(claims[index], parent=total if parent < 0 else breakdown[parent][0])


def _negations(view: TextView, s0: int, s1: int, sentence: str, sent_start: int, sent_end: int,
               claims: list[Claim], first: int) -> None:
    """Zero claims for what the sentence says did not happen."""
    if not _NEGATION_WORD.search(sentence):  # most sentences: none of the patterns can match
        return
    seen = set()
    for name, metric, rx in _NEGATIONS:
        m = rx.search(sentence)
        key = name if metric == "other" else metric  # several other things may not have happened
        if not m or key in seen:
            continue
        seen.add(key)
        start, end = view.source_span(s0 + m.start(), s0 + m.end())
        if any(c.metric == metric and c.value == 0 and c.start < end and start < c.end for c in claims[first:]):
            continue  # 复议和诉讼案件数均为0: the written 0 is already that claim
        before = sentence[:m.start()]
        claims.append(Claim(metric=metric, value=Decimal(0), start=start, end=end,
                            text="",
                            unit=None, bound=EXACT, year=_year(before), scope=_scope(before),
                            tagger="rule", score=0.9, pattern=name,
                            sentence_start=sent_start, sentence_end=sent_end))


# Counts of an audience or of contacts, never a share of what was published (粉丝数9.7万, 访问量).
_NEVER_PARTS = {"关注数", "浏览量", "人数", "培训人次", "12345热线", "留言", "咨询"}
_NEW_MEDIA = re.compile(r"微信|公众号|微博|抖音|快手|视频号|头条号|新媒体|客户端|APP|门户网站|网站")


def _channels_after_total(document: Document, claims: list[Claim]) -> list[Claim]:
    """（四）平台建设：“XX发布”微信公众号全年发布信息1420条 after the year's total was stated: one
    channel's share of what was published, not a second total."""
    out, total_seen = [], False
    for claim in claims:
        if claim.metric == "proactive.total":
            before = document.text[claim.sentence_start:claim.start].translate(P.TRADITIONAL_TO_SIMPLIFIED)
            if total_seen and claim.pattern in ("proactive_total", "proactive_after") and \
                    _NEW_MEDIA.search(before[_last_break(before):]):
                claim = replace(claim, metric="proactive.part", parent=None, pattern="channel_after_total")
            total_seen = True
        out.append(claim)
    return out


def _restatements(claims: list[Claim]) -> list[Claim]:
    """A later 'total' equal to an earlier part restates that part (公众号发布111条 again)."""
    out = list(claims)
    for i, claim in enumerate(out):
        if claim.metric != "proactive.total":
            continue
        earlier_totals = {c.value for c in out[:i] if c.metric == "proactive.total"}
        same = next((j for j in range(i) if out[j].metric == "proactive.part" and out[j].value == claim.value), None)
        if same is not None and claim.value not in earlier_totals:
            out[i] = replace(claim, metric="proactive.part", parent=same, pattern="restatement")
    return out


class RuleTagger:
    """Claims of every metric of the taxonomy from narrative sections, by patterns."""

    name = "rule"
    version = "rule-1"
    metrics = tuple(METRICS)

    def tag(self, document: Document, section: Section) -> list[Claim]:
        view = section_view(document, section)
        claims: list[Claim] = []
        open_total = None
        for s0, s1, cands in sentence_candidates(document, view):
            open_total = _sentence_claims(document, view, s0, s1, cands, open_total, claims)
        claims = _channels_after_total(document, _restatements(claims))
        return [c if c.text else replace(c, text=document.text[c.start:c.end]) for c in claims]


__all__ = ["RuleTagger"]
