"""Reads YAML files as a YAML 1.1 reader does (PyYAML's safe_load, as pre-commit, Ansible and most
Python tools do) and prints one JSON object: for each file given, either {"data": ...} with every
value JSON has no type for (a date, a timestamp, bytes, a set, a key that is not a string) listed
under "odd" with its JSON Pointer, or {"error": "..."} when the file does not parse."""

import json
import sys

import yaml


def plain(value, pointer, odd):
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                odd.append({"pointer": pointer, "type": "key " + type(key).__name__, "value": str(key)})
            name = str(key)
            out[name] = plain(item, pointer + "/" + name.replace("~", "~0").replace("/", "~1"), odd)
        return out
    if isinstance(value, list):
        return [plain(item, pointer + "/" + str(i), odd) for i, item in enumerate(value)]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    odd.append({"pointer": pointer, "type": type(value).__name__, "value": str(value)})
    return {"$yaml11": type(value).__name__, "value": str(value)}


result = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        result[path] = {"error": str(error)}
        continue
    odd = []
    result[path] = {"data": plain(data, "", odd), "odd": odd}
json.dump(result, sys.stdout)
