"""The journal supplement laid out in one language: S-numbered tables, typeset formulas,
reproducibility, the audit.

Its tables also go out as CSV (one file a table) and as one XLSX workbook (render.tables)."""

from __future__ import annotations

from report.compute.facts import COMPONENTS
from report.compute.study import Row
from report.compute.supplement import SupplementFacts
from report.data.dataset import INDICATORS, PANEL_FILE, Dataset
from report.layout.common import article_formulas
from report.layout.model import Column, Document, Table
from report.words import labels
from report.words.edition_notes import income_note, method_notes, sources
from report.words.groups import group_name
from report.words.narrative import (
    COMPONENT_NAMES,
    article_reference,
    listing,
    method_caveat,
    survey_title,
)
from report.words.text import Text

NAMES = {c: COMPONENT_NAMES[c] for c in INDICATORS}


GROUP_TABLE_ORDER = ("egdi", "osi", "tii", "hci")  # the article's Table 4: EGDI, OSI, TII, HCI


def _data_used(facts: SupplementFacts, ds: Dataset, text: Text) -> Table:
    study = facts.study
    leaders = {r.iso3 for r in study.leaders}
    members = {r.iso3 for r in study.members}
    outsider = (study.outsider,) if study.outsider else ()
    by_iso3: dict[str, Row] = {r.iso3: r for r in (*study.leaders, *study.members, *outsider)}
    # ties (two countries at rank 5 in 2022) in ISO3 order: a set's order changes per process
    used = sorted(by_iso3.values(), key=lambda r: (r.rank, r.iso3))
    sets = (
        (text.gettext("leader"), leaders),
        (labels.set_label(text, study.group_key), members),
        (text.gettext("focus country, not a member"), {r.iso3 for r in outsider}),
    )
    title = text.gettext(
        "Data used: the leaders (VH rating class) and %(group)s, %(year)s",
        group=group_name(text, study.group_key),
        year=study.year,
    )
    columns = [
        Column("ISO3"),
        Column(text.gettext("Country")),
        Column(text.gettext("Set")),
        Column(text.gettext("Rank"), 0),
        *(Column(NAMES[c], 4) for c in INDICATORS),
        Column(text.gettext("Rating class")),
        Column(text.gettext("Income group")),
    ]
    rows = [
        [
            r.iso3,
            ds.countries.name(r.iso3, text.lang),
            ", ".join(name for name, found in sets if r.iso3 in found),
            r.rank,
            *(r.values[c] for c in INDICATORS),
            r.rating_class,
            labels.income_group_short(text, r.income),
        ]
        for r in used
    ]
    return Table("S1", title, columns, rows)


def _statistics(facts: SupplementFacts, text: Text) -> Table:
    described = facts.study.described
    title = text.ngettext(
        "Descriptive statistics of the %(num)d leader (formulas 1 and 2)",
        "Descriptive statistics of the %(num)d leaders (formulas 1 and 2)",
        len(facts.study.leaders),
    )
    headings = labels.statistics(text).values()
    columns = [Column(text.gettext("Index")), Column("n", 0), *(Column(h, 4) for h in headings)]
    rows = [
        [NAMES[c], d.n, d.mean, d.sd, d.sd_sample, d.median, d.min, d.max]
        for c, d in ((c, described[c]) for c in INDICATORS)
    ]
    return Table("S2", title, columns, rows)


def _correlations(facts: SupplementFacts, text: Text) -> Table:
    rows = []
    for key, result in facts.study.correlations.items():
        x, y = key.split(":")
        rows.append([NAMES[x], NAMES[y], result.r, result.p, result.n])
    title = text.gettext(
        "Pearson correlations among the leaders, with two-sided p-values (formula 3)"
    )
    columns = [Column("x"), Column("y"), Column("r", 3), Column("p", 4), Column("n", 0)]
    return Table("S3", title, columns, rows)


def _group(facts: SupplementFacts, ds: Dataset, text: Text) -> Table:
    study = facts.study
    rows: list[list[object]] = [
        [
            ds.countries.name(r.iso3, text.lang),
            r.rank,
            *(r.values[c] for c in GROUP_TABLE_ORDER),
            labels.egdi_group_short(text, r.group),
            labels.income_group_short(text, r.income),
        ]
        for r in study.members
    ]
    means = [study.group.means[c] for c in GROUP_TABLE_ORDER]
    rows.append([text.gettext("Group mean"), None, *means, None, None])
    if study.outsider:  # compared with the group, not counted in its means
        r = study.outsider
        name = text.gettext(
            "%(country)s (not a member)", country=ds.countries.name(r.iso3, text.lang)
        )
        rows.append(
            [
                name,
                r.rank,
                *(r.values[c] for c in GROUP_TABLE_ORDER),
                labels.egdi_group_short(text, r.group),
                labels.income_group_short(text, r.income),
            ]
        )
    title = text.gettext(
        "Countries of %(group)s with the group means (formulas 4–7), %(year)s",
        group=group_name(text, study.group_key),
        year=study.year,
    )
    columns = [
        Column(text.gettext("Country")),
        Column(text.gettext("Rank"), 0),
        *(Column(NAMES[c], 4) for c in GROUP_TABLE_ORDER),
        Column(text.gettext("EGDI group")),
        Column(text.gettext("Income group")),
    ]
    return Table("S4", title, columns, rows)


def _dynamics(facts: SupplementFacts, ds: Dataset, text: Text) -> Table:
    study, dyn = facts.study, facts.study.dynamics
    rows = [
        [NAMES[c], m.before, m.after, m.abs, m.pct, m.annual_growth]
        for c, m in ((c, dyn.changes[c]) for c in INDICATORS)
    ]
    title = text.gettext(
        "%(country)s: changes from %(from)s to %(to)s",
        country=ds.countries.name(study.focus, text.lang),
        **{"from": dyn.start, "to": study.year},
    )
    columns = [
        Column(text.gettext("Index")),
        Column(str(dyn.start), 4),
        Column(str(study.year), 4),
        Column(text.gettext("Change"), 4, signed=True),
        Column(text.gettext("Change, %%"), 1, True),
        Column(
            text.gettext(
                "Average annual growth rate, %(from)s–%(to)s, %%",
                **{"from": dyn.start, "to": study.year},
            ),
            1,
            True,
        ),
    ]
    note = labels.changes_note(text)
    caveat = method_caveat(text, {c: list(dyn.break_years[c]) for c in COMPONENTS})
    return Table("S5", title, columns, rows, note=f"{note} {caveat}" if caveat else note)


def _audit(facts: SupplementFacts, ds: Dataset, text: Text) -> Table:
    statuses = labels.audit_statuses(text)
    rows = []
    for claim in facts.audit["claims"]:
        where = "; ".join(labels.claim_places(text, claim["where"]))
        recomputed = labels.recomputed(text, claim, ds.countries)
        status, printed = statuses[claim["status"]], labels.quoted(text, claim["printed"])
        rows.append([claim["id"], where, printed, recomputed, status, claim.get("error")])
    headings = (
        text.gettext("Claim"),
        text.gettext("Place in the article"),
        text.gettext("Printed"),
        text.gettext("Recomputed"),
        text.gettext("Status"),
    )
    columns = [*(Column(h) for h in headings), Column(text.gettext("Deviation"), 4, signed=True)]
    title = text.gettext("Audit of the published figures: %(file)s", file=facts.claims_file)
    flags = [claim["status"] for claim in facts.audit["claims"]]
    return Table("S6", title, columns, rows, flags=flags)


def supplement_tables(facts: SupplementFacts, ds: Dataset, text: Text) -> list[Table]:
    """The tables S1 to S6 of the supplement."""
    return [
        _data_used(facts, ds, text),
        _statistics(facts, text),
        _correlations(facts, text),
        _group(facts, ds, text),
        _dynamics(facts, ds, text),
        _audit(facts, ds, text),
    ]


def last_digit_only(claim: dict) -> bool:
    """Whether a mismatched number differs by one unit in its last printed decimal only."""
    if claim["status"] != "mismatch" or "decimals" not in claim:
        return False
    unit = 10.0 ** -claim["decimals"]
    return abs(claim["computed_at_printed_precision"] - claim["published"]) <= unit * 1.0001


def _audit_summary(audit: dict, text: Text) -> str:
    """The audit in words: how many figures match, how many of the others are off by one
    in the last digit only, and what the table's deviation is."""
    summary = audit["summary"]
    values = {
        "total": sum(summary.values()),
        "close": sum(last_digit_only(c) for c in audit["claims"]),
        **summary,
    }
    if summary["error"]:
        head = text.gettext(
            "Of the %(total)s figures checked, %(match)s match the recomputed values and "
            "%(mismatch)s do not; %(error)s could not be recomputed.",
            **values,
        )
    else:
        head = text.gettext(
            "Of the %(total)s figures checked, %(match)s match the recomputed values and "
            "%(mismatch)s do not.",
            **values,
        )
    close = text.ngettext(
        "Of those that do not, %(num)s differs by one unit in its last printed decimal only.",
        "Of those that do not, %(num)s differ by one unit in their last printed decimal only.",
        values["close"],
    )
    deviation = text.gettext(
        "Deviation: the unrounded recomputed value minus the printed one. The first column "
        "gives each figure's identifier in the claims file. Each figure is recomputed as "
        "that file defines it: over the countries it names (for the article's statistics, "
        "the leaders of Table S1) and with the statistic it names (standard deviations over "
        "the whole set, formula 2, unless it asks for the sample one)."
    )
    found = [head, close] if values["close"] else [head]
    return " ".join([*found, *_largest_deviations(audit, text), deviation])


def _largest_deviations(audit: dict, text: Text, n: int = 3) -> list[str]:
    """The audit's main finding in words: the n mismatched numbers furthest from the data."""
    off = [c for c in audit["claims"] if c["status"] == "mismatch" and "decimals" in c]
    if not off:
        return []
    off.sort(key=lambda c: (-abs(c["error"]), c["id"]))
    # a figure printed twice (in a table and in the text) is one finding
    off = list({(c["printed"], c["computed"]): c for c in reversed(off)}.values())[::-1]
    items = [
        text.gettext(
            "%(id)s (printed %(printed)s, recomputed %(computed)s)",
            id=c["id"],
            printed=text.pgettext("quotation marks", "“%(words)s”", words=c["printed"]),
            computed=text.number(c["computed_at_printed_precision"], c["decimals"]),
        )
        for c in off[:n]
    ]
    return [
        text.ngettext(
            "The largest deviation: %(items)s.",
            "The largest deviations: %(items)s.",
            len(items),
            items=listing(text, items),
        )
    ]


def _inputs_note(facts: SupplementFacts, text: Text) -> str:
    """Why the inputs list more UN files than the sources: the panel holds every survey."""
    first, last, used = facts.panel_years[0], facts.panel_years[-1], facts.notes.years
    if (first, last) == (used[0], used[-1]) and len(used) == len(facts.panel_years):
        return ""
    return text.ngettext(
        "%(file)s holds every survey in the data, %(first)s–%(last)s, and the list gives the "
        "files of all of them; the values in this document come from the %(years)s survey.",
        "%(file)s holds every survey in the data, %(first)s–%(last)s, and the list gives the "
        "files of all of them; the values in this document come from the %(years)s surveys.",
        len(used),
        file=f"data/{PANEL_FILE}",
        first=first,
        last=last,
        years=listing(text, [str(y) for y in used]),
    )


def supplement_document(
    facts: SupplementFacts, ds: Dataset, text: Text, command: str
) -> tuple[Document, list[Table]]:
    """The supplement in the language of `text`, and its tables (also written as CSV/XLSX)."""
    study = facts.study
    tables = supplement_tables(facts, ds, text)
    parts = {
        "title": text.gettext(
            "Supplementary material: %(country)s and %(group)s in the UN E-Government Survey "
            "%(year)s",
            country=ds.countries.name(study.focus, text.lang),
            group=group_name(text, study.group_key),
            year=study.year,
        ),
        "year": study.year,
        "tables": tables,
        "formulas": article_formulas(),
        "article": article_reference(text, dict(facts.article)),
        "audit_summary": _audit_summary(facts.audit, text),
        "inputs": [(f.file, f.sha256) for f in facts.inputs],
        "inputs_note": _inputs_note(facts, text),
        "versions": list(facts.versions),
        "command": command,
        "income_note": income_note(text, facts.notes.income, ds.editions, ds.countries),
        "method": method_notes(text, facts.notes),
        "sources": sources(text, facts.notes, ds.editions),
        "survey_title": survey_title(text, ds.editions.get(study.year), study.year),
    }
    return Document("supplement", text.lang, parts), tables
