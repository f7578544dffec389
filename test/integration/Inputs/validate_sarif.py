#!/usr/bin/python3
"""Validates a SARIF log against the OASIS SARIF 2.1.0 JSON schema and
against what GitHub code scanning needs, then prints its results for FileCheck.

  validate_sarif.py --schema sarif-schema-2.1.0.json --docs-dir docs/rules LOG

Each result's fixes (SARIF 3.55) are checked against the files they edit:
every replacement's deletedRegion must give the same bytes by its lines and
UTF-16 columns as by byteOffset/byteLength, within the file.

Run with Debian's /usr/bin/python3 (python3-jsonschema). Exits 1 with every
problem listed when the log is not valid.
"""
import argparse
import json
import os
import re
import sys
import urllib.parse

import jsonschema

# docs.github.com, "SARIF support for code scanning": upload limits.
GITHUB_LIMITS = {"runs": 20, "results": 25000, "rules": 25000, "locations": 1000, "tags": 20}


def words(text):
    return " ".join(re.sub(r"[`*_\[\]()]", " ", text).split())


def local_path(location, bases):
    """The file an artifactLocation names (file:// URIs, %SRCROOT%-relative)."""
    uri = location["uri"]
    base = location.get("uriBaseId")
    if base is not None:
        uri = bases[base]["uri"].rstrip("/") + "/" + uri
    parsed = urllib.parse.urlparse(uri)
    return urllib.parse.unquote(parsed.path)


def byte_offset(lines, line, utf16_column):
    """The byte offset of a 1-based line and UTF-16 column."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1].decode("utf-8")
    units, chars = 0, 0
    while units < utf16_column - 1:
        if chars >= len(text):
            return None
        units += len(text[chars].encode("utf-16-le")) // 2
        chars += 1
    return sum(len(l) + 1 for l in lines[:line - 1]) + len(text[:chars].encode("utf-8"))


def check_region(path, region):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return "in %s: %s" % (path, e.strerror)
    lines = data.split(b"\n")
    start = byte_offset(lines, region["startLine"], region["startColumn"])
    end = byte_offset(lines, region["endLine"], region["endColumn"])
    if start is None or end is None:
        return "%r is outside %s" % (region, path)
    if "byteOffset" in region and (start, end - start) != (region["byteOffset"],
                                                          region.get("byteLength", 0)):
        return "%r: lines and columns give bytes %d+%d" % (region, start, end - start)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--docs-dir", required=True)
    parser.add_argument("log")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    with open(args.log, encoding="utf-8") as f:
        log = json.load(f)

    problems = []
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    for error in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
        problems.append("schema: %s at /%s" % (error.message,
                                              "/".join(str(p) for p in error.absolute_path)))
    print("schema: %s, %s" % (validator_class.__name__,
                              "valid" if not problems else "INVALID"))

    # What code scanning reads beyond the schema's required properties.
    if log.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= GITHUB_LIMITS["runs"]:
        problems.append("%d runs" % len(runs))
    for run in runs:
        driver = run["tool"]["driver"]
        rules = {r["id"]: r for r in driver.get("rules", [])}
        print("tool: %s %s" % (driver["name"], driver.get("version", "")))
        if len(rules) > GITHUB_LIMITS["rules"] or len(run.get("results", [])) > GITHUB_LIMITS["results"]:
            problems.append("over GitHub's rule or result limit")
        bases = run.get("originalUriBaseIds", {})
        for rule_id, rule in sorted(rules.items()):
            if len(rule.get("properties", {}).get("tags", [])) > GITHUB_LIMITS["tags"]:
                problems.append("rule %s: too many tags" % rule_id)
            if not rule.get("shortDescription", {}).get("text"):
                problems.append("rule %s: no shortDescription" % rule_id)
            help_text = rule.get("help", {}).get("text", "")
            doc = os.path.join(args.docs_dir, rule_id + ".md")
            origin = "none"
            if rule_id.startswith("async-"):
                if not os.path.isfile(doc):
                    problems.append("rule %s: no page %s" % (rule_id, doc))
                else:
                    with open(doc, encoding="utf-8") as f:
                        page = f.read()
                    if not help_text or words(help_text) not in words(page):
                        problems.append("rule %s: help text is not from %s" % (rule_id, doc))
                    elif rule.get("help", {}).get("markdown") != page:
                        problems.append("rule %s: help markdown is not %s" % (rule_id, doc))
                    else:
                        origin = "docs/rules/%s.md" % rule_id
            print("rule: %s help=%s helpUri=%s" % (rule_id, origin, rule.get("helpUri", "-")))
        def position(result):
            physical = result.get("locations", [{}])[0].get("physicalLocation", {})
            return (physical.get("artifactLocation", {}).get("uri", ""),
                    physical.get("region", {}).get("startLine", 0),
                    physical.get("region", {}).get("startColumn", 0))
        # Sorted: run-clang-tidy's order depends on which translation unit finishes first.
        for result in sorted(run.get("results", []), key=position):
            rule_id = result.get("ruleId")
            if rule_id not in rules:
                problems.append("result with undeclared rule %s" % rule_id)
            elif driver["rules"][result.get("ruleIndex", -1)]["id"] != rule_id:
                problems.append("result %s: ruleIndex does not point at its rule" % rule_id)
            if not result.get("message", {}).get("text"):
                problems.append("result %s: no message" % rule_id)
            locations = result.get("locations", [])
            if not 1 <= len(locations) <= GITHUB_LIMITS["locations"]:
                problems.append("result %s: %d locations" % (rule_id, len(locations)))
                continue
            physical = locations[0]["physicalLocation"]
            artifact, region = physical["artifactLocation"], physical["region"]
            base = artifact.get("uriBaseId")
            if base is not None and base not in bases:
                problems.append("result %s: uriBaseId %s is not declared" % (rule_id, base))
            if base is not None and re.match(r"^[a-z]+:", artifact["uri"]):
                problems.append("result %s: uri %s is not relative" % (rule_id, artifact["uri"]))
            related = ["%s:%d:%d %s" % (r["physicalLocation"]["artifactLocation"]["uri"],
                                        r["physicalLocation"]["region"]["startLine"],
                                        r["physicalLocation"]["region"]["startColumn"],
                                        r["message"]["text"])
                       for r in result.get("relatedLocations", [])]
            print("result: %s %s %s:%d:%d %s" % (result.get("level", "warning"), rule_id,
                                                 artifact["uri"],
                                                 region["startLine"], region.get("startColumn", 0),
                                                 result["message"]["text"]))
            for r in related:
                print("  related: " + r)
            for fix in result.get("fixes", []):
                print("  fix: " + fix.get("description", {}).get("text", "-"))
                if not fix.get("artifactChanges"):
                    problems.append("result %s: a fix without artifactChanges" % rule_id)
                for change in fix.get("artifactChanges", []):
                    location = change["artifactLocation"]
                    path = local_path(location, bases)
                    for replacement in change.get("replacements", []):
                        region = replacement["deletedRegion"]
                        text = replacement.get("insertedContent", {}).get("text", "")
                        print('    edit %s:%d:%d-%d:%d "%s"' % (
                            location["uri"], region["startLine"], region["startColumn"],
                            region["endLine"], region["endColumn"], text))
                        problem = check_region(path, region)
                        if problem:
                            problems.append("result %s: fix region %s" % (rule_id, problem))
        print("results: %d" % len(run.get("results", [])))

    if problems:
        sys.stdout.flush()
        sys.stderr.write("\n".join(problems) + "\n")
        return 1
    print("github: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
