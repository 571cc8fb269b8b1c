// Python scripts the pyproject.toml tests run with Debian's /usr/bin/python3 (python3-poetry-core, tomllib): they read
// the files we write as Poetry and uv would.

// Reads the project as Poetry (poetry-core) and uv's TOML reader would, and prints what each sees.
export const CHECK = `
import json, sys, tomllib
from pathlib import Path
from poetry.core.factory import Factory
path = Path(sys.argv[1])
data = tomllib.loads(path.read_text())
poetry = data["tool"]["poetry"]
checked = Factory.validate(poetry)
project = Factory().create_poetry(path.parent)
POETRY_KEYS = {"name", "url", "priority", "links", "indexed"}
for s in poetry.get("source", []):
    assert set(s) <= POETRY_KEYS and "name" in s, s
    assert s.get("priority", "primary") in ("primary", "supplemental", "explicit"), s
UV_KEYS = {"name", "url", "default", "explicit", "format", "publish-url", "authenticate", "ignore-error-codes", "cache-control"}
for i in data["tool"]["uv"].get("index", []):
    assert set(i) <= UV_KEYS and "url" in i, i
print(json.dumps({"errors": checked["errors"], "package": project.package.name,
  "requests_source": [d.source_name for d in project.package.requires if d.name == "requests"],
  "poetry_sources": poetry.get("source"), "uv_indexes": data["tool"]["uv"].get("index")}))
`;

export const CHECK_AUTH = `
import json, sys, tomllib
print(json.dumps(tomllib.loads(open(sys.argv[1]).read())["http-basic"]))
`;

// What Poetry and uv would use: the source URL from pyproject.toml, the credentials from Poetry's auth.toml
// (or uv's UV_INDEX_<NAME>_* variables). Printed as one index URL with userinfo for pip to use.
export const RESOLVE = `
import os, sys, tomllib
from urllib.parse import quote, urlsplit, urlunsplit
tool, name = sys.argv[2], sys.argv[3]
data = tomllib.loads(open(sys.argv[1]).read())["tool"]
entry = [e for e in (data["uv"]["index"] if tool == "uv" else data["poetry"]["source"]) if e["name"] == name][0]
if tool == "uv":
    env = name.upper().replace("-", "_")
    user, password = os.environ[f"UV_INDEX_{env}_USERNAME"], os.environ[f"UV_INDEX_{env}_PASSWORD"]
else:
    auth = tomllib.loads(open(sys.argv[4]).read())["http-basic"][name]
    user, password = auth["username"], auth["password"]
u = urlsplit(entry["url"])
print(urlunsplit((u.scheme, f"{quote(user)}:{quote(password)}@{u.netloc}", u.path, "", "")))
`;

// uv.toml has [tool.uv]'s keys at the top level: the `[[index]]` entry's URL with uv's UV_INDEX_<NAME>_* credentials.
export const RESOLVE_UV_TOML = `
import os, sys, tomllib
from urllib.parse import quote, urlsplit, urlunsplit
name = sys.argv[2]
UV_KEYS = {"name", "url", "default", "explicit", "format", "publish-url", "authenticate", "ignore-error-codes", "cache-control"}
entries = tomllib.loads(open(sys.argv[1]).read())["index"]
for i in entries:
    assert set(i) <= UV_KEYS and "url" in i, i
entry = [e for e in entries if e["name"] == name][0]
env = name.upper().replace("-", "_")
u = urlsplit(entry["url"])
user, password = os.environ[f"UV_INDEX_{env}_USERNAME"], os.environ[f"UV_INDEX_{env}_PASSWORD"]
print(urlunsplit((u.scheme, f"{quote(user)}:{quote(password)}@{u.netloc}", u.path, "", "")))
`;
