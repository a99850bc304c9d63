#!/usr/bin/env python3
"""Validates a 360Giving package offline against the 1.4.x JSON Schemas.

Usage: python3 tests/validate_360giving.py <package.json> <schema-dir>
           [--codelists DIR] [--org-ids CSV]

<schema-dir> holds 360-giving-package-schema.json and 360-giving-schema.json.
Codelists default to <schema-dir>/codelists or <schema-dir>/../codelists, the
org-id prefix table to <schema-dir>/../org-id/org-id-prefixes.derived.csv.

Beyond the schema (Draft 2020-12, format checking on, $ref resolved locally,
never over the network) it reports as errors: impossible calendar dates,
duplicate grant ids, identical grants, org ids whose prefix is neither an
org-id.guide list code nor "360G-", and codes outside the closed codelists the
schema does not enforce (regrantType, locationScope, toIndividualsDetails,
geoCodeType). Warnings: grant ids without "360G-", deprecated org-id lists,
GB-COH numbers that are not 8 characters.

Exit status: 0 valid, 1 invalid (errors listed on stderr), 2 bad usage.
Works with Debian's python3-jsonschema 4.10 (RefResolver) and with 4.18+
(referencing); needs no rfc3339-validator: it brings its own format checks.
"""

import argparse
import copy
import csv
import datetime
import json
import pathlib
import re
import sys

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

PACKAGE_SCHEMA = "360-giving-package-schema.json"
GRANT_SCHEMA = "360-giving-schema.json"
RAW = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/{}/schema/"
# The schema's YYYY-MM-DD pattern; days it lets through get a calendar check.
DATE_RE = re.compile(r"^([0-9]{4})-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")
DATE_TIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
    r"([Zz]|[+-](\d{2}):(\d{2}))$")
URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
DATE_KEYS = {"awardDate", "startDate", "endDate", "dateModified", "issued",
             "modified", "transactionDate", "valueDate"}
MAX_MESSAGE = 240


def fail_usage(message):
    print(f"validate_360giving: {message}", file=sys.stderr)
    sys.exit(2)


def is_date_time(value):
    """RFC 3339 date-time with a zone and a real calendar day."""
    if not isinstance(value, str):
        return True
    m = DATE_TIME_RE.match(value)
    if not m or not is_calendar_date(*m.groups()[:3]):
        return False
    hour, minute, second = int(m[4]), int(m[5]), int(m[6])
    zone_ok = m[9] is None or (int(m[9]) <= 23 and int(m[10]) <= 59)
    return hour <= 23 and minute <= 59 and second <= 60 and zone_ok


def is_uri(value):
    """An absolute URI (scheme and no spaces); http(s) needs a host."""
    if not isinstance(value, str):
        return True
    if not URI_RE.match(value):
        return False
    scheme, rest = value.split(":", 1)
    return scheme.lower() not in ("http", "https") or (
        rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#")


def is_calendar_date(year, month, day):
    try:
        datetime.date(int(year), int(month), int(day))
        return True
    except ValueError:
        return False


def format_checker():
    checker = FormatChecker(formats=())
    checker.checks("date-time")(is_date_time)
    checker.checks("uri")(is_uri)
    return checker


def make_validator(schema_dir):
    """Draft 2020-12 validator of the package with the grant schema local."""
    try:
        package = json.loads((schema_dir / PACKAGE_SCHEMA).read_text("utf-8"))
        grant = json.loads((schema_dir / GRANT_SCHEMA).read_text("utf-8"))
    except (OSError, ValueError) as e:
        fail_usage(f"cannot read the schemas in {schema_dir}: {e}")
    package = copy.deepcopy(package)
    # uniqueItems compares grants pairwise (O(n^2)); check_identical hashes.
    package["properties"]["grants"].pop("uniqueItems", None)
    urls = {grant["$id"], package["properties"]["grants"]["items"]["$ref"]}
    urls |= {RAW.format(v) + GRANT_SCHEMA for v in ("1.4.2", "1.4.3")}
    checker = format_checker()
    try:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012
    except ImportError:  # jsonschema < 4.18, e.g. Debian 12's 4.10.3
        def no_network(url):
            raise jsonschema.RefResolutionError(f"offline, no {url}")
        resolver = jsonschema.RefResolver.from_schema(
            package, store={url: grant for url in urls},
            handlers={"http": no_network, "https": no_network})
        return Draft202012Validator(package, resolver=resolver,
                                    format_checker=checker)
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources([(url, resource) for url in urls])
    return Draft202012Validator(package, registry=registry,
                                format_checker=checker)


def where(path):
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(package)"


def shorten(text):
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + "..."


def describe(error):
    """One line per schema error; oneOf/anyOf failures list their branches."""
    message = shorten(error.message)
    if error.validator in ("oneOf", "anyOf"):
        # The library's message repeats the whole instance: say why instead.
        reasons = sorted({shorten(e.message) for e in error.context or []})
        message = ("matches none of the " + error.validator + " branches: " +
                   "; ".join(reasons)) if reasons else \
            "matches more than one oneOf branch"
        if list(error.absolute_path)[:1] == ["grants"] and \
                len(error.absolute_path) == 2:
            message += (" (a grant needs exactly one of recipientOrganization"
                        " and recipientIndividual, plus the other required"
                        " fields)")
    return f"{where(error.absolute_path)}: {message}"


def walk(node, path=()):
    """Yields (path, key, value) for every object member in the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, path + (i,))


def check_dates(package, errors):
    for path, key, value in walk(package):
        if key in DATE_KEYS and isinstance(value, str):
            m = DATE_RE.match(value)
            if m and not is_calendar_date(*m.groups()):
                errors.append(f"{where(path + (key,))}: '{value}' is not a "
                              "real calendar date")


def canonical(node):
    """JSON text equal for JSON-equal values (1 == 1.0, key order)."""
    def norm(x):
        if isinstance(x, float) and x.is_integer():
            return int(x)
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items()}
        if isinstance(x, list):
            return [norm(v) for v in x]
        return x
    return json.dumps(norm(node), sort_keys=True, ensure_ascii=False)


def check_grant_ids(grants, errors, warnings):
    first_index, first_text = {}, {}
    for i, grant in enumerate(grants):
        if not isinstance(grant, dict):
            continue
        text = canonical(grant)
        if text in first_text:
            errors.append(
                f"grants[{i}]: identical to grants[{first_text[text]}]")
        first_text.setdefault(text, i)
        gid = grant.get("id")
        if not isinstance(gid, str):
            continue
        if gid in first_index:
            errors.append(f"grants[{i}].id: duplicate id '{gid}' "
                          f"(first at grants[{first_index[gid]}])")
        else:
            first_index[gid] = i
        if not gid.startswith("360G-"):
            warnings.append(f"grants[{i}].id: '{gid}' lacks a 360G- prefix")


def load_org_prefixes(csv_path):
    try:
        with open(csv_path, newline="", encoding="utf-8") as f:
            return {row["code"]: row.get("deprecated") == "true"
                    for row in csv.DictReader(f)}
    except (OSError, KeyError) as e:
        fail_usage(f"cannot read org-id prefixes {csv_path}: {e}")


def org_ids(package):
    """(path, id) of every organisation identifier in the package."""
    publisher = package.get("publisher")
    if isinstance(publisher, dict) and \
            isinstance(publisher.get("identifier"), str):
        yield "publisher.identifier", publisher["identifier"]
    for path, key, value in walk(package.get("grants", [])):
        full = ("grants",) + path
        if key in ("fundingOrganization", "recipientOrganization") and \
                isinstance(value, list):
            for i, org in enumerate(value):
                if isinstance(org, dict) and isinstance(org.get("id"), str):
                    yield where(full + (key, i, "id")), org["id"]
        if key in ("provider", "recipient") and isinstance(value, str) and \
                len(path) >= 2 and str(path[-2]).endswith("Transaction"):
            yield where(full + (key,)), value


def check_org_ids(package, prefixes, errors, warnings):
    for path, org_id in org_ids(package):
        if org_id.startswith("360G-") and len(org_id) > 5:
            continue
        parts = org_id.split("-")
        codes = ["-".join(parts[:k]) for k in range(len(parts) - 1, 0, -1)]
        code = next((c for c in codes if c in prefixes), None)
        if code is None:
            errors.append(f"{path}: '{org_id}' has no org-id.guide list "
                          "prefix and does not start with 360G-")
            continue
        if prefixes[code]:
            warnings.append(f"{path}: '{org_id}' uses deprecated list {code}")
        if code == "GB-COH" and len(org_id) - len("GB-COH-") != 8:
            warnings.append(f"{path}: '{org_id}' company number is not "
                            "8 characters")


def load_codelist(codelist_dir, name):
    try:
        with open(codelist_dir / name, newline="", encoding="utf-8") as f:
            return {row["Code"] for row in csv.DictReader(f)}
    except (OSError, KeyError) as e:
        fail_usage(f"cannot read codelist {name}: {e}")


def check_codelists(grants, codelist_dir, errors):
    lists = {name: load_codelist(codelist_dir, name + ".csv") for name in
             ("regrantType", "locationScope", "grantToIndividualsReason",
              "grantToIndividualsPurpose", "geoCodeType")}
    field_list = {"regrantType": "regrantType",
                  "locationScope": "locationScope",
                  "primaryGrantReason": "grantToIndividualsReason",
                  "secondaryGrantReason": "grantToIndividualsReason",
                  "grantPurpose": "grantToIndividualsPurpose",
                  "geoCodeType": "geoCodeType"}
    for path, key, value in walk(grants):
        if key not in field_list or value is None:
            continue
        values = value if isinstance(value, list) else [value]
        for code in values:
            if isinstance(code, str) and code not in lists[field_list[key]]:
                errors.append(f"{where(('grants',) + path + (key,))}: '{code}'"
                              f" is not in {field_list[key]}.csv")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=pathlib.Path)
    parser.add_argument("schema_dir", type=pathlib.Path)
    parser.add_argument("--codelists", type=pathlib.Path)
    parser.add_argument("--org-ids", type=pathlib.Path)
    args = parser.parse_args()
    if args.codelists is None:
        inside = args.schema_dir / "codelists"
        args.codelists = inside if inside.is_dir() else \
            args.schema_dir.parent / "codelists"
    if args.org_ids is None:
        args.org_ids = (args.schema_dir.parent / "org-id" /
                        "org-id-prefixes.derived.csv")
    return args


def main():
    args = parse_args()
    validator = make_validator(args.schema_dir)
    prefixes = load_org_prefixes(args.org_ids)
    errors, warnings = [], []
    try:
        with open(args.package, encoding="utf-8") as f:
            package = json.load(f)
    except (OSError, ValueError) as e:
        errors.append(f"(package): cannot read JSON: {e}")
        package = None
    if package is not None:
        schema_errors = sorted(validator.iter_errors(package),
                               key=lambda e: [str(p) for p in e.absolute_path])
        errors += [describe(e) for e in schema_errors]
        grants = package.get("grants") if isinstance(package, dict) else None
        if isinstance(grants, list):
            check_grant_ids(grants, errors, warnings)
            check_codelists(grants, args.codelists, errors)
            check_dates(package, errors)
            check_org_ids(package, prefixes, errors, warnings)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if errors:
        print(f"INVALID 360Giving package {args.package}: {len(errors)} "
              "error(s):", file=sys.stderr)
        for error in errors:
            print(f"  - {error}", file=sys.stderr)
        return 1
    print(f"OK {args.package}: {len(package['grants'])} grants valid "
          f"({len(warnings)} warning(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
