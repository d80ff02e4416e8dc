"""Generated sentences: wording chosen by the data, every word from the catalogs.

Grammar rules the messages keep, so that any country name fits:
- Russian never makes the country's name the subject of a verb that would agree with it
  («Нидерланды заняли», «Эстония поднялась»): the index or the rank is the subject, or the
  name stands in a verbless construction («Казахстан — на 24-м месте»).
- Kazakh has no grammatical gender; the name stands in the nominative as the subject. Numerals
  take their case endings from mechanics.kk_suffix (%(num_abl)s in a message).
- English puts "the" before names that need it (countries.csv: en_article).
- Country sets are GroupName values: a message takes the form it needs, %(peers_gen)s,
  %(peers_mean_abl)s (locales/groups.csv).
"""

from __future__ import annotations

from collections.abc import Sequence

from report.compute.facts import Change, Point
from report.compute.indicators import (
    LEVEL_MARGIN,
    SIGNIFICANCE_LEVEL,
    SMALL_GROUP,
    against,
    direction,
    rank_direction,
)
from report.data.editions import Edition
from report.words.groups import GroupName, group_name
from report.words.mechanics import capital, join_list
from report.words.text import Text

COMPONENT_NAMES = {"osi": "OSI", "hci": "HCI", "tii": "TII", "egdi": "EGDI", "epi": "EPI"}


def sentences(items: Sequence[str | None]) -> list[str]:
    """The sentences that apply, each starting with a capital: a country's name with its
    article ('the United States') opens a sentence as 'The United States'."""
    return [capital(s) for s in items if s]


def group_membership(text: Text, group: str) -> str:
    """'was in the very high EGDI group', as the end of a sentence about a survey."""
    return {
        "very_high": text.pgettext("EGDI group, past", "was in the very high EGDI group"),
        "high": text.pgettext("EGDI group, past", "was in the high EGDI group"),
        "middle": text.pgettext("EGDI group, past", "was in the middle EGDI group"),
        "low": text.pgettext("EGDI group, past", "was in the low EGDI group"),
    }[group]


def listing(text: Text, items: Sequence[str]) -> str:
    """Items joined as the language lists them: 'OSI, HCI and TII', «OSI, HCI және TII»."""
    return join_list(text.lang, items)


def position_sentence(text: Text, country: str, survey: Point) -> str:
    """The sentence that places a country in a survey: rank of N, EGDI and its group."""
    return text.ngettext(
        "In the %(year)s Survey, %(country)s ranked %(rank_ordinal)s of %(num)d country, "
        "with an EGDI of %(egdi)s, and %(membership)s.",
        "In the %(year)s Survey, %(country)s ranked %(rank_ordinal)s of %(num)d countries, "
        "with an EGDI of %(egdi)s, and %(membership)s.",
        survey.total,
        year=survey.year,
        country=country,
        rank=survey.rank,
        rank_ordinal=text.ordinal(survey.rank, in_text=True),
        egdi=text.number(survey.egdi),
        membership=group_membership(text, survey.group),
    )


def _egdi_clause(text: Text, before: float, after: float) -> tuple[str, str]:
    values = {
        "before": text.number(before),
        "after": text.number(after),
        "delta": text.gap(after, before),
    }
    way = direction(before, after)
    if way == "up":
        return way, text.gettext("EGDI rose by %(delta)s (from %(before)s to %(after)s)", **values)
    if way == "down":
        return way, text.gettext("EGDI fell by %(delta)s (from %(before)s to %(after)s)", **values)
    return way, text.gettext("EGDI was unchanged at %(after)s", **values)


def _rank_clause(text: Text, before: int, after: int, total: int) -> tuple[str, str]:
    ranks = {
        "before": before,
        "after": after,
        "before_ordinal": text.ordinal(before, in_text=True),
        "after_ordinal": text.ordinal(after, in_text=True),
    }
    way = rank_direction(before, after)
    if way == "up":
        return way, text.gettext(
            "the country's rank improved from %(before_ordinal)s to %(after_ordinal)s", **ranks
        )
    if way == "down":
        return way, text.gettext(
            "the country's rank slipped from %(before_ordinal)s to %(after_ordinal)s", **ranks
        )
    if after == total:  # not 'kept': staying last joins a fall with 'and', a rise with 'but'
        return "down", text.gettext("it was still in last place (%(after_ordinal)s)", **ranks)
    return way, text.gettext("the country's rank was unchanged at %(after_ordinal)s", **ranks)


def _clauses(text: Text, before: Point, after: Point) -> tuple[bool, dict[str, str]]:
    """The EGDI and rank clauses between two surveys, and whether they point the same way
    (which picks 'and' or 'but' to join them)."""
    egdi_way, egdi_clause = _egdi_clause(text, before.egdi, after.egdi)
    rank_way, rank_clause = _rank_clause(text, before.rank, after.rank, after.total)
    return egdi_way == rank_way, {"egdi_clause": egdi_clause, "rank_clause": rank_clause}


def change_sentence(text: Text, country: str, now: Point, before: Point | None) -> str:
    """The sentence comparing a survey with the previous one; its wording follows the data."""
    if before is None:
        return text.gettext(
            "The %(year)s Survey is the first edition in the data, so there is no earlier "
            "value to compare.",
            year=now.year,
        )
    if before.rank is None:
        return text.gettext(
            "In the %(prev_year)s Survey, %(country)s was not assessed, so no change since then "
            "can be reported.",
            country=country,
            prev_year=before.year,
        )
    same_way, clauses = _clauses(text, before, now)
    if same_way:
        return text.pgettext(
            "change sentence, same direction",
            "Compared with the %(prev_year)s Survey, %(egdi_clause)s and %(rank_clause)s.",
            prev_year=before.year,
            **clauses,
        )
    return text.pgettext(
        "change sentence, opposite directions",
        "Compared with the %(prev_year)s Survey, %(egdi_clause)s, but %(rank_clause)s.",
        prev_year=before.year,
        **clauses,
    )


def driver_sentence(text: Text, now: Point, before: Point | None) -> str | None:
    """Names the one component behind a change of EGDI since the previous survey when the
    other two moved the other way or not at all (Libya 2024: TII alone, OSI and HCI fell)."""
    if before is None or before.rank is None:
        return None
    way = direction(before.egdi, now.egdi)
    moves = {c: direction(before.value(c), now.value(c)) for c in ("osi", "hci", "tii")}
    drivers = [c for c, moved in moves.items() if moved == way]
    if way == "same" or len(drivers) != 1:
        return None
    opposite = [COMPONENT_NAMES[c] for c, moved in moves.items() if moved not in (way, "same")]
    values = {
        "component": COMPONENT_NAMES[drivers[0]],
        "before": text.number(before.value(drivers[0])),
        "after": text.number(now.value(drivers[0])),
        "others": listing(text, opposite),
    }
    if way == "up" and opposite:
        return text.ngettext(
            "The rise comes from %(component)s alone, from %(before)s to %(after)s; "
            "%(others)s fell.",
            "The rise comes from %(component)s alone, from %(before)s to %(after)s; "
            "%(others)s fell.",
            len(opposite),
            **values,
        )
    if way == "up":
        return text.gettext(
            "The rise comes from %(component)s alone, from %(before)s to %(after)s.", **values
        )
    if opposite:
        return text.ngettext(
            "The fall comes from %(component)s alone, from %(before)s to %(after)s; "
            "%(others)s rose.",
            "The fall comes from %(component)s alone, from %(before)s to %(after)s; "
            "%(others)s rose.",
            len(opposite),
            **values,
        )
    return text.gettext(
        "The fall comes from %(component)s alone, from %(before)s to %(after)s.", **values
    )


def recent_break_sentence(
    text: Text, changes: Sequence[Change], year: int, previous_year: int | None
) -> str | None:
    """Warns that a change since the previous survey crosses a break in method."""
    if not changes or previous_year is None:
        return None
    indices = listing(
        text, [COMPONENT_NAMES[i] for i in dict.fromkeys(c.indicator for c in changes)]
    )
    return text.gettext(
        "The %(year)s edition changed the method of %(indices)s, so part of the change since "
        "%(prev_year)s may come from the new method (see the notes).",
        year=year,
        indices=indices,
        prev_year=previous_year,
    )


def best_rank_sentence(text: Text, best: tuple[int, int], first: Point, now: Point) -> str | None:
    """The country's best rank where it lies between the first survey and this one, so that a
    start-to-end comparison does not hide a peak (the Netherlands: 2nd in 2012)."""
    rank, year = best
    better_end = min(first.rank, now.rank)
    # only a peak worth telling: three quarters of the better end's rank number or better,
    # and five places or more (the Netherlands: 2nd against 10th; not Nigeria's 136th)
    if year in (first.year, now.year) or rank > 0.75 * better_end or better_end - rank < 5:
        return None
    return text.gettext(
        "Its best rank so far was %(rank_ordinal)s, in %(year)s.",
        rank=rank,
        rank_ordinal=text.ordinal(rank, in_text=True),
        year=year,
    )


def _rank_since(text: Text, before: int, after: int, total: int) -> str:
    ranks = {
        "before_ordinal": text.ordinal(before, in_text=True),
        "after_ordinal": text.ordinal(after, in_text=True),
    }
    way = rank_direction(before, after)
    if way == "up":
        return text.gettext(
            "the country's rank has improved from %(before_ordinal)s to %(after_ordinal)s",
            before=before,
            after=after,
            **ranks,
        )
    if way == "down":
        return text.gettext(
            "the country's rank has slipped from %(before_ordinal)s to %(after_ordinal)s",
            before=before,
            after=after,
            **ranks,
        )
    if after == total:
        return text.gettext("the country is still in last place (%(after_ordinal)s)", **ranks)
    return text.gettext(
        "the country's rank is the same as then (%(after_ordinal)s)", after=after, **ranks
    )


def _level(text: Text, key: str, form: str) -> str:
    """An EGDI group as the word for its level: 'middle'; ru «средняя», «со средней»,
    «до средней» (form: 'nom', 'from' or 'to')."""
    return {
        "nom": {
            "very_high": text.pgettext("EGDI level", "very high"),
            "high": text.pgettext("EGDI level", "high"),
            "middle": text.pgettext("EGDI level", "middle"),
            "low": text.pgettext("EGDI level", "low"),
        },
        "from": {
            "very_high": text.pgettext("EGDI level, from", "very high"),
            "high": text.pgettext("EGDI level, from", "high"),
            "middle": text.pgettext("EGDI level, from", "middle"),
            "low": text.pgettext("EGDI level, from", "low"),
        },
        "to": {
            "very_high": text.pgettext("EGDI level, to", "very high"),
            "high": text.pgettext("EGDI level, to", "high"),
            "middle": text.pgettext("EGDI level, to", "middle"),
            "low": text.pgettext("EGDI level, to", "low"),
        },
    }[form][key]


def _group_since(
    text: Text,
    country: str,
    first: Point,
    now: Point,
    path: str,
    detour: tuple[str, Sequence[int]] | None,
) -> str:
    values = {
        "country": country,
        "first_year": first.year,
        "before_group": group_name(text, first.group),
        "after_group": group_name(text, now.group),
        "before_level": _level(text, first.group, "from"),
        "after_level": _level(text, now.group, "to"),
        "level": _level(text, now.group, "nom"),
    }
    if path == "held":
        # Translators: also %(country)s, %(first_year)s, %(level)s
        return text.gettext("it is still in %(after_group)s", **values)
    if path == "up":
        # Translators: also %(country)s, %(first_year)s, %(before_group)s, %(after_group)s
        return text.gettext(
            "it has moved up from the %(before_level)s to the %(after_level)s EGDI group", **values
        )
    if path == "down":
        # Translators: also %(country)s, %(first_year)s, %(before_group)s, %(after_group)s
        return text.gettext(
            "it has moved down from the %(before_level)s to the %(after_level)s EGDI group",
            **values,
        )
    other, years = detour or (now.group, ())
    # Translators: also %(country)s, %(level)s and %(other_level)s (the groups' level words)
    return text.ngettext(
        "it is again in %(after_group)s, which it left for %(other_group)s in %(years)s",
        "it is again in %(after_group)s, which it left for %(other_group)s in %(years)s",
        len(years),
        other_group=group_name(text, other),
        other_level=_level(text, other, "nom"),
        years=listing(text, [str(y) for y in years]),
        **values,
    )


def since_first_sentence(
    text: Text,
    country: str,
    now: Point,
    first: Point,
    previous_year: int | None,
    group_path: tuple[str, tuple[str, Sequence[int]] | None],
) -> list[str]:
    """The long view from the first survey that assessed the country, led by rank and EGDI
    group (group_path: BriefFacts.group_path and group_detour), with the EGDI levels
    qualified (editions rescale them); nothing when the first survey is this one or the
    previous one, or when its EGDI was 0 (zero_years_sentence)."""
    if first.year >= now.year or first.year == previous_year or first.egdi == 0:
        return []
    lead = text.gettext(
        "Since its first assessment (%(first_year)s), %(rank_clause)s, and %(group_clause)s.",
        first_year=first.year,
        rank_clause=_rank_since(text, first.rank, now.rank, now.total),
        group_clause=_group_since(text, country, first, now, *group_path),
    )
    levels = text.gettext(
        "EGDI values so many editions apart are only loosely comparable: %(before)s in "
        "%(first_year)s, %(after)s in %(year)s.",
        before=text.number(first.egdi),
        after=text.number(now.egdi),
        first_year=first.year,
        year=now.year,
    )
    return [lead, levels]


def zero_years_sentence(
    text: Text, country: str, years: Sequence[int], now: Point, first: Point
) -> str | None:
    """Names the surveys in which the UN found no online presence of the government (EGDI =
    0): no measurement, so no later value is set against it."""
    if not years:
        return None
    return text.ngettext(
        "In %(years)s the UN found no online presence of the government of %(country)s "
        "and gave it an EGDI of 0.",
        "In %(years)s the UN found no online presence of the government of %(country)s "
        "and gave it an EGDI of 0.",
        len(years),
        country=country,
        years=listing(text, [str(y) for y in years]),
    )


# 'Even the weakest component is above the mean' only where it is clearly above (0.02) and
# leads least
EVEN_MARGIN = 4 * LEVEL_MARGIN


def weakest(values: dict[str, float]) -> list[str]:
    """The component(s) with the lowest value at four decimals."""
    lowest = min(round(values[c], 4) for c in values)
    return [c for c in values if round(values[c], 4) == lowest]


def weakest_component_sentence(
    text: Text,
    values: dict[str, float],
    peer_means: dict[str, float],
    peers: GroupName,
    other_means: dict[str, float] | None = None,
    other: GroupName | None = None,
) -> str:
    """The weakest component (lowest value; ties named together) and its distance to the peer
    mean; when a second reference group (the region) puts it on the other side, that too."""
    lowest = weakest(values)
    if len(lowest) > 1:
        return text.gettext(
            "The weakest components are %(components)s, at %(value)s each.",
            components=listing(text, [COMPONENT_NAMES[c] for c in lowest]),
            value=text.number(values[lowest[0]]),
        )
    component = lowest[0]
    fields = {
        "component": COMPONENT_NAMES[component],
        "value": text.number(values[component]),
        "peers": peers,
        "mean": text.number(peer_means[component]),
        "gap": text.gap(values[component], peer_means[component]),
    }
    way = against(peer_means[component], values[component])
    if way == "down":
        sentence = text.gettext(
            "The weakest component is %(component)s (%(value)s), %(gap)s below %(peers_mean)s "
            "(%(mean)s).",
            **fields,
        )
    elif way == "up" and (narrowest := _narrowest(values, peer_means)) != component:
        sentence = _narrowest_margin(text, fields, narrowest, values, peer_means)
    elif way == "up" and values[component] - peer_means[component] < EVEN_MARGIN:
        sentence = text.gettext(
            "The weakest component, %(component)s (%(value)s), is %(gap)s above "
            "%(peers_mean)s (%(mean)s).",
            **fields,
        )
    elif way == "up":
        sentence = text.gettext(
            "Even the weakest component, %(component)s (%(value)s), is %(gap)s above "
            "%(peers_mean)s (%(mean)s).",
            **fields,
        )
    else:  # within LEVEL_MARGIN: say which side, and that it is only just
        sentence = _close_to_mean(text, fields, direction(peer_means[component], values[component]))
    return _with_contrast(text, sentence, component, values, way, other_means, other)


def _narrowest_margin(text: Text, fields: dict, narrowest: str, values: dict, means: dict):
    """The weakest component above the mean, and the component that leads it least."""
    return text.gettext(
        "The weakest component, %(component)s (%(value)s), is %(gap)s above "
        "%(peers_mean)s (%(mean)s); the narrowest margin is on %(narrowest)s "
        "(%(narrowest_value)s against %(narrowest_mean)s).",
        narrowest=COMPONENT_NAMES[narrowest],
        narrowest_value=text.number(values[narrowest]),
        narrowest_mean=text.number(means[narrowest]),
        **fields,
    )


def _narrowest(values: dict, means: dict) -> str:
    """The component that leads its mean least: 'even the weakest' is said of no other
    (the Netherlands' weakest, OSI, leads most)."""
    return min(values, key=lambda c: values[c] - means[c])


def _close_to_mean(text: Text, fields: dict, side: str) -> str:
    """The weakest component within LEVEL_MARGIN of the mean: on which side, or level."""
    if side == "up":
        return text.gettext(
            "The weakest component, %(component)s (%(value)s), is only marginally above "
            "%(peers_mean)s (%(mean)s).",
            **fields,
        )
    if side == "down":
        return text.gettext(
            "The weakest component, %(component)s (%(value)s), is only marginally below "
            "%(peers_mean)s (%(mean)s).",
            **fields,
        )
    return text.gettext(
        "The weakest component, %(component)s (%(value)s), is level with %(peers_mean)s.",
        **fields,
    )


def _with_contrast(text, sentence, component, values, way, other_means, other) -> str:
    """The sentence, and where a second reference group puts the component on the other
    side of its mean, a sentence that says so."""
    if other_means is None or other is None:
        return sentence
    other_way = against(other_means[component], values[component])
    if other_way == way or other_way == "same":
        return sentence
    contrast = {
        "component": COMPONENT_NAMES[component],
        "other": other,
        "other_value": text.number(other_means[component]),
        "gap": text.gap(values[component], other_means[component]),
    }
    if other_way == "down":
        extra = text.gettext(
            "%(component)s is, however, %(gap)s below %(other_mean)s (%(other_value)s).",
            **contrast,
        )
    else:
        extra = text.gettext(
            "%(component)s is, however, %(gap)s above %(other_mean)s (%(other_value)s).",
            **contrast,
        )
    return sentence + " " + extra


def peer_comparison_sentence(
    text: Text,
    country: str,
    values: dict[str, float],
    peer_means: dict[str, float],
    peers: GroupName,
    told: Sequence[str] = (),
) -> str:
    """Where the country stands against the peer means, component by component (at the
    margin of LEVEL_MARGIN: closer than that is close to the mean); a component close to
    the mean that another sentence tells of (told) is counted on its side, not called close."""
    ways = {c: against(peer_means[c], values[c]) for c in values}
    # a close component that another sentence tells of counts on the side it is on
    ways |= {c: direction(peer_means[c], values[c]) for c in told if ways.get(c) == "same"}
    names = {
        way: [COMPONENT_NAMES[c] for c, w in ways.items() if w == way] for way in ways.values()
    }
    above, below, level = names.get("up", []), names.get("down", []), names.get("same", [])
    fields = {
        "country": country,
        "peers": peers,
        "above": listing(text, above),
        "below": listing(text, below),
        "level": listing(text, level),
    }
    if not above and not below:
        return text.gettext(
            "%(country)s is close to %(peers_mean)s on all three components.", **fields
        )
    if len(above) == len(values):
        return text.gettext(
            "%(country)s is above %(peers_mean)s on all three components.", **fields
        )
    if len(below) == len(values):
        return text.gettext(
            "%(country)s is below %(peers_mean)s on all three components.", **fields
        )
    if above and below:
        sentence = text.gettext(
            "%(country)s is above %(peers_mean)s on %(above)s and below it on %(below)s.",
            **fields,
        )
    elif above:
        sentence = text.gettext("%(country)s is above %(peers_mean)s on %(above)s.", **fields)
    else:
        sentence = text.gettext("%(country)s is below %(peers_mean)s on %(below)s.", **fields)
    close = [c for c, w in ways.items() if w == "same"]
    return " ".join([sentence, *_close_clauses(text, close, values, peer_means)])


def _close_clauses(text, close, values, means) -> list[str]:
    """Components within LEVEL_MARGIN of the mean: on which side they are, only just."""
    sides = {"up": [], "down": [], "same": []}
    for c in close:
        sides[direction(means[c], values[c])].append(COMPONENT_NAMES[c])
    clauses = []
    if sides["up"]:
        clauses.append(
            text.gettext(
                "On %(level)s it is only marginally above the mean.",
                level=listing(text, sides["up"]),
            )
        )
    if sides["down"]:
        clauses.append(
            text.gettext(
                "On %(level)s it is only marginally below the mean.",
                level=listing(text, sides["down"]),
            )
        )
    if sides["same"]:
        clauses.append(
            text.gettext(
                "On %(level)s it is close to the mean.", level=listing(text, sides["same"])
            )
        )
    return clauses


def small_group_note(text: Text, country: str, members: int, is_member: bool = True) -> str | None:
    """Why a mean over a handful of countries, the country among them, says little; None
    when the group is larger than SMALL_GROUP or the country is not in it."""
    if not is_member or members > SMALL_GROUP:
        return None
    return text.ngettext(
        "That mean covers only %(num)d country, %(country)s itself, so it is a weak yardstick.",
        "That mean covers only %(num)d countries, %(country)s among them, so it is a weak "
        "yardstick.",
        members,
        country=country,
    )


def peer_rank_sentence(
    text: Text, country: str, rank: int, members: int, peers: GroupName, is_member: bool = True
) -> str:
    """The country's place by EGDI inside its peer group, or where it would stand if it is not
    a member (a peer group chosen by the user); `members` counts the group's own members."""
    fields = {
        "peers": peers,
        "country": country,
        "rank": rank,
        "rank_ordinal": text.ordinal(rank, in_text=True),
    }
    if is_member and rank == members:
        return text.ngettext(
            "Among the %(num)d country of %(peers)s, %(country)s ranks last by EGDI.",
            "Among the %(num)d countries of %(peers)s, %(country)s ranks last by EGDI.",
            members,
            **fields,
        )
    if is_member:
        return text.ngettext(
            "Among the %(num)d country of %(peers)s, %(country)s ranks %(rank_ordinal)s by EGDI.",
            "Among the %(num)d countries of %(peers)s, %(country)s ranks %(rank_ordinal)s by EGDI.",
            members,
            **fields,
        )
    return text.ngettext(
        "%(country)s is not a member of %(peers)s (%(num)d country); placed among them, it "
        "would rank %(rank_ordinal)s by EGDI.",
        "%(country)s is not a member of %(peers)s (%(num)d countries); placed among them, it "
        "would rank %(rank_ordinal)s by EGDI.",
        members,
        **fields,
    )


def _position_fields(
    text: Text, country: str, egdi: float, rank: int, group: GroupName, mean: float
) -> dict:
    """The values of a sentence on a country's place by EGDI beside a group's mean."""
    return {
        "country": country,
        "egdi": text.number(egdi),
        "rank": rank,
        "rank_ordinal": text.ordinal(rank, in_text=True),
        "group": group,
        "mean": text.number(mean),
        "gap": text.gap(egdi, mean),
    }


def outsider_position_sentence(
    text: Text, country: str, egdi: float, rank: int, total: int, group: GroupName, mean: float
) -> str:
    """That a country is not part of a group, its distance to the group's mean (which leaves
    it out) and the place it would take among the group's `total` members and itself."""
    fields = {**_position_fields(text, country, egdi, rank, group, mean), "of": total + 1}
    way = against(mean, egdi)
    if way == "up":
        # Translators: also %(of_word_gen_f)s and the other forms of %(of)s (locales/numbers.csv)
        return text.gettext(
            "%(country)s is not part of %(group)s. Its EGDI (%(egdi)s) is %(gap)s above "
            "%(group_mean)s (%(mean)s); ranked with %(group_countries)s, it would be "
            "%(rank_ordinal)s of %(of_word)s.",
            **fields,
        )
    if way == "down":
        # Translators: also %(of_word_gen_f)s and the other forms of %(of)s (locales/numbers.csv)
        return text.gettext(
            "%(country)s is not part of %(group)s. Its EGDI (%(egdi)s) is %(gap)s below "
            "%(group_mean)s (%(mean)s); ranked with %(group_countries)s, it would be "
            "%(rank_ordinal)s of %(of_word)s.",
            **fields,
        )
    # Translators: also %(of_word_gen_f)s and the other forms of %(of)s (locales/numbers.csv)
    return text.gettext(
        "%(country)s is not part of %(group)s. Its EGDI (%(egdi)s) is close to %(group_mean)s "
        "(%(mean)s); ranked with %(group_countries)s, it would be %(rank_ordinal)s of "
        "%(of_word)s.",
        **fields,
    )


def group_position_sentence(
    text: Text, country: str, egdi: float, rank: int, total: int, group: GroupName, mean: float
) -> str:
    """The focus country's EGDI, place and distance to the mean inside its group."""
    fields = {**_position_fields(text, country, egdi, rank, group, mean), "num": total}
    way = against(mean, egdi)
    if way == "up":
        return text.ngettext(
            "With an EGDI of %(egdi)s, %(country)s ranks %(rank_ordinal)s of the %(num)d country "
            "of %(group)s, %(gap)s above the group mean (%(mean)s).",
            "With an EGDI of %(egdi)s, %(country)s ranks %(rank_ordinal)s of the %(num)d "
            "countries of %(group)s, %(gap)s above the group mean (%(mean)s).",
            total,
            **fields,
        )
    if way == "down":
        return text.ngettext(
            "With an EGDI of %(egdi)s, %(country)s ranks %(rank_ordinal)s of the %(num)d country "
            "of %(group)s, %(gap)s below the group mean (%(mean)s).",
            "With an EGDI of %(egdi)s, %(country)s ranks %(rank_ordinal)s of the %(num)d "
            "countries of %(group)s, %(gap)s below the group mean (%(mean)s).",
            total,
            **fields,
        )
    return text.ngettext(
        "With an EGDI of %(egdi)s, %(country)s ranks %(rank_ordinal)s of the %(num)d country "
        "of %(group)s, close to the group mean (%(mean)s).",
        "With an EGDI of %(egdi)s, %(country)s ranks %(rank_ordinal)s of the %(num)d countries "
        "of %(group)s, close to the group mean (%(mean)s).",
        total,
        **fields,
    )


def leaders_sentence(
    text: Text, country: str, egdi: float, leaders_mean: float, leaders: int, is_leader: bool
) -> str:
    """How far the focus country is from the leaders (the VH rating class)."""
    fields = {
        "num": leaders,
        "country": country,
        "egdi": text.number(egdi),
        "mean": text.number(leaders_mean),
        "gap": text.gap(egdi, leaders_mean),
    }
    if is_leader:
        return text.ngettext(
            "%(country)s is itself one of the %(num)d leader.",
            "%(country)s is itself one of the %(num)d leaders.",
            leaders,
            **fields,
        )
    if against(leaders_mean, egdi) == "down":
        return text.ngettext(
            "The EGDI of %(country)s (%(egdi)s) is %(gap)s below the mean of the %(num)d "
            "leader (%(mean)s).",
            "The EGDI of %(country)s (%(egdi)s) is %(gap)s below the mean of the %(num)d "
            "leaders (%(mean)s).",
            leaders,
            **fields,
        )
    return text.ngettext(
        "The EGDI of %(country)s (%(egdi)s) is not below the mean of the %(num)d leader "
        "(%(mean)s).",
        "The EGDI of %(country)s (%(egdi)s) is not below the mean of the %(num)d leaders "
        "(%(mean)s).",
        leaders,
        **fields,
    )


def selection_caveat(text: Text) -> str:
    """Why correlations among the leaders say little about the components in general."""
    return text.gettext(
        "The leaders were chosen for their high EGDI, which narrows the spread of every "
        "component, so correlations among them say little about how the components relate "
        "across all countries."
    )


def correlation_sentence(
    text: Text, correlations: dict[tuple[str, str], tuple[float, float]], n: int, critical: float
) -> str:
    """What the correlations among the leaders show, given (r, p) per pair of components:
    the strongest significant pair at 5 %, or that none is significant and why."""
    significant = {pair: rp for pair, rp in correlations.items() if rp[1] < SIGNIFICANCE_LEVEL}
    level = text.percent(SIGNIFICANCE_LEVEL * 100, 0, in_text=True)
    if significant:
        (x, y), (r, p) = max(significant.items(), key=lambda item: abs(item[1][0]))
        return text.gettext(
            "Among the leaders, %(x)s and %(y)s are the most strongly correlated pair "
            "(r = %(r)s, p = %(p)s), significant at the %(level)s level.",
            x=COMPONENT_NAMES[x],
            y=COMPONENT_NAMES[y],
            r=text.number(r, 3),
            p=text.number(p, 3),
            level=level,
        )
    # (computed here: Babel's extractor loses the plural form of a call holding a generator)
    max_r = max(abs(r) for r, _ in correlations.values())
    min_p = min(p for _, p in correlations.values())
    return text.ngettext(
        "Among the leaders, no pair of components is significantly correlated at the %(level)s "
        "level (|r| ≤ %(max_r)s, p ≥ %(min_p)s): with %(num)d country, |r| would have to exceed "
        "%(critical)s.",
        "Among the leaders, no pair of components is significantly correlated at the %(level)s "
        "level (|r| ≤ %(max_r)s, p ≥ %(min_p)s): with %(num)d countries, |r| would have to "
        "exceed %(critical)s.",
        n,
        level=level,
        max_r=text.number(max_r, 3),
        min_p=text.number(min_p, 3),
        critical=text.number(critical, 3),
    )


def spread_sentence(text: Text, sds: dict[str, float]) -> str:
    """Which component varies most among the leaders; two within 5 % of each other are said
    to vary about equally."""
    ordered = sorted(sds, key=lambda c: -sds[c])
    first, second = ordered[0], ordered[1]
    if sds[first] - sds[second] < 0.05 * sds[first]:
        return text.gettext(
            "Among the leaders, %(first)s and %(second)s vary about equally (standard deviations "
            "%(first_sd)s and %(second_sd)s); %(last)s varies least (%(last_sd)s).",
            first=COMPONENT_NAMES[first],
            second=COMPONENT_NAMES[second],
            first_sd=text.number(sds[first]),
            second_sd=text.number(sds[second]),
            last=COMPONENT_NAMES[ordered[-1]],
            last_sd=text.number(sds[ordered[-1]]),
        )
    return text.gettext(
        "Among the leaders, %(first)s varies most (standard deviation %(first_sd)s) and %(last)s "
        "least (%(last_sd)s).",
        first=COMPONENT_NAMES[first],
        first_sd=text.number(sds[first]),
        last=COMPONENT_NAMES[ordered[-1]],
        last_sd=text.number(sds[ordered[-1]]),
    )


def largest_gap_sentence(
    text: Text, country: str, values: dict[str, float], means: dict[str, float]
) -> str | None:
    """The component with the largest shortfall against the leaders' means (None if none)."""
    gaps = {c: means[c] - values[c] for c in values}
    component = max(gaps, key=gaps.get)
    if round(gaps[component], 4) <= 0:
        return None
    return text.gettext(
        "%(country)s trails the leaders most in %(component)s: %(value)s against their mean of "
        "%(mean)s, %(gap)s lower.",
        country=country,
        component=COMPONENT_NAMES[component],
        value=text.number(values[component]),
        gap=text.gap(values[component], means[component]),
        mean=text.number(means[component]),
    )


def dynamics_sentences(
    text: Text,
    series: dict[str, Sequence[tuple[int, float]]],
    breaks: dict[str, Sequence[int]] | None = None,
) -> list[str]:
    """How EGDI and its components moved over a span, in index points (a per-cent change of a
    rescaled index says little); a component back where it began is said to be so, with the
    peak or trough between; and a caveat when a change of method falls in the span (series:
    (year, value) per index, EGDI first; breaks: the surveys that brought one, per component)."""
    (start, before), (end, after) = series["egdi"][0], series["egdi"][-1]
    values = {
        "from": start,
        "to": end,
        "before": text.number(before),
        "after": text.number(after),
        "gap": text.gap(before, after),
    }
    way = direction(before, after)
    if way == "up":
        first = text.gettext(
            "From %(from)s to %(to)s, EGDI rose by %(gap)s, from %(before)s to %(after)s.", **values
        )
    elif way == "down":
        first = text.gettext(
            "From %(from)s to %(to)s, EGDI fell by %(gap)s, from %(before)s to %(after)s.", **values
        )
    else:
        first = text.gettext("From %(from)s to %(to)s, EGDI did not change.", **values)
    moved = {c: round(series[c][-1][1] - series[c][0][1], 4) for c in series if c != "egdi"}
    ordered = sorted(moved, key=lambda c: abs(moved[c]))
    found = [first]
    if len(ordered) > 1 and abs(moved[ordered[-1]]) != abs(moved[ordered[0]]):
        found.append(_components_moved(text, ordered[-1], ordered[0], moved, series))
    caveat = method_caveat(text, breaks or {})
    if caveat:
        found.append(caveat)
    return found


def method_caveat(text: Text, breaks: dict[str, Sequence[int]]) -> str | None:
    """That changes over a span may come partly from its changes of method (breaks: the
    surveys that brought one, per component); None where there is none."""
    broken = {c: years for c, years in breaks.items() if years}
    if not broken:
        return None
    years = sorted({y for v in broken.values() for y in v})
    return text.ngettext(
        "The method of %(indices)s changed in %(years)s, so part of these changes, EGDI's "
        "included, may come from the new method rather than from the country's own "
        "development.",
        "The method of %(indices)s changed in %(years)s, so part of these changes, EGDI's "
        "included, may come from the new methods rather than from the country's own "
        "development.",
        len(years),
        indices=listing(text, [COMPONENT_NAMES[c] for c in broken]),
        years=listing(text, [str(y) for y in years]),
    )


def _components_moved(text, largest, smallest, moved, series) -> str:
    """'TII changed most (+0.2852) and OSI least (+0.0921)', or, for a component that ended
    within LEVEL_MARGIN of where it began, that it did, with the peak or trough between."""
    fields = {
        "largest": COMPONENT_NAMES[largest],
        "largest_change": text.change(series[largest][0][1], series[largest][-1][1]),
        "smallest": COMPONENT_NAMES[smallest],
        "smallest_change": text.change(series[smallest][0][1], series[smallest][-1][1]),
    }
    if abs(moved[smallest]) >= LEVEL_MARGIN:
        return text.gettext(
            "Of the three components, %(largest)s changed most (%(largest_change)s) and "
            "%(smallest)s least (%(smallest_change)s).",
            **fields,
        )
    path = series[smallest]
    (start, before), (end, after) = path[0], path[-1]
    year, far = max(path[1:-1] or path, key=lambda point: abs(point[1] - before))
    if abs(far - before) < LEVEL_MARGIN:
        return text.gettext(
            "Of the three components, %(largest)s changed most (%(largest_change)s); "
            "%(smallest)s ended close to where it began.",
            **fields,
        )
    return text.gettext(
        "Of the three components, %(largest)s changed most (%(largest_change)s); %(smallest)s "
        "was back near its %(start)s level (%(before)s) in %(end)s (%(after)s), after %(far)s "
        "in %(year)s.",
        start=start,
        end=end,
        before=text.number(before),
        after=text.number(after),
        far=text.number(far),
        year=year,
        **fields,
    )


def method_change_text(text: Text, change: str) -> str:
    """What a change of method did, as a clause after '2020:' (data/method_changes.csv)."""
    return {
        "osi_instrument_overhauled": text.pgettext(
            "method change", "the OSI questionnaire was substantially revised"
        ),
        "hci_schooling_years_added": text.pgettext(
            "method change", "HCI added expected and mean years of schooling"
        ),
        "tii_fixed_broadband_added": text.pgettext(
            "method change",
            "TII replaced the online-population indicator with fixed-broadband subscriptions",
        ),
        "tii_personal_computers_dropped": text.pgettext(
            "method change", "TII dropped personal computers per 100 inhabitants"
        ),
        "tii_wireless_broadband_added": text.pgettext(
            "method change", "TII added wireless-broadband subscriptions"
        ),
        "tii_active_mobile_broadband": text.pgettext(
            "method change",
            "TII replaced wireless-broadband subscriptions with active mobile-broadband "
            "subscriptions",
        ),
        "tii_fixed_telephone_dropped": text.pgettext(
            "method change", "TII dropped fixed-telephone subscriptions"
        ),
        "tii_capped_at_120": text.pgettext(
            "method change", "each TII indicator was capped at 120 per 100 inhabitants"
        ),
    }[change]


def publication_date(text: Text, edition: Edition) -> str:
    """When an edition came out, as precisely as data/surveys.csv knows it: a day or a month."""
    if edition.published_day_known:
        return text.date(edition.published)
    return text.month(edition.published)


def survey_title(text: Text, edition: Edition | None, year: int) -> str:
    """An edition's title in the document's language ('UN E-Government Survey 2024' where
    data/surveys.csv has no row for the year)."""
    if edition is None:
        return text.gettext("UN E-Government Survey %(year)s", year=year)
    return edition.title(text.lang).title


def article_reference(text: Text, article: dict[str, str]) -> str | None:
    """The audited article as a reference: its title in quotes, then the authors, the
    journal, the year and the DOI that the claims file gives."""
    if "title" not in article:
        return None
    parts = [text.pgettext("quoted title", "“%(title)s”", title=article["title"])]
    gloss = article.get(f"title_{text.lang}")
    if gloss and gloss != article["title"]:  # the title in the document's language
        parts[0] += f" [{gloss}]"
    parts += [article[f] for f in ("authors", "journal", "year") if f in article]
    if "doi" in article:
        parts.append(text.gettext("DOI %(doi)s", doi=article["doi"]))
    return text.gettext("The article audited: %(reference)s.", reference=", ".join(parts))


def assessed_note(text: Text, runs: Sequence[tuple[int, int, int, bool]]) -> str:
    """'Countries assessed: 191 (2003–2005), 192 (2008–2010), 193 (from 2012).'"""
    items = []
    for number, first, last, to_the_end in runs:
        if to_the_end and first != last and len(runs) > 1:
            items.append(text.gettext("%(num)s (from %(first)s)", num=number, first=first))
        elif first == last:
            items.append(text.gettext("%(num)s (%(first)s)", num=number, first=first))
        else:
            items.append(
                text.gettext("%(num)s (%(first)s–%(last)s)", num=number, first=first, last=last)
            )
    return text.gettext("Countries assessed: %(items)s.", items=", ".join(items))
