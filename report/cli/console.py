"""Readable, localised terminal tables for the results of stats, country and audit."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.text import Text as RichText

from report.compute.indicators import MIN_CORRELATION_N
from report.data.countries import CountryTable
from report.words import labels
from report.words.text import Text

SHORT = {"egdi": "EGDI", "osi": "OSI", "hci": "HCI", "tii": "TII", "epi": "EPI"}


def _value(text: Text, value: float | None, digits: int = 4) -> str:
    return "–" if value is None else text.number(value, digits)


def stats_tables(result: dict, text: Text) -> list[Table | RichText]:
    """Descriptive statistics and correlations of a country set."""
    tables = [_describe_table(result, text)]
    for key, title in (
        ("pearson", text.gettext("Pearson correlations")),
        ("spearman", text.gettext("Spearman rank correlations")),
    ):
        if key in result:
            tables.append(_correlations_table(result[key], title, text))
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


def _describe_table(result: dict, text: Text) -> Table:
    describe = Table(
        title=text.gettext(
            "Descriptive statistics, %(year)s: %(set)s (n = %(n)s)",
            year=result["year"],
            set=escape(labels.set_label(text, result["set"])),
            n=result["n"],
        )
    )
    for heading in (text.gettext("Indicator"), *labels.statistics(text).values()):
        describe.add_column(heading, justify="left" if not describe.columns else "right")
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


def _correlations_table(correlations: list[dict], title: str, text: Text) -> Table:
    table = Table(title=title)
    for heading in (text.gettext("Pair"), "r", text.gettext("p-value"), "n"):
        table.add_column(heading, justify="left" if heading != "r" else "right")
    for c in correlations:
        table.add_row(
            f"{SHORT[c['x']]} – {SHORT[c['y']]}",
            _value(text, c["r"], 3),
            _value(text, c["p"], 4),
            text.integer(c["n"]),
        )
    return table


def country_tables(result: dict, text: Text, country_name: str) -> list[Table]:
    """A country's surveys and the changes between them."""
    series = Table(title=text.gettext("%(country)s in every survey", country=escape(country_name)))
    headings = [
        text.gettext("Survey"),
        text.gettext("Rank"),
        *SHORT.values(),
        text.gettext("EGDI group"),
        text.gettext("Rating class"),
    ]
    for heading in headings:
        series.add_column(heading, justify="right")
    for row in result["series"]:
        if not row["assessed"]:
            series.add_row(str(row["year"]), "–", *["–"] * 5, text.gettext("not assessed"), "–")
            continue
        series.add_row(
            str(row["year"]),
            text.integer(row["rank"]),
            *(text.number(row[key]) for key in SHORT),
            labels.egdi_group(text, row["group"]),
            row["rating_class"],
        )
    changes = Table(title=text.gettext("Changes"))
    for heading in (
        text.gettext("Period"),
        text.gettext("Indicator"),
        text.gettext("Change"),
        text.gettext("Change, %%"),
        text.gettext("Average annual growth, %%"),
        text.gettext("Places gained"),
    ):
        changes.add_column(heading, justify="right")
    for c in result["changes"]:
        changes.add_row(
            f"{c['from']}–{c['to']}",
            SHORT[c["indicator"]],
            text.signed(c["abs"]),
            "–" if c["pct"] is None else text.signed(c["pct"], 1),
            "–" if c["annual_growth"] is None else text.signed(c["annual_growth"], 2),
            "–" if c["rank_change"] is None else text.signed(c["rank_change"], 0),
        )
    return [series, changes]


def audit_table(result: dict, text: Text, countries: CountryTable) -> Table:
    """Each claim: where it is printed, the printed and the recomputed value, the status."""
    statuses = labels.audit_statuses(text)
    summary = result["summary"]
    counts = [
        text.ngettext("%(num)s match", "%(num)s matches", summary["match"]),
        text.ngettext("%(num)s mismatch", "%(num)s mismatches", summary["mismatch"]),
        text.ngettext("%(num)s error", "%(num)s errors", summary["error"]),
    ]
    table = Table(title=text.gettext("Audit: %(counts)s", counts=", ".join(counts)))
    for heading in (
        text.gettext("Claim"),
        text.gettext("Where"),
        text.gettext("Printed"),
        text.gettext("Recomputed"),
        text.gettext("Status"),
    ):
        table.add_column(heading)
    for claim in result["claims"]:
        where = ", ".join(f"{k}: {v}" for k, v in claim["where"].items())
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
