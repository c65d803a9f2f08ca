"""Runs of weeks a layout (tracks.py) works out in one go rather than week by week: weeks in
which no step starts or ends and every step takes what it took the week before, or an even share
of a span. The layout asks for them in most weeks; each run is exactly what stepping gives.
And how one week's budget is shared when the asks pass it (`shares`)."""

from __future__ import annotations

# The longest schedule computed: a plan this long is a data problem (hours absurd for the
# budget), reported by the caller rather than looped over for ever (tracks.py stops there).
MAX_WEEKS = 52 * 200


def skip_steady_weeks(
    active: list[int],
    left: list[int],
    last: list[int],
    week: int,
    budget: int,
    want: list[int],
    given: list[int],
) -> list[int]:
    """Run, in one go, the weeks from `week` on whose shares can be worked out without stepping.

    No step starts or ends in such weeks: a step that can start has just started, and one that
    cannot will not until some step ends. Two cases are steady enough (a plan at 1 h a week
    runs for years, and an on-the-job activity for months):

    - some steps get less than they ask for (a step past its span asks for all it has left),
      and the others, within their spans, ask for the same as this week: the same shares every
      week, until an ask changes, a span's last week comes or a step would end;
    - one step past its span, short of what it asks, beside steps within their spans whose
      even shares fit their part: a step with L minutes left over w weeks gets L // w a week,
      one more in the first L % w weeks (what asking for ceil(left / weeks left) each week
      gives), until the first span's last week; the step past its span takes the rest of each
      week until it would end.

    Weeks in which every step gets all it asks are `run_even`'s (tracks.py asks it first).
    `want` and `given` are this week's asks and shares (`tracks._asks`), in the order of
    `active`. Returns the minutes used in each week skipped: none when the weeks are not steady.
    """
    # Why the shares stay the same: a step short of its even share falls further behind it, so
    # keeps asking for more than it gets; the sharing gives a step asking for more than its
    # share the same whatever it asks; the others ask for the same until their even share
    # drops by a minute. So the weeks run alike until a span's last week or a step would end.
    # (Capped at MAX_WEEKS: a skip that long is past every limit anyway.)
    weeks = MAX_WEEKS
    short = 0
    flexible = []
    for i, asked, part in zip(active, want, given, strict=True):
        ahead = last[i] - week  # the weeks of its span after this one
        if part < asked:
            short += 1
            steady = (left[i] - 1) // part if part else 0
            if ahead > 0:
                steady = min(steady, ahead)
            else:
                flexible.append(i)
        elif ahead > 0:  # the same ask (ceil(left / (ahead + 1))) for left % (ahead + 1) weeks, or all its span
            steady = left[i] % (ahead + 1) or ahead
        else:
            return []  # it ends this week
        if steady < weeks:
            weeks = steady
    if short and weeks >= 2:
        for i, part in zip(active, given, strict=True):
            left[i] -= part * weeks
        return [budget] * weeks  # a step short of its share means the budget is all given
    if not (short == len(flexible) == 1):  # (no step short: every step gets all it asks, `run_even`)
        return []
    return _skip_spread_weeks(active, left, last, week, budget, flexible[0])


def run_even(active: list[int], left: list[int], last: list[int], week: int, first: int) -> list[int]:
    """Run the weeks `week`..`first` in one go, that week included, when every active step is
    within its span, `first` is the first span's last week (after `week`) and this week's asks fit
    the budget: each step takes an even share of what it has left over its weeks left (L // w, one
    more in the first L % w weeks), as asking for ceil(left / weeks left) every week gives. Those
    asks never grow, so they fit every week, and the steps whose span ends at `first` take their
    last minutes then (they end there). Returns the minutes used in each week."""
    weeks = first - week + 1
    odd = []
    load = 0  # the minutes of the last week: every step's L // w
    for i in active:  # one pass, no generators: this runs in most weeks steps start
        q, r = divmod(left[i], last[i] - week + 1)
        load += q
        if r:
            odd.append(r)
            left[i] -= q * weeks + (r if r < weeks else weeks)
        else:
            left[i] -= q * weeks
    if not odd:
        return [load] * weeks
    # week k takes one minute more for each step whose r is over k
    odd.sort()
    loads: list[int] = []
    done = 0
    now = load + len(odd)
    for r in odd:
        if r > weeks:
            r = weeks
        if r > done:
            loads += [now] * (r - done)
            done = r
        now -= 1
    return loads + [now] * (weeks - done) if weeks > done else loads


def _skip_spread_weeks(
    active: list[int], left: list[int], last: list[int], week: int, budget: int, flexible: int
) -> list[int]:
    """The second case of `_skip_steady_weeks`: steps within their spans taking even shares, and
    one step past its span (`flexible`, short of what it asks) beside them."""
    # One pass, no generators: this runs in most weeks of every layout and probe.
    spans = []
    spread = []
    odd: list[int] = []
    asks = 0  # this week's even shares, together
    most = 0  # the largest of them
    first = MAX_WEEKS + week  # the first span's last week: from there it runs step by step
    for i in active:
        if i == flexible:
            continue
        spans.append(i)
        q, r = divmod(left[i], last[i] - week + 1)
        spread.append((q, r))
        if r:
            odd.append(r)
        ask = q + 1 if r else q
        asks += ask
        if ask > most:
            most = ask
        if last[i] < first:
            first = last[i]
    weeks = first - week
    if not spans or weeks < 2 or asks > budget:
        return []
    runs = _runs(odd, weeks, asks)
    # The shares start equal: each span's step gets all it asks only if that fits its part.
    if most > budget // len(active):
        return []
    weeks, rest = _beside(left[flexible], runs, budget)
    if weeks < 2:
        return []
    left[flexible] = rest
    loads = [budget] * weeks
    for i, (q, r) in zip(spans, spread, strict=True):
        left[i] -= q * weeks + (r if r < weeks else weeks)
    return loads


def _runs(odd: list[int], weeks: int, load: int) -> list[tuple[int, int]]:
    """The minutes the spans' steps take in each of the next `weeks` weeks, as runs of (minutes,
    weeks): a step with (q, r) = divmod(left, weeks left) takes q + 1 in its first r weeks, then q
    (`odd`: the steps' r other than 0; `load`: the first week's minutes, all steps together)."""
    runs = []
    done = 0
    for r in sorted(odd):
        if r > weeks:
            r = weeks
        if r > done:
            runs.append((load, r - done))
            done = r
        load -= 1
    if weeks > done:
        runs.append((load, weeks - done))
    return runs


def _beside(rest: int, runs: list[tuple[int, int]], budget: int) -> tuple[int, int]:
    """A step past its span with `rest` minutes takes what the spans' steps leave of each week
    (`runs`, see `_runs`): how many of those weeks pass before it would end, and the minutes it
    has left then. It ends in the week it could take all it has left, so it keeps at least 1."""
    passed = 0
    for load, length in runs:
        room = budget - load
        can = (rest - 1) // room if room else length  # the weeks it can take `room` and keep a minute
        if can < length:
            return passed + can, rest - can * room
        passed += length
        rest -= length * room
    return passed, rest


def in_spare_time(
    minutes: int,
    weeks: int,
    budget: int,
    placed: tuple[tuple[int, int, int], ...],
    load: tuple[int, ...],
    notes: tuple[tuple[int, tuple[int, ...]], ...],
    changed: int,
) -> tuple[tuple[int, ...], tuple[tuple[int, tuple[int, ...]], ...]] | None:
    """The weeks' minutes and the notes of a layout (tracks.lay_out_again) whose step `changed` now
    takes `minutes` over a span of `weeks`, when that is the layout laid out (`placed`, `load`,
    `notes`) with more or fewer minutes in that step's own weeks alone; None when it may not be.

    It is when the step ran exactly its span there and every step got all it asked in those weeks
    (each week's minutes under the budget: a week short of asks gives out the whole budget), and
    the step's new even shares still fit each week beside what the others took: then every other
    step gets what it asked, week by week, as before, and the step changed ends in the same week,
    so every step starts and ends where it did (enrich.py's usual try that fits: a course or a
    mentor's hours added where the plan left time free). No layout is stepped through for it.
    """
    _, first, final = placed[changed]
    span = final - first + 1
    if weeks != span:
        return None
    week, before = notes[changed]
    old = before[changed]  # not started then: all its minutes
    q, r = divmod(minutes, span)  # an even share of L over w weeks: L // w, one more in the first L % w
    oq, orr = divmod(old, span)
    new_load = list(load)
    taken = [minutes]  # the step's minutes left at the start of each of its weeks, then 0
    for k in range(span):
        was = load[first - 1 + k]
        if was >= budget:
            return None
        now = was - (oq + 1 if k < orr else oq) + (q + 1 if k < r else q)
        if now > budget:
            return None
        new_load[first - 1 + k] = now
        taken.append(taken[-1] - (q + 1 if k < r else q))
    out = []
    for note in notes:  # the notes taken from its first week to its last have its new minutes left
        at = note[0]
        if week <= at <= final:
            left = list(note[1])
            left[changed] = taken[at - week]
            note = (at, tuple(left))
        out.append(note)
    return tuple(new_load), tuple(out)


def shares(want: list[int], budget: int) -> list[int]:
    """Share `budget` minutes, less than `want` adds up to (`tracks._asks`): an equal part each, what one
    does not need going to the others, earliest first."""
    if len(want) == 2:
        # The level below, worked out for two (the default): a step asking no more than its half
        # gets it and the other the rest; else the earlier one gets the odd minute.
        first, second = want
        half = budget // 2
        if first <= half:
            return [first, budget - first]
        if second <= half:
            return [budget - second, second]
        return [budget - half, half]
    # Equal parts, what one does not need going to the others: a level each gets up to, found
    # from the asks in increasing order (an ask the level covers is given whole), and the minutes
    # the level leaves over, one each to the earliest steps asking more. The same shares as giving
    # out equal parts round after round (tests/planning/test_layout_shares.py), in one pass.
    spare = budget
    count = len(want)
    for asked in sorted(want):
        if asked * count > spare:
            break
        spare -= asked
        count -= 1
    level = spare // count  # count > 0: the asks add up to more than the budget
    extra = spare - level * count  # fewer than count: one more minute each for the earliest
    given = []
    for asked in want:
        if asked <= level:
            given.append(asked)
        elif extra:
            given.append(level + 1)
            extra -= 1
        else:
            given.append(level)
    return given
