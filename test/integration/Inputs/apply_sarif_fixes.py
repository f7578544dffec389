#!/usr/bin/env python3
"""Applies the first fix of every result of a SARIF log to the files it
names, by each replacement's byteOffset/byteLength, as a SARIF viewer's
"apply fix" would: the same edit reported by several results is applied
once; overlapping different edits are an error.

  apply_sarif_fixes.py LOG [--root DIR]

--root applies them to a copy of the source tree: %SRCROOT% is DIR. Prints `applied N edits to M files`.
"""
import argparse
import json
import sys
import urllib.parse


def local_path(location, bases, root):
    uri = location["uri"]
    base = location.get("uriBaseId")
    if base is not None:
        prefix = "file://" + urllib.parse.quote(root) if root else bases[base]["uri"]
        uri = prefix.rstrip("/") + "/" + uri
    return urllib.parse.unquote(urllib.parse.urlparse(uri).path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--root")
    args = parser.parse_args()
    with open(args.log, encoding="utf-8") as f:
        log = json.load(f)
    edits = {}
    for run in log["runs"]:
        bases = run.get("originalUriBaseIds", {})
        for result in run.get("results", []):
            if not result.get("fixes"):
                continue
            for change in result["fixes"][0]["artifactChanges"]:
                path = local_path(change["artifactLocation"], bases, args.root)
                for r in change["replacements"]:
                    region = r["deletedRegion"]
                    edits.setdefault(path, set()).add(
                        (region["byteOffset"], region.get("byteLength", 0),
                         r.get("insertedContent", {}).get("text", "")))
    count = 0
    for path, items in edits.items():
        with open(path, "rb") as f:
            data = f.read()
        previous_start = None
        for offset, length, text in sorted(items, reverse=True):
            if previous_start is not None and offset + length > previous_start:
                sys.exit("overlapping edits in %s at byte %d" % (path, offset))
            data = data[:offset] + text.encode("utf-8") + data[offset + length:]
            previous_start = offset
            count += 1
        with open(path, "wb") as f:
            f.write(data)
    print("applied %d edits to %d files" % (count, len(edits)))


if __name__ == "__main__":
    main()
