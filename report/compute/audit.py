"""Auditing published figures: recompute each claim of a claims file and compare it at the
precision it was printed with."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from report import interrupts
from report.compute.indicators import (
    change,
    describe,
    egdi_group,
    pearson,
    rating_classes,
    spearman,
)
from report.compute.selection import CountrySet, explicit, group, top
from report.data.dataset import INDICATORS, Dataset
from report.errors import InputError, ReportError, os_problem

# statistic -> (required parameters, optional parameters, kind of result)
STATISTICS: dict[str, tuple[set[str], set[str], str]] = {
    "value": ({"country", "indicator"}, {"year"}, "number"),
    "rank": ({"country"}, {"year"}, "number"),
    "egdi_group": ({"country"}, {"year"}, "category"),
    "rating_class": ({"country"}, {"year"}, "category"),
    "income_group": ({"country"}, {"year"}, "category"),
    **{
        name: ({"set", "indicator"}, {"year"}, "number")
        for name in ("mean", "sd", "sd_sample", "median", "min", "max")
    },
    "pearson": ({"set", "x", "y"}, {"year"}, "number"),
    "spearman": ({"set", "x", "y"}, {"year"}, "number"),
    "count": ({"set"}, {"year"}, "number"),
    "top": ({"set", "indicator", "position"}, {"year"}, "category"),
    "top_value": ({"set", "indicator", "position"}, {"year"}, "number"),
    "change": ({"indicator", "from", "to"}, {"country", "set"}, "number"),
    "change_pct": ({"indicator", "from", "to"}, {"country", "set"}, "number"),
}
SET_KINDS = {"group", "top", "countries"}


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping (as '__line__')."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


@dataclass
class Claim:
    """A published figure, where it is printed, and the computation that should give it."""

    id: str
    line: int
    printed: str
    compute: dict
    where: dict = field(default_factory=dict)
    means: str | None = None  # for categorical claims: the printed text, read as a code


@dataclass
class ClaimsFile:
    """A parsed claims file: defaults, named country sets and claims."""

    path: Path
    year: int | None
    sets: dict[str, dict]
    claims: list[Claim]
    article: tuple[tuple[str, str], ...] = ()  # (field, text): title, authors, journal, doi
    sha256: str = ""  # of the bytes read


def _clean(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if k != "__line__"}


_LOADED: dict[tuple, ClaimsFile] = {}  # a file read once per process (a pipe can be read once)


def load_claims(path: Path) -> ClaimsFile:
    """Read and check a claims file; malformed content is an InputError naming the line. A
    file already read, and not changed since, is not read again."""
    path = Path(path)
    try:
        info = path.stat()
        identity = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    except OSError:
        identity = None  # said by the reading below
    if identity in _LOADED:
        return _LOADED[identity]
    claims = _load_claims(path)
    if identity is not None:
        _LOADED.clear()  # one file at a time is all a command needs
        _LOADED[identity] = claims
    return claims


def _load_claims(path: Path) -> ClaimsFile:
    data = _read_claims_bytes(path)
    try:
        document = yaml.load(data.decode("utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError:
        raise InputError(path, None, "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, mark.line + 1 if mark else None, f"YAML error: {problem}") from None
    except RecursionError:
        raise InputError(path, None, "YAML error: nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
        raise InputError(path, 1, "expected a mapping with a 'claims' list")
    _check_keys(path, document, TOP_KEYS, "the file")
    if len(document["claims"]) > MAX_CLAIMS:
        raise InputError(path, None, f"more than {MAX_CLAIMS} claims: split the file")
    defaults = document.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise InputError(path, None, "'defaults' must be a mapping (year)")
    _check_keys(path, defaults, {"year"}, "defaults")
    year = _year_value(path, defaults, "year", "defaults")
    sets = {}
    for name, spec in _clean(document.get("sets") or {}).items():
        _check_set(path, spec, f"set {name!r}")
        sets[name] = spec
    claims, seen = [], {}
    for item in document["claims"]:
        if not isinstance(item, dict):
            raise InputError(path, None, "every claim must be a mapping")
        claims.append(_claim(path, item, sets, seen))
    return ClaimsFile(
        path=path,
        year=year,
        sets=sets,
        claims=claims,
        article=_article(path, document),
        sha256=hashlib.sha256(data).hexdigest(),
    )


TOP_KEYS = {"claims", "defaults", "sets", "document"}
CLAIM_KEYS = {"id", "printed", "compute", "where", "means"}
MAX_CLAIMS = 10_000
MAX_CLAIMS_BYTES = 16_000_000


def _read_claims_bytes(path: Path) -> bytes:
    """The file's bytes, read once and no more than a claims file can hold."""
    try:
        with interrupts.interruptible(), path.open("rb") as handle:  # a FIFO may block
            data = handle.read(MAX_CLAIMS_BYTES + 1)
    except OSError as exc:
        raise InputError(path, None, os_problem(exc)) from None
    if len(data) > MAX_CLAIMS_BYTES:
        raise InputError(
            path, None, f"larger than {MAX_CLAIMS_BYTES // 1_000_000} MB: not a claims file"
        )
    return data


def _check_keys(path: Path, mapping: dict, allowed: set[str], what: str) -> None:
    unknown = sorted(str(k) for k in set(_clean(mapping)) - allowed)
    if unknown:
        raise InputError(
            path,
            mapping.get("__line__"),
            f"{what}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(allowed))}",
        )


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _year_value(path: Path, mapping: dict, key: str, what: str) -> int | None:
    """A year given in a mapping (None where it is not): a whole number."""
    value = mapping.get(key)
    if value is not None and not _whole(value):
        raise InputError(path, mapping.get("__line__"), f"{what}: {key} {value!r} is not a year")
    return value


# title_<lang>: the title in a document language, printed after the original in brackets
ARTICLE_FIELDS = ("title", "title_en", "title_ru", "title_kk", "authors", "journal", "year", "doi")


def _article(path: Path, document: dict) -> tuple[tuple[str, str], ...]:
    """The audited article as the file's 'document' mapping describes it."""
    described = document.get("document") or {}
    if not isinstance(described, dict):
        raise InputError(path, None, "'document' must be a mapping (title, authors, doi ...)")
    found = []
    for name in ARTICLE_FIELDS:
        value = described.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value not in (None, ""):
            found.append((name, str(value)))
    return tuple(found)


def _check_set(path: Path, spec, what: str) -> None:
    line = spec.get("__line__") if isinstance(spec, dict) else None
    if not isinstance(spec, dict) or len(set(_clean(spec)) & SET_KINDS) != 1:
        raise InputError(path, line, f"{what}: give exactly one of {', '.join(sorted(SET_KINDS))}")
    unknown = set(_clean(spec)) - SET_KINDS - {"year"}
    if unknown:
        raise InputError(path, line, f"{what}: unknown key(s) {', '.join(sorted(unknown))}")
    _year_value(path, spec, "year", what)
    if "top" in spec and not (_whole(spec["top"]) and spec["top"] >= 1):
        raise InputError(path, line, f"{what}: top {spec['top']!r} is not a number from 1")
    members = spec.get("countries", [])
    if not (isinstance(members, list) and all(isinstance(c, str) for c in members)):
        raise InputError(path, line, f"{what}: countries must be a list of ISO3 codes or names")


def _claim(path: Path, item: dict, sets: dict, seen: dict) -> Claim:
    line = item["__line__"]
    for key in ("id", "printed", "compute"):
        if key not in item:
            raise InputError(path, line, f"claim without '{key}'")
    _check_keys(path, item, CLAIM_KEYS, "claim")
    if not isinstance(item["id"], str | int) or isinstance(item["id"], bool):
        raise InputError(path, line, f"claim id {item['id']!r} is not a name or a number")
    claim_id = str(item["id"])
    if claim_id in seen:
        raise InputError(path, line, f"claim id {claim_id!r} already used on line {seen[claim_id]}")
    seen[claim_id] = line
    compute = item["compute"]
    if not isinstance(compute, dict):
        raise InputError(path, line, f"{claim_id}: 'compute' must be a mapping")
    statistic = compute.get("statistic")
    if statistic not in STATISTICS:
        raise InputError(
            path,
            compute["__line__"],
            f"{claim_id}: unknown statistic {statistic!r}; known: {', '.join(STATISTICS)}",
        )
    required, optional, kind = STATISTICS[statistic]
    given = set(_clean(compute)) - {"statistic"}
    missing, unknown = required - given, given - required - optional
    if missing:
        raise InputError(
            path, compute["__line__"], f"{claim_id}: {statistic} needs {sorted(missing)}"
        )
    if unknown:
        raise InputError(path, compute["__line__"], f"{claim_id}: unknown key(s) {sorted(unknown)}")
    for key in ("indicator", "x", "y"):
        if key in compute and compute[key] not in INDICATORS:
            raise InputError(
                path, compute["__line__"], f"{claim_id}: unknown indicator {compute[key]!r}"
            )
    if "set" in compute:
        spec = compute["set"]
        if isinstance(spec, str):
            if spec not in sets:
                raise InputError(path, compute["__line__"], f"{claim_id}: no set named {spec!r}")
        else:
            _check_set(path, spec, claim_id)
    _check_values(path, claim_id, item, compute)
    if kind == "category" and "means" not in item:
        raise InputError(path, line, f"{claim_id}: a {statistic} claim needs 'means' (the code)")
    if kind == "number":
        try:
            parse_printed(str(item["printed"]))
        except ValueError as exc:
            raise InputError(path, line, f"{claim_id}: printed {exc}") from None
    return Claim(
        id=claim_id,
        line=line,
        printed=str(item["printed"]),
        compute=_clean(compute),
        where=_clean(item.get("where") or {}),
        means=str(item["means"]) if "means" in item else None,
    )


def _check_values(path: Path, claim_id: str, item: dict, compute: dict) -> None:
    """The types a claim's values must have: years and positions whole numbers, 'where' a
    mapping of texts, 'means' and 'printed' a text or a number."""
    line = compute["__line__"]
    for key in ("year", "from", "to"):
        _year_value(path, compute, key, claim_id)
    if "from" in compute and compute["from"] >= compute["to"]:
        raise InputError(path, line, f"{claim_id}: 'from' {compute['from']} is not before 'to'")
    if "position" in compute and not (_whole(compute["position"]) and compute["position"] >= 1):
        raise InputError(
            path, line, f"{claim_id}: position {compute['position']!r} is not 1 or more"
        )
    where = item.get("where") or {}
    if not isinstance(where, dict) or not all(_scalar(v) for v in _clean(where).values()):
        raise InputError(path, item["__line__"], f"{claim_id}: 'where' must map names to texts")
    for key in ("means", "printed"):
        if key in item and not _scalar(item[key]):
            raise InputError(path, item["__line__"], f"{claim_id}: '{key}' must be a text")


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


_PRINTED = re.compile(r"[+-]?\d{1,15}(?:\.\d{1,15})?")


def parse_printed(printed: str) -> tuple[Decimal, int]:
    """A printed number ('0,9797', '−0.12', '19,0 %', '28') as a Decimal and its decimals."""
    text = printed.strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
    text = text.removesuffix("%").replace(",", ".")
    # a figure as an article prints it: digits with at most one decimal separator (no NaN,
    # Infinity or exponent, which Decimal would take, and no figure longer than a float holds)
    if not _PRINTED.fullmatch(text):
        raise ValueError(f"{printed[:40]!r} is not a printed number")
    number = Decimal(text)
    exponent = number.as_tuple().exponent
    return number, max(0, -exponent) if isinstance(exponent, int) else 0


class _Auditor:
    """Computes claims against one dataset, resolving and caching country sets."""

    def __init__(self, ds: Dataset, claims: ClaimsFile):
        self.ds = ds
        self.claims = claims

    def year(self, compute: dict) -> int:
        year = compute.get("year", self.claims.year)
        return self.ds.check_year(int(year) if year is not None else None)

    def country_set(self, spec, year: int) -> CountrySet:
        if isinstance(spec, str):
            spec = self.claims.sets[spec]
        year = int(spec.get("year", year))
        self.ds.check_year(year)
        if "group" in spec:
            return group(self.ds, year, str(spec["group"]))
        if "top" in spec:
            return top(self.ds, year, int(spec["top"]))
        return explicit(self.ds, year, [str(c) for c in spec["countries"]])

    def assessed_row(self, iso3: str, year: int):
        frame = self.ds.year_frame(year)
        if iso3 not in frame.index:
            raise ReportError(f"{iso3} was not assessed in {year}")
        return frame.loc[iso3]

    def compute(self, compute: dict):
        statistic = compute["statistic"]
        if statistic in ("change", "change_pct"):
            return self._change(compute)
        year = self.year(compute)
        if "country" in compute:
            iso3 = self.ds.countries.resolve(str(compute["country"]))
            if statistic == "income_group":
                return self.ds.income_for(iso3, year).code
            row = self.assessed_row(iso3, year)
            if statistic == "value":
                return float(row[compute["indicator"]])
            if statistic == "rank":
                return int(row["rank"])
            if statistic == "egdi_group":
                return egdi_group(float(row["egdi"]))
            return rating_classes(self.ds.year_frame(year)["egdi"])[iso3]
        members = self.country_set(compute["set"], year)
        frame = self.ds.year_frame(members.year).loc[members.members]
        if statistic == "count":
            return len(members.members)
        if statistic in ("pearson", "spearman"):
            method = pearson if statistic == "pearson" else spearman
            return method(list(frame[compute["x"]]), list(frame[compute["y"]])).r
        if statistic in ("top", "top_value"):
            ordered = frame[compute["indicator"]].sort_values(ascending=False, kind="stable")
            position = int(compute["position"]) - 1
            if position >= len(ordered):
                raise ReportError(
                    f"position {position + 1}, but the set has {len(ordered)} countries"
                )
            return ordered.index[position] if statistic == "top" else float(ordered.iloc[position])
        return getattr(describe(frame[compute["indicator"]]), statistic)

    def _change(self, compute: dict):
        first, last = int(compute["from"]), int(compute["to"])
        indicator = compute["indicator"]
        values = []
        for year in (first, last):
            self.ds.check_year(year)
            if "country" in compute:
                iso3 = self.ds.countries.resolve(str(compute["country"]))
                values.append(float(self.assessed_row(iso3, year)[indicator]))
            else:
                members = self.country_set(compute["set"], year)
                frame = self.ds.year_frame(members.year).loc[members.members]
                values.append(describe(frame[indicator]).mean)
        moved = change(values[0], values[1], last - first)
        return moved.abs if compute["statistic"] == "change" else moved.pct


def audit(ds: Dataset, claims: ClaimsFile) -> dict:
    """Recompute every claim; the result is the JSON of 'egdi audit'."""
    auditor = _Auditor(ds, claims)
    results = []
    for claim in claims.claims:
        record = {
            "id": claim.id,
            "where": claim.where,
            "printed": claim.printed,
            "statistic": claim.compute["statistic"],
        }
        kind = STATISTICS[claim.compute["statistic"]][2]
        try:
            computed = auditor.compute(claim.compute)
        except (ReportError, ValueError, KeyError) as exc:
            record |= {
                "published": claim.means or claim.printed,
                "computed": None,
                "status": "error",
                "message": str(exc).strip("'"),
            }
            results.append(record)
            continue
        if kind == "category":
            record |= {
                "published": claim.means,
                "computed": computed,
                "status": "match" if computed == claim.means else "mismatch",
            }
        else:
            published, decimals = parse_printed(claim.printed)
            at_precision = Decimal(repr(float(computed))).quantize(
                Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
            )
            record |= {
                "published": float(published),
                "computed": computed,
                "computed_at_printed_precision": float(at_precision),
                "decimals": decimals,
                "error": float(computed) - float(published),
                "status": "match" if at_precision == published else "mismatch",
            }
        results.append(record)
    summary = {
        status: sum(r["status"] == status for r in results)
        for status in ("match", "mismatch", "error")
    }
    return {"claims": results, "summary": summary}
