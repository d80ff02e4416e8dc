"""Readable, localised terminal tables for the results of stats, country, changes and audit.

Tables are drawn without vertical rules, so that more columns fit; an output wider than the
console has its long headings abbreviated, with a legend under each table, and a table still
too wide is cut into parts of whole columns (fitted_all()).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text as RichText

from report.compute.changes import Move, SurveyChanges
from report.compute.indicators import MIN_CORRELATION_N, RATING_CLASSES, RATING_CLASSES_SINCE
from report.data.countries import CountryTable
from report.words import labels
from report.words.mechanics import join_list, sort_key
from report.words.text import Text

SHORT = {"egdi": "EGDI", "osi": "OSI", "hci": "HCI", "tii": "TII", "epi": "EPI"}


@dataclass(frozen=True)
class Heading:
    """A column heading and its abbreviation for a narrow console (None: it is short)."""

    full: str
    short: str | None = None
    meaning: str | None = None  # what the legend says the abbreviation is (default: full)


class Fitting(Table):
    """A table that keeps its headings' abbreviations and its rows, to be drawn again
    abbreviated (with a legend) or in parts when the console is narrow (fitted())."""

    def __init__(self, title: str, text: Text, headings: list[Heading], justify, note=None):
        super().__init__(
            title=title,
            box=box.SIMPLE_HEAD,
            padding=(0, 1, 0, 0),
            pad_edge=False,
            caption=note,
            caption_justify="left",
        )
        self.text, self.headings, self.justify, self.note = text, headings, justify, note
        self.kept: list[tuple] = []
        for index, heading in enumerate(headings):  # folded, never cut: no digit is lost
            self.add_column(heading.full, justify=justify(index), overflow="fold")

    def add_row(self, *cells, **options) -> None:
        """Add a row, and keep it to draw the table again in another shape."""
        self.kept.append(cells)
        super().add_row(*cells, **options)

    def variant(self, indices: list[int], title: str, note: str | None) -> Fitting:
        """The table of some of its columns, with their headings abbreviated and a legend."""
        text = self.text
        chosen = [self.headings[i] for i in indices]
        shorts = [h for h in chosen if h.short and h.short != h.full]
        legend = text.gettext("; ").join(
            text.gettext(
                "%(short)s: %(full)s", short=h.short, full=h.meaning or _lower_first(h.full)
            )
            for h in shorts
        )
        caption = "\n".join(part for part in (legend, note) if part) or None
        headings = [Heading(h.short or h.full) for h in chosen]
        part = Fitting(title, text, headings, lambda n: self.justify(indices[n]), caption)
        for row in self.kept:
            part.add_row(*(row[i] for i in indices))
        return part


def _lower_first(heading: str) -> str:
    """A heading as it reads after a dash in a legend: 'rating class', but 'EGDI group'."""
    first = heading.split(" ", 1)[0]
    if len(first) > 1 and first[1:].lower() != first[1:]:  # an abbreviation: EGDI, OSI
        return heading
    return heading[:1].lower() + heading[1:]


def fitted_all(tables: list, console: Console) -> list[Table | RichText]:
    """Tables as they fit the console (fitted()), all abbreviated alike where one must be,
    so that one output calls a column by one name."""
    narrow = any(isinstance(t, Fitting) and _minimum(t, console) > console.width for t in tables)
    return [shown for t in tables for part in fitted(t, console, narrow) for shown in _apart(part)]


def _apart(table: Table | RichText) -> list[Table | RichText]:
    """A table and its legend and notes, these as a paragraph as wide as the console."""
    if not isinstance(table, Fitting) or not table.caption:
        return [table]
    caption, table.caption = table.caption, None
    return [table, RichText.from_markup(caption)]


def fitted(table: Table | RichText, console: Console, abbreviate: bool = False) -> list:
    """The table as it fits the console: whole if it can be drawn without cutting a word
    (and abbreviate is false), else with its headings abbreviated (and a legend), else in
    parts that each repeat its first column; the width left goes to the columns that need
    least to be whole."""
    if not isinstance(table, Fitting):
        return [table]
    every = list(range(len(table.columns)))
    shapes = [[table.variant(every, table.title, table.note)]]
    if not abbreviate:
        shapes.insert(0, [table])
    for tables in shapes:
        if all(_minimum(t, console) <= console.width for t in tables):
            return [_widened(t, console) for t in tables]
    return [_widened(t, console) for t in _parts(table, console)]


def _parts(table: Fitting, console: Console) -> list[Fitting]:
    """The table cut into parts of whole columns that each fit, its first column in each."""
    groups, group = [], [0]
    for index in range(1, len(table.columns)):
        if _minimum(table.variant([*group, index], "", None), console) > console.width:
            groups.append(group)
            group = [0]
        group.append(index)
    groups.append(group)
    titles = [table.title] + [
        table.text.gettext("%(title)s (continued)", title=table.title) for _ in groups[1:]
    ]
    notes = [None] * (len(groups) - 1) + [table.note]
    return [table.variant(g, t, n) for g, t, n in zip(groups, titles, notes, strict=True)]


def _widened(table: Fitting, console: Console) -> Fitting:
    """The table with the console's width shared among its columns (see _shared), and wide
    enough for its title on one line where the console allows."""
    ranges = [_column_range(table, index, console) for index in range(len(table.columns))]
    overhead = _minimum(table, console) - sum(low for low, _, _ in ranges)
    room = console.width - overhead
    wanted = min(room, len(table.title or "") - overhead)  # a title on one line
    if sum(high for _, _, high in ranges) > room >= sum(low for low, _, _ in ranges):
        widths = _shared(ranges, room)
    elif sum(high for _, _, high in ranges) < wanted:  # the last column takes what is left
        widths = [high for _, _, high in ranges]
        widths[-1] += wanted - sum(widths)
    else:
        return table
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def _minimum(table: Table, console: Console) -> int:
    """The narrowest the table can be drawn without cutting a word."""
    return Measurement.get(console, console.options.update_width(10**4), table).minimum


def _column_range(table: Table, index: int, console: Console) -> tuple[int, int, int]:
    """How wide a column needs to be: its longest word, its longest cell, and its longest
    cell or heading."""
    column = table.columns[index]
    options = console.options.update_width(10**4)

    def measured(cell):
        return Measurement.get(
            console, options, RichText.from_markup(cell) if isinstance(cell, str) else cell
        )

    heading, cells = measured(column.header), [measured(c) for c in column.cells]
    low = max(m.minimum for m in [heading, *cells])
    whole = max([low, *(m.maximum for m in cells)])
    return low, whole, max(whole, heading.maximum)


def _shared(ranges: list[tuple[int, int, int]], room: int) -> list[int]:
    """Column widths from their minimums, the room left given first to the cells, the columns
    that need least to be whole first (a class 'M2 → H1' on one line, then a country's name),
    then to the headings, which may wrap."""
    widths = [low for low, _, _ in ranges]
    spare = room - sum(widths)
    for target in (1, 2):
        for index in sorted(range(len(ranges)), key=lambda i: ranges[i][target] - widths[i]):
            given = max(0, min(ranges[index][target] - widths[index], spare))
            widths[index] += given
            spare -= given
    return widths


def _value(text: Text, value: float | None, digits: int = 4) -> str:
    return "–" if value is None else text.number(value, digits)


def stats_tables(result: dict, text: Text, countries: CountryTable) -> list[Table | RichText]:
    """Descriptive statistics and correlations of a country set."""
    tables = [_describe_table(result, text, countries)]
    for key, title, symbol in (
        ("pearson", text.gettext("Pearson correlations"), "r"),
        ("spearman", text.gettext("Spearman rank correlations"), "ρ"),
    ):
        if key in result:
            tables.append(_correlations_table(result[key], title, text, symbol))
    if result["n"] < MIN_CORRELATION_N:  # the tables would hold only dashes
        tables[1:] = [_too_few(result["n"], text)]
    return tables


def _too_few(n: int, text: Text) -> RichText:
    """A note in place of the correlations of a set too small to have them."""
    note = text.ngettext(
        "No correlations: they need at least %(min)s countries, and the set has %(num)d.",
        "No correlations: they need at least %(min)s countries, and the set has %(num)d.",
        n,
        min=MIN_CORRELATION_N,
    )
    return RichText(note)


def _left_first(index: int) -> str:
    return "left" if index == 0 else "right"


def _describe_table(result: dict, text: Text, countries: CountryTable) -> Table:
    title = text.gettext(
        "Descriptive statistics, %(year)s: %(set)s (n = %(n)s)",
        year=result["year"],
        set=escape(labels.set_label(text, result["set"])),
        n=result["n"],
    )
    headings = [Heading(text.pgettext("statistics table", "Index"))]
    headings += _statistics_headings(text)
    describe = Fitting(title, text, headings, _left_first, _codes_note(result, text, countries))
    for indicator, d in result["describe"].items():
        describe.add_row(
            SHORT[indicator],
            _value(text, d["mean"]),
            _value(text, d["sd"]),
            _value(text, d["sd_sample"]),
            _value(text, d["median"]),
            f"{_value(text, d['min'])} ({', '.join(d['min_countries'])})",
            f"{_value(text, d['max'])} ({', '.join(d['max_countries'])})",
        )
    return describe


LISTED_MEMBERS = 30  # a set up to this size is named under its statistics, member by member


def _codes_note(result: dict, text: Text, countries: CountryTable) -> str:
    """The countries of a small set, each with its ISO3 code; of a larger one, what the codes
    beside the minimum and the maximum stand for."""
    members = result["members"]
    if len(members) <= LISTED_MEMBERS:
        named = sorted(
            (f"{countries.name(c, text.lang)} ({c})" for c in members),
            key=lambda name: sort_key(text.lang, name),
        )
        return escape(
            text.ngettext(
                "The %(num)d country: %(countries)s.",
                "The %(num)d countries: %(countries)s.",
                len(members),
                countries=", ".join(named),
            )
        )
    codes = sorted(
        {c for d in result["describe"].values() for c in (*d["min_countries"], *d["max_countries"])}
    )
    named = text.gettext("; ").join(
        text.gettext("%(short)s: %(full)s", short=code, full=countries.name(code, text.lang))
        for code in codes
    )
    return escape(text.gettext("In brackets, the countries' ISO codes: %(codes)s.", codes=named))


def _statistics_headings(text: Text) -> list[Heading]:
    """The statistics' headings; the standard deviations abbreviated σ and s when narrow."""
    full = labels.statistics(text)
    shorts = {
        "sd": Heading(
            full["sd"],
            text.pgettext("short heading", "σ"),
            text.gettext("standard deviation of the population (divided by n)"),
        ),
        "sd_sample": Heading(
            full["sd_sample"],
            text.pgettext("short heading", "s"),
            text.gettext("standard deviation of the sample (divided by n − 1)"),
        ),
    }
    return [shorts.get(key, Heading(heading)) for key, heading in full.items()]


def _correlations_table(
    correlations: list[dict], title: str, text: Text, symbol: str = "r"
) -> Table:
    """Correlations of each pair: the coefficient (r, Pearson's; ρ, Spearman's), p, n."""
    headings = [Heading(h) for h in (text.gettext("Pair"), symbol, text.gettext("p-value"), "n")]
    table = Fitting(title, text, headings, _left_first)
    for c in correlations:
        table.add_row(
            f"{SHORT[c['x']]} – {SHORT[c['y']]}",
            _value(text, c["r"], 3),
            _p_value(text, c["p"]),
            text.integer(c["n"]),
        )
    return table


def _p_value(text: Text, p: float | None) -> str:
    """A p-value to four places; one that rounds to zero as '< 0.0001'."""
    if p is not None and p < 0.00005:
        return text.gettext("< %(value)s", value=text.number(0.0001, 4))
    return _value(text, p, 4)


def _group_heading(text: Text) -> Heading:
    return Heading(text.gettext("EGDI group"), text.pgettext("short heading", "Group"))


def _class_heading(text: Text) -> Heading:
    return Heading(text.gettext("Rating class"), text.pgettext("short heading", "Class"))


def country_tables(
    result: dict, text: Text, country_name: str, ranged: bool = False
) -> list[Table]:
    """A country's surveys (ranged: those from result's 'from' to 'to') and the changes
    between them."""
    headings = [
        Heading(
            text.gettext("Survey"),
            text.pgettext("short heading", "Year"),
            text.gettext("year of the Survey edition"),
        ),
        Heading(text.gettext("Rank")),
        *(Heading(name) for name in SHORT.values()),
        _group_heading(text),
        _class_heading(text),
    ]
    title = text.gettext("%(country)s in every survey", country=escape(country_name))
    if ranged:
        title = text.gettext(
            "%(country)s in the surveys of %(from)s–%(to)s",
            country=escape(country_name),
            **{"from": result["from"], "to": result["to"]},
        )
    series = Fitting(title, text, headings, lambda i: "left" if i >= 7 else "right")
    for row in result["series"]:
        if not row["assessed"]:
            series.add_row(str(row["year"]), "–", *["–"] * 5, text.gettext("not assessed"), "–")
            continue
        series.add_row(
            str(row["year"]),
            text.integer(row["rank"]),
            *(text.number(row[key]) for key in SHORT),
            labels.egdi_group_short(text, row["group"]),
            row["rating_class"],
        )
    return [series, _changes_table(result["changes"], text), RichText(_classes_legend(text))]


def _changes_table(changes: list[dict], text: Text) -> Table:
    headings = [
        Heading(text.gettext("Period")),
        Heading(text.pgettext("statistics table", "Index")),
        Heading(text.gettext("Change")),
        Heading(text.gettext("Change, %%")),
        Heading(
            text.gettext("Average annual growth, %%"),
            text.pgettext("short heading", "Growth a year, %%"),
        ),
        _places_heading(text),
    ]
    note = text.gettext("Between consecutive surveys, then from each earlier survey to the last.")
    table = Fitting(text.gettext("Changes"), text, headings, lambda i: "right", note)
    for c in changes:
        table.add_row(
            f"{c['from']}–{c['to']}",
            SHORT[c["indicator"]],
            text.signed(c["abs"]),
            "–" if c["pct"] is None else text.signed(c["pct"], 1),
            "–" if c["annual_growth"] is None else text.signed(c["annual_growth"], 2),
            _places(text, c),
        )
    return table


def _places_heading(text: Text) -> Heading:
    return Heading(
        text.gettext("Places gained"),
        text.pgettext("short heading", "Places"),
        text.gettext("places gained in the ranking (+ up, − down)"),
    )


def _places(text: Text, change: dict) -> str:
    """The places a change gained, on the EGDI row only: the rank is EGDI's."""
    if change["indicator"] != "egdi":
        return ""
    return "–" if change["rank_change"] is None else text.signed(change["rank_change"], 0)


def changes_tables(
    changes: SurveyChanges, text: Text, countries: CountryTable, followed: list[str]
) -> list[Table | RichText]:
    """What changed between two surveys: the followed countries, the largest moves, changes
    of group and class, the countries that came or went, the VH class."""
    span = {"from": changes.before, "to": changes.after}
    moves = _MoveTable(changes, text, countries)
    lists = [  # (title, countries, whether the table shows their EGDI groups)
        (text.gettext("Countries followed, %(from)s–%(to)s", **span), followed, False),
        (
            text.gettext("Largest rises in rank, %(from)s–%(to)s", **span),
            changes.rank_risers,
            False,
        ),
        (
            text.gettext("Largest falls in rank, %(from)s–%(to)s", **span),
            changes.rank_fallers,
            False,
        ),
        (
            text.gettext("Largest rises in EGDI, %(from)s–%(to)s", **span),
            changes.egdi_risers,
            False,
        ),
        (
            text.gettext("Largest falls in EGDI, %(from)s–%(to)s", **span),
            changes.egdi_fallers,
            False,
        ),
        (
            text.gettext("Changes of EGDI group, %(from)s–%(to)s", **span),
            changes.group_changes,
            True,
        ),
        (
            text.gettext("Changes of rating class, %(from)s–%(to)s", **span),
            changes.class_changes,
            False,
        ),
    ]
    tables = [moves.table(title, codes, groups) for title, codes, groups in lists]
    tables += [_assessed_note(changes, text, countries), _vh_table(changes, text, countries)]
    notes = [_classes_legend(text, arrows=True), _computed_classes(changes, text)]
    tables.append(RichText(" ".join(note for note in notes if note)))
    return [table for table in tables if table is not None]


def _nominal_ranks(changes: SurveyChanges, moves: list[Move], text: Text) -> str | None:
    """The note that the shared last rank of the countries given an EGDI of 0 is nominal,
    for a table that lists one of them."""
    pairs = [(changes.before, "before"), (changes.after, "after")]
    years = sorted({y for m in moves for y, when in pairs if getattr(m, when).egdi == 0})
    if not years:
        return None
    return text.ngettext(
        "In the %(years)s Survey every country given an EGDI of 0 shares one last rank, so its "
        "rank and its move are nominal.",
        "In the %(years)s Surveys every country given an EGDI of 0 shares one last rank, so "
        "their ranks and moves are nominal.",
        len(years),
        years=join_list(text.lang, [str(y) for y in years]),
    )


def _classes_legend(text: Text, arrows: bool = False) -> str:
    """What the rating classes are, with every code by its EGDI group (arrows: and what an
    arrow between two of them says)."""
    parts = [
        text.gettext(
            "%(classes)s (%(group)s)",
            classes=", ".join(codes),
            group=labels.egdi_group_short(text, group).lower(),
        )
        for group, codes in RATING_CLASSES.items()
    ]
    legend = text.gettext(
        "Rating classes split each EGDI group into four by EGDI, highest first: %(classes)s.",
        classes=text.gettext("; ").join(parts),
    )
    if not arrows:
        return legend
    return legend + " " + text.gettext("“A → B” is a change of class.")


def _computed_classes(changes: SurveyChanges, text: Text) -> str | None:
    """The note that rating classes before the UN published them are computed here."""
    if changes.before >= RATING_CLASSES_SINCE:
        return None
    return text.gettext(
        "The UN has published rating classes since the %(year)s Survey; those of earlier "
        "surveys are computed by the same rule (quartiles of each EGDI group).",
        year=RATING_CLASSES_SINCE,
    )


class _MoveTable:
    """Tables of countries' moves between two surveys: rank, places, EGDI, class (and
    group, for the table of group changes)."""

    def __init__(self, changes: SurveyChanges, text: Text, countries: CountryTable):
        self.changes, self.text, self.countries = changes, text, countries

    def table(self, title: str, codes, with_group=False) -> Table | None:
        """The moves of the countries assessed in both surveys, in the order given."""
        moves = [m for m in map(self.changes.move, codes) if m and m.before and m.after]
        if not moves:
            return None
        headings = self._headings(with_group)
        note = _nominal_ranks(self.changes, moves, self.text)
        table = Fitting(
            title, self.text, headings, lambda i: "left" if i in (0, 7, 8) else "right", note
        )
        for move in moves:
            table.add_row(*self._cells(move, with_group))
        return table

    def _headings(self, with_group: bool) -> list[Heading]:
        text, before, after = self.text, self.changes.before, self.changes.after
        headings = [
            Heading(text.gettext("Country")),
            Heading(text.gettext("Rank %(year)s", year=before)),
            Heading(text.gettext("Rank %(year)s", year=after)),
            _places_heading(text),
            Heading(f"EGDI {before}"),
            Heading(f"EGDI {after}"),
            Heading(text.gettext("Change in EGDI"), text.pgettext("short heading", "Δ EGDI")),
        ]
        return [*headings, *([_group_heading(text)] if with_group else []), _class_heading(text)]

    def _cells(self, move: Move, with_group: bool) -> list[str]:
        text, before, after = self.text, move.before, move.after
        groups = [labels.egdi_group_short(text, s.group) for s in (before, after)]
        cells = [
            escape(self.countries.name(move.iso3, text.lang)),
            text.integer(before.rank),
            text.integer(after.rank),
            text.signed(move.places, 0),
            text.number(before.egdi),
            text.number(after.egdi),
            text.change(before.egdi, after.egdi),
        ]
        return [
            *cells,
            *([_arrow(*groups)] if with_group else []),
            _arrow(before.rating_class, after.rating_class),
        ]


def _arrow(before: str, after: str) -> str:
    """'V2 → V3', or 'V3' where nothing changed."""
    return after if before == after else f"{before} → {after}"


def _assessed_note(changes: SurveyChanges, text: Text, countries: CountryTable) -> RichText:
    """Which countries came into the survey or left it."""
    span = {"from": changes.before, "to": changes.after}
    lines = []
    if came := changes.newly_assessed:
        named = _names(came, text, countries)
        one = text.gettext(
            "Assessed in %(to)s, not in %(from)s: %(country)s.", country=named, **span
        )
        many = text.gettext(
            "Assessed in %(to)s, not in %(from)s: %(countries)s.", countries=named, **span
        )
        lines.append(one if len(came) == 1 else many)
    if went := changes.no_longer_assessed:
        named = _names(went, text, countries)
        one = text.gettext(
            "Assessed in %(from)s, not in %(to)s: %(country)s.", country=named, **span
        )
        many = text.gettext(
            "Assessed in %(from)s, not in %(to)s: %(countries)s.", countries=named, **span
        )
        lines.append(one if len(went) == 1 else many)
    if not lines:
        lines.append(
            text.gettext("The same countries were assessed in %(from)s and %(to)s.", **span)
        )
    return RichText("\n".join(lines))


def _vh_table(changes: SurveyChanges, text: Text, countries: CountryTable) -> Table:
    """The VH class of the later survey, best first, with each one's class before; who left
    it below."""
    title = text.ngettext(
        "The VH rating class, %(year)s: %(num)d country",
        "The VH rating class, %(year)s: %(num)d countries",
        len(changes.vh_class),
        year=changes.after,
    )
    headings = [Heading(text.gettext("Rank")), Heading(text.gettext("Country")), Heading("EGDI")]
    headings.append(Heading(text.gettext("Class in %(year)s", year=changes.before)))
    note = _left_note(changes, text, countries)
    table = Fitting(title, text, headings, lambda i: "left" if i in (1, 3) else "right", note)
    for iso3 in changes.vh_class:
        move = changes.move(iso3)
        table.add_row(
            text.integer(move.after.rank),
            escape(countries.name(iso3, text.lang)),
            text.number(move.after.egdi),
            _class_before(move, text),
        )
    return table


def _left_note(changes: SurveyChanges, text: Text, countries: CountryTable) -> str | None:
    """The countries of the earlier VH class that are not in the later one."""
    if not changes.vh_left:
        return None
    span = {"from": changes.before, "to": changes.after}
    named = _names(changes.vh_left, text, countries)
    if len(changes.vh_left) == 1:
        left = text.gettext(
            "In the VH class in %(from)s, not in %(to)s: %(country)s.", country=named, **span
        )
    else:
        left = text.gettext(
            "In the VH class in %(from)s, not in %(to)s: %(countries)s.", countries=named, **span
        )
    return escape(left)


CONJUNCTIONS = {"en": " and ", "ru": " и ", "kk": " және "}


def _names(codes, text: Text, countries: CountryTable) -> str:
    """Countries named in a list of the language: 'Malta and Cyprus'; with semicolons where a
    name holds the conjunction itself ('United Kingdom of Great Britain and Northern
    Ireland; Republic of Korea')."""
    names = [countries.name(code, text.lang) for code in codes]
    if len(names) > 1 and any(CONJUNCTIONS.get(text.lang, " and ") in n for n in names):
        return "; ".join(names)
    return join_list(text.lang, names)


def _class_before(move: Move, text: Text) -> str:
    """A VH country's class in the earlier survey."""
    if move.before is None:
        return text.gettext("not assessed")
    return move.before.rating_class


def changes_brief(changes: SurveyChanges, countries: CountryTable) -> list[str]:
    """The short English version of egdi changes that ingest prints after a new survey."""

    def named(codes, number) -> str:
        return ", ".join(f"{countries.name(c, 'en')} {number(changes.move(c))}" for c in codes)

    def places(move: Move) -> str:
        return f"{move.places:+d}"

    return [
        f"changes {changes.before} -> {changes.after} (all of them: egdi changes "
        f"{changes.before} {changes.after}):",
        f"  largest rises in rank: {named(changes.rank_risers, places) or 'none'}",
        f"  largest falls in rank: {named(changes.rank_fallers, places) or 'none'}",
        f"  {len(changes.group_changes)} countries changed EGDI group, "
        f"{len(changes.class_changes)} rating class",
        f"  VH class: {len(changes.vh_class)} countries, {len(changes.vh_entered)} of them new, "
        f"{len(changes.vh_left)} left",
        f"  newly assessed: {', '.join(changes.newly_assessed) or 'none'}; no longer assessed: "
        f"{', '.join(changes.no_longer_assessed) or 'none'}",
    ]


def audit_table(
    result: dict, text: Text, countries: CountryTable, problems_only: bool = False
) -> Table:
    """Each claim (problems_only: each that mismatches or cannot be computed): where it is
    printed, the printed and the recomputed value, the status."""
    statuses = labels.audit_statuses(text)
    summary = result["summary"]
    counts = [
        text.ngettext("%(num)s match", "%(num)s matches", summary["match"]),
        text.ngettext("%(num)s mismatch", "%(num)s mismatches", summary["mismatch"]),
        text.ngettext("%(num)s error", "%(num)s errors", summary["error"]),
    ]
    headings = [
        Heading(text.gettext("Claim")),
        Heading(text.gettext("Where")),
        Heading(text.gettext("Printed")),
        Heading(text.gettext("Recomputed")),
        Heading(text.gettext("Status")),
    ]
    title = text.gettext("Audit: %(counts)s", counts=", ".join(counts))
    note = None
    if problems_only:
        note = text.gettext("Only the claims that mismatch or could not be recomputed are shown.")
    table = Fitting(title, text, headings, lambda i: "left", note)
    for claim in result["claims"]:
        if problems_only and claim["status"] == "match":
            continue
        where = ", ".join(labels.claim_places(text, claim["where"]))
        recomputed = labels.recomputed(text, claim, countries)
        style = {"match": "green", "mismatch": "bold red", "error": "yellow"}[claim["status"]]
        table.add_row(  # the claims file's text is text, not rich markup ('[p. 5]')
            escape(claim["id"]),
            escape(where),
            escape(claim["printed"]),
            escape(recomputed),
            f"[{style}]{statuses[claim['status']]}[/]",
        )
    return table
