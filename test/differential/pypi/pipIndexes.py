"""pip 23's own answer for `pip install -r <file>`: its option defaults from config files and PIP_* (the install
command's ConfigOptionParser), the requirements it reads and the index list after the files' option lines
(RequirementsFileParser + handle_option_line on a real PackageFinder). Offline: nothing is fetched.

stdin: {"cases": [{"id", "dir", "env": {...}, "requirements": "<path or null>"}]}; files are already written.
Run with Debian's /usr/bin/python3 (python3-pip).
"""
import json
import os
import sys

from pip._internal.commands import create_command
from pip._internal.index.collector import LinkCollector
from pip._internal.index.package_finder import PackageFinder
from pip._internal.models.selection_prefs import SelectionPreferences
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import RequirementsFileParser, get_line_parser, handle_option_line
from pip._vendor.packaging.requirements import Requirement

BASE_ENV = dict(os.environ)
SESSION = PipSession()


def answer(case):
    os.environ.clear()
    os.environ.update({k: v for k, v in BASE_ENV.items() if not k.startswith("PIP_") and k not in ("HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS")})
    os.environ.update(case["env"])
    try:
        options, _ = create_command("install").parse_args([])
    except SystemExit:
        return {"error": "pip could not read its configuration"}
    out = {"indexUrl": options.index_url, "extraIndexUrls": options.extra_index_urls, "noIndex": bool(options.no_index)}
    if case.get("requirements"):
        finder = PackageFinder.create(LinkCollector.create(SESSION, options=options), SelectionPreferences(allow_yanked=True))
        reqs = []
        try:
            parser = RequirementsFileParser(SESSION, get_line_parser(finder))
            for line in parser.parse(case["requirements"], constraint=False):
                if line.is_requirement:
                    try:
                        r = Requirement(line.requirement)
                        if r.url:
                            continue  # a direct reference: nothing to look up in an index
                        reqs.append({"name": r.name, "specifiers": sorted(str(s) for s in r.specifier), "constraint": line.constraint})
                    except Exception:
                        reqs.append({"invalid": line.requirement, "constraint": line.constraint})
                else:
                    handle_option_line(line.opts, line.filename, line.lineno, finder, options, SESSION)
        except Exception as e:  # a missing include, a bad option: pip stops here
            out["fileError"] = type(e).__name__
        out["urls"] = list(finder.index_urls)
        out["requirements"] = reqs
    return out


cases = json.load(sys.stdin)["cases"]
json.dump({c["id"]: answer(c) for c in cases}, sys.stdout)
