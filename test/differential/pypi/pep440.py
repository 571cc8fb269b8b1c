"""Answers PEP 440 questions with packaging 23.0 and with pip's vendored packaging (what pip 23 itself uses).

stdin: {"cases": [{"id", "kind": "versions", "versions": [...]} | {"id", "kind": "filter", "spec", "versions"}]}
stdout: {"<id>": answer}. Run with Debian's /usr/bin/python3 (python3-packaging, python3-pip).
"""
import itertools
import json
import sys

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version
from pip._vendor.packaging import specifiers as pip_specifiers
from pip._vendor.packaging import version as pip_version

MAX_ORDERS = 120


def versions_answer(versions):
    parsed = []
    for text in versions:
        try:
            parsed.append((text, Version(text)))
        except InvalidVersion:
            pass
    return {
        "normalized": [str(v) if v else None for v in (_try(t) for t in versions)],
        "prerelease": [v.is_prerelease if v else None for v in (_try(t) for t in versions)],
        # sorted() is stable, so equal versions (1.0, 1.0.0) keep their input order.
        "sorted": [t for t, _ in sorted(parsed, key=lambda p: p[1])],
    }


def _try(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def outcomes(spec_set, versions):
    """SpecifierSet.filter chains Specifier.filter over a frozenset, whose order is the hash seed's: every order."""
    seen = []
    pre = spec_set.prereleases
    specs = list(spec_set._specs)
    for order in itertools.islice(itertools.permutations(specs), MAX_ORDERS):
        items = list(versions)
        if order:
            for spec in order:
                items = list(spec.filter(items, prereleases=bool(pre)))
        else:
            items = list(spec_set.filter(items))
        if items not in seen:
            seen.append(items)
    return sorted(seen)


def filter_answer(spec, versions):
    valid = [v for v in versions if _try(v) is not None]
    answer = {}
    try:
        ss = SpecifierSet(spec)
        answer["valid"] = True
        try:
            answer["contains"] = [ss.contains(v) for v in valid]
            answer["filter"] = outcomes(ss, valid)
            answer["resolves"] = [max(items, key=Version) if items else None for items in answer["filter"]]
        except InvalidVersion as e:  # packaging 23.0 cannot tell pre-releases of `===foo`
            answer["error"] = "InvalidVersion: %s" % e
    except InvalidSpecifier:
        answer["valid"] = False
    try:
        pss = pip_specifiers.SpecifierSet(spec)
        answer["pipLegacy"] = any(isinstance(s, pip_specifiers.LegacySpecifier) for s in pss._specs)
        best = []
        for items in outcomes(pss, valid):
            b = max(items, key=pip_version.parse) if items else None
            if b not in best:
                best.append(b)
        answer["pipResolves"] = best
    except pip_specifiers.InvalidSpecifier:
        answer["pipResolves"] = None
    return answer


def main():
    cases = json.load(sys.stdin)["cases"]
    out = {}
    for case in cases:
        if case["kind"] == "versions":
            out[case["id"]] = versions_answer(case["versions"])
        else:
            out[case["id"]] = filter_answer(case["spec"], case["versions"])
    json.dump(out, sys.stdout)


main()
