"""poetry-core's reading of Poetry constraints: parse_constraint(c).allows(Version.parse(v)).

stdin: {"cases": [{"id", "constraint", "versions": [...]}]}; stdout: {"<id>": {"valid": bool, "allows": [bool]}}.
Run with Debian's /usr/bin/python3 (python3-poetry-core).
"""
import json
import sys

from poetry.core.constraints.version import Version, parse_constraint


def answer(constraint, versions):
    try:
        parsed = parse_constraint(constraint)
    except Exception:  # ParseConstraintError, and InvalidVersion from odd inputs
        return {"valid": False}
    return {"valid": True, "allows": [parsed.allows(Version.parse(v)) for v in versions]}


cases = json.load(sys.stdin)["cases"]
json.dump({c["id"]: answer(c["constraint"], c["versions"]) for c in cases}, sys.stdout)
