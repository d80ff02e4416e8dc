"""Generated sentences: wording chosen by the data, every word from the catalogs.

Grammar rules the messages keep, so that any country name fits:
- Russian sentences take «страна» (feminine singular) as their subject, never the name, so no
  verb has to agree with «Нидерланды» or «Казахстан»; group names stand in quotes in the
  nominative (“CIS” in English, «СНГ» in Russian and Kazakh), so they need no case ending.
- Kazakh has no grammatical gender; the name stands in the nominative as the subject.
- English puts "the" before names that need it (countries.csv: en_article).
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.lists import format_list

from report.compute.facts import Point
from report.compute.indicators import SIGNIFICANCE_LEVEL, direction, rank_direction
from report.data.editions import Edition
from report.words.text import Text

COMPONENT_NAMES = {"osi": "OSI", "hci": "HCI", "tii": "TII", "egdi": "EGDI", "epi": "EPI"}


def sentences(items: Sequence[str | None]) -> list[str]:
    """The sentences that apply, each starting with a capital: a country's name with its
    article ('the United States') opens a sentence as 'The United States'."""
    return [s[:1].upper() + s[1:] for s in items if s]


def group_membership(text: Text, group: str) -> str:
    """'was in the very high EGDI group', as the end of a sentence about a survey."""
    return {
        "very_high": text.pgettext("EGDI group, past", "was in the very high EGDI group"),
        "high": text.pgettext("EGDI group, past", "was in the high EGDI group"),
        "middle": text.pgettext("EGDI group, past", "was in the middle EGDI group"),
        "low": text.pgettext("EGDI group, past", "was in the low EGDI group"),
    }[group]


def listing(text: Text, items: Sequence[str]) -> str:
    """Items joined as the language lists them: 'OSI, HCI and TII'."""
    return format_list(list(items), locale=text.locale)


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
        rank_ordinal=text.ordinal(survey.rank),
        egdi=text.number(survey.egdi),
        membership=group_membership(text, survey.group),
    )


def _egdi_clause(text: Text, before: float, after: float) -> tuple[str, str]:
    values = {
        "before": text.number(before),
        "after": text.number(after),
        "delta": text.number(abs(after - before)),
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
        "before_ordinal": text.ordinal(before),
        "after_ordinal": text.ordinal(after),
    }
    way = rank_direction(before, after)
    if way == "up":
        return way, text.gettext(
            "its rank improved from %(before_ordinal)s to %(after_ordinal)s", **ranks
        )
    if way == "down":
        return way, text.gettext(
            "its rank slipped from %(before_ordinal)s to %(after_ordinal)s", **ranks
        )
    if after == total:  # not 'kept': staying last joins a fall with 'and', a rise with 'but'
        return "down", text.gettext("it was still in last place (%(after_ordinal)s)", **ranks)
    return way, text.gettext("its rank was unchanged at %(after_ordinal)s", **ranks)


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


def since_first_sentence(text: Text, country: str, now: Point, first: Point) -> str | None:
    """The long view, from the first assessed survey to this one; None when they coincide or
    when the first EGDI was 0 (zero_years_sentence tells that story)."""
    if first.year >= now.year or first.egdi == 0:
        return None
    same_way, clauses = _clauses(text, first, now)
    if same_way:
        return text.pgettext(
            "since first survey, same direction",
            "Since the first survey in the data (%(first_year)s), %(egdi_clause)s and "
            "%(rank_clause)s.",
            first_year=first.year,
            **clauses,
        )
    return text.pgettext(
        "since first survey, opposite directions",
        "Since the first survey in the data (%(first_year)s), %(egdi_clause)s, but "
        "%(rank_clause)s.",
        first_year=first.year,
        **clauses,
    )


def zero_years_sentence(text: Text, years: Sequence[int], now: Point) -> str | None:
    """Names the surveys in which the country had EGDI = 0 (no online presence found) and
    where its EGDI stands now."""
    if not years:
        return None
    return text.ngettext(
        "The UN found no online presence for this country (EGDI = 0) in %(years)s; by "
        "%(year)s its EGDI had reached %(egdi)s.",
        "The UN found no online presence for this country (EGDI = 0) in %(years)s; by "
        "%(year)s its EGDI had reached %(egdi)s.",
        len(years),
        years=listing(text, [str(y) for y in years]),
        year=now.year,
        egdi=text.number(now.egdi),
    )


def weakest_component_sentence(
    text: Text,
    values: dict[str, float],
    peer_means: dict[str, float],
    peers: str,
    other_means: dict[str, float] | None = None,
    other: str | None = None,
) -> str:
    """The weakest component (lowest value; ties named together) and its distance to the peer
    mean; when a second reference group (the region) puts it on the other side, that too."""
    lowest = min(round(values[c], 4) for c in values)
    weakest = [c for c in values if round(values[c], 4) == lowest]
    if len(weakest) > 1:
        return text.gettext(
            "The weakest components are %(components)s, at %(value)s each.",
            components=listing(text, [COMPONENT_NAMES[c] for c in weakest]),
            value=text.number(lowest),
        )
    component = weakest[0]
    fields = {
        "component": COMPONENT_NAMES[component],
        "value": text.number(values[component]),
        "peers": peers,
        "mean": text.number(peer_means[component]),
        "gap": text.number(abs(values[component] - peer_means[component])),
    }
    way = direction(peer_means[component], values[component])
    if way == "down":
        sentence = text.gettext(
            "The weakest component is %(component)s at %(value)s, %(gap)s below the mean of "
            "%(peers)s (%(mean)s).",
            **fields,
        )
    elif way == "up":
        sentence = text.gettext(
            "The weakest component is %(component)s at %(value)s, %(gap)s above the mean of "
            "%(peers)s (%(mean)s).",
            **fields,
        )
    else:
        sentence = text.gettext(
            "The weakest component is %(component)s at %(value)s, level with the mean of "
            "%(peers)s.",
            **fields,
        )
    return _with_contrast(text, sentence, component, values, way, other_means, other)


def _with_contrast(text, sentence, component, values, way, other_means, other) -> str:
    """The sentence, and where a second reference group puts the component on the other
    side of its mean, a sentence that says so."""
    if other_means is None or other is None:
        return sentence
    other_way = direction(other_means[component], values[component])
    if other_way == way or other_way == "same":
        return sentence
    contrast = {
        "other": other,
        "other_mean": text.number(other_means[component]),
        "gap": text.number(abs(values[component] - other_means[component])),
    }
    if other_way == "down":
        return (
            sentence
            + " "
            + text.gettext(
                "Against the mean of %(other)s (%(other_mean)s), it is %(gap)s lower.", **contrast
            )
        )
    return (
        sentence
        + " "
        + text.gettext(
            "Against the mean of %(other)s (%(other_mean)s), it is %(gap)s higher.", **contrast
        )
    )


def peer_comparison_sentence(
    text: Text, country: str, values: dict[str, float], peer_means: dict[str, float], peers: str
) -> str:
    """Where the country stands against the peer means, component by component (at the
    precision the documents print, so 'level' means equal to four decimals)."""
    ways = {c: direction(peer_means[c], values[c]) for c in values}
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
            "%(country)s is level with the mean of %(peers)s on all three components.", **fields
        )
    if len(above) == len(values):
        return text.gettext(
            "%(country)s is above the mean of %(peers)s on all three components.", **fields
        )
    if len(below) == len(values):
        return text.gettext(
            "%(country)s is below the mean of %(peers)s on all three components.", **fields
        )
    if above and below:
        sentence = text.gettext(
            "Against the mean of %(peers)s, %(country)s is above it on %(above)s and below it "
            "on %(below)s.",
            **fields,
        )
    elif above:
        sentence = text.gettext(
            "%(country)s is above the mean of %(peers)s on %(above)s.", **fields
        )
    else:
        sentence = text.gettext(
            "%(country)s is below the mean of %(peers)s on %(below)s.", **fields
        )
    if level:
        sentence += " " + text.gettext("On %(level)s it is level with the mean.", **fields)
    return sentence


def peer_rank_sentence(
    text: Text, country: str, rank: int, members: int, peers: str, is_member: bool = True
) -> str:
    """The country's place by EGDI inside its peer group, or where it would stand if it is not
    a member (a peer group chosen by the user); `members` counts the group's own members."""
    fields = {"peers": peers, "country": country, "rank": rank, "rank_ordinal": text.ordinal(rank)}
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


def group_position_sentence(
    text: Text, country: str, egdi: float, rank: int, total: int, group: str, mean: float
) -> str:
    """The focus country's EGDI, place and distance to the mean inside its group."""
    fields = {
        "num": total,
        "country": country,
        "egdi": text.number(egdi),
        "rank": rank,
        "rank_ordinal": text.ordinal(rank),
        "group": group,
        "mean": text.number(mean),
        "gap": text.number(abs(egdi - mean)),
    }
    way = direction(mean, egdi)
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
        "of %(group)s, level with the group mean.",
        "With an EGDI of %(egdi)s, %(country)s ranks %(rank_ordinal)s of the %(num)d countries "
        "of %(group)s, level with the group mean.",
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
        "mean": text.number(leaders_mean),
        "gap": text.number(abs(egdi - leaders_mean)),
    }
    if is_leader:
        return text.ngettext(
            "%(country)s is itself one of the %(num)d leader.",
            "%(country)s is itself one of the %(num)d leaders.",
            leaders,
            **fields,
        )
    if direction(leaders_mean, egdi) == "down":
        return text.ngettext(
            "The EGDI of %(country)s is %(gap)s below the mean of the %(num)d leader (%(mean)s).",
            "The EGDI of %(country)s is %(gap)s below the mean of the %(num)d leaders (%(mean)s).",
            leaders,
            **fields,
        )
    return text.ngettext(
        "The EGDI of %(country)s is not below the mean of the %(num)d leader (%(mean)s).",
        "The EGDI of %(country)s is not below the mean of the %(num)d leaders (%(mean)s).",
        leaders,
        **fields,
    )


def correlation_sentence(
    text: Text, correlations: dict[tuple[str, str], tuple[float, float]], n: int, critical: float
) -> str:
    """What the correlations among the leaders show, given (r, p) per pair of components:
    the strongest significant pair at 5 %, or that none is significant and why."""
    significant = {pair: rp for pair, rp in correlations.items() if rp[1] < SIGNIFICANCE_LEVEL}
    if significant:
        (x, y), (r, p) = max(significant.items(), key=lambda item: abs(item[1][0]))
        return text.gettext(
            "Among the leaders, %(x)s and %(y)s are the most strongly correlated pair "
            "(r = %(r)s, p = %(p)s), significant at the %(level)s level.",
            x=COMPONENT_NAMES[x],
            y=COMPONENT_NAMES[y],
            r=text.number(r, 3),
            p=text.number(p, 3),
            level=text.percent(SIGNIFICANCE_LEVEL * 100, 0),
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
        level=text.percent(SIGNIFICANCE_LEVEL * 100, 0),
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
    text: Text, values: dict[str, float], means: dict[str, float]
) -> str | None:
    """The component with the largest shortfall against the leaders' means (None if none)."""
    gaps = {c: means[c] - values[c] for c in values}
    component = max(gaps, key=gaps.get)
    if round(gaps[component], 4) <= 0:
        return None
    return text.gettext(
        "The largest gap to the leaders is in %(component)s: %(gap)s below their mean (%(mean)s).",
        component=COMPONENT_NAMES[component],
        gap=text.number(gaps[component]),
        mean=text.number(means[component]),
    )


def dynamics_sentences(
    text: Text,
    start: int,
    end: int,
    egdi_pct: float,
    component_pct: dict[str, float],
    breaks: dict[str, list[int]] | None = None,
) -> list[str]:
    """How EGDI and its components moved between two surveys, in per cent; with a caveat
    when the component that moved most had a change of method in between (breaks: the
    surveys that brought one, per component)."""
    values = {"from": start, "to": end, "pct": text.percent(abs(egdi_pct))}
    way = direction(0.0, egdi_pct, places=1)
    if way == "up":
        first = text.gettext("From %(from)s to %(to)s, EGDI rose by %(pct)s.", **values)
    elif way == "down":
        first = text.gettext("From %(from)s to %(to)s, EGDI fell by %(pct)s.", **values)
    else:
        first = text.gettext("From %(from)s to %(to)s, EGDI did not change.", **values)
    ordered = sorted(component_pct, key=lambda c: abs(component_pct[c]))
    if len(ordered) < 2:
        return [first]
    largest, smallest = ordered[-1], ordered[0]
    if round(abs(component_pct[largest]), 1) == round(abs(component_pct[smallest]), 1):
        return [first]
    second = text.gettext(
        "Of its components, %(largest)s changed most (%(largest_pct)s) and %(smallest)s least "
        "(%(smallest_pct)s).",
        largest=COMPONENT_NAMES[largest],
        largest_pct=text.percent(component_pct[largest], signed=True),
        smallest=COMPONENT_NAMES[smallest],
        smallest_pct=text.percent(component_pct[smallest], signed=True),
    )
    years = (breaks or {}).get(largest)
    if not years:
        return [first, second]
    caveat = text.ngettext(
        "The method of %(index)s changed in %(years)s, so part of that change may reflect the "
        "new method rather than the country's own development.",
        "The method of %(index)s changed in %(years)s, so part of that change may reflect the "
        "new methods rather than the country's own development.",
        len(years),
        index=COMPONENT_NAMES[largest],
        years=listing(text, [str(year) for year in years]),
    )
    return [first, second + " " + caveat]


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
