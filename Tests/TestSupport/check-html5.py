#!/usr/bin/python3
"""Parses HTML files with html5lib, as a browser would, and reports what must never be there.

Usage: check-html5.py FILE...  Prints one line per problem; exits 1 if there is any.
"""
import sys

import html5lib

problems = []
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        parser = html5lib.HTMLParser(namespaceHTMLElements=False)
        tree = parser.parse(handle.read())
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.split("}")[-1].lower() in ("script", "iframe", "object", "embed"):
            problems.append(f"{path}: <{tag}> element")
        for name, value in element.attrib.items():
            local = name.split("}")[-1].lower()
            if local.startswith("on"):
                problems.append(f"{path}: {local}= attribute on <{tag}>")
            if local in ("href", "src", "action", "xlink:href", "formaction") and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                problems.append(f"{path}: {local}={value!r}")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
