#!/usr/bin/env python3
"""Converts clang-tidy's diagnostics into a SARIF 2.1.0 log for code scanning.

  clang-tidy-19 --load=libAsyncTidy.so --checks='-*,async-*' -p build src/*.cpp \\
      | async-tidy-sarif.py --source-root . -o async-tidy.sarif
  run-clang-tidy-19 -load libAsyncTidy.so -checks='-*,async-*' -p build > tidy.log
  async-tidy-sarif.py tidy.log -o async-tidy.sarif

  run-clang-tidy-19 -load libAsyncTidy.so -checks='-*,async-*' -p build \
      -export-fixes fixes.yaml > /dev/null
  async-tidy-sarif --export-fixes fixes.yaml -o async-tidy.sarif

(`async-tidy --format=sarif -o async-tidy.sarif` does the same in one step.)

Reads clang-tidy's text output (or run-clang-tidy's, which interleaves the
commands it runs) from the files given, or from standard input; or, with
--export-fixes, the YAML file of clang-tidy's (or run-clang-tidy's)
-export-fixes, and then each result also carries its fix-it as a SARIF fix
(`fixes`: the file, the region to replace and the new text), which SARIF
viewers can apply. Every
`file:line:col: warning|error: message [check]` becomes a result of rule
`check`, the `note:` lines after it become its related locations, and a
diagnostic reported once per translation unit (in a header) becomes one
result. The YAML file needs Python's yaml module (Debian: python3-yaml). Each rule carries its help: for async-* checks the first paragraph and
the whole page of docs/rules/<check>.md, for clang-tidy's own checks a link to
their documentation.

Paths under --source-root (default: the current directory) are written
relative to it with uriBaseId %SRCROOT%, which is what GitHub code scanning
resolves against the checked-out repository. Exit status: 0 when converted
(with or without findings), 2 on a usage error.
"""
import argparse
import bisect
import json
import os
import re
import sys
import urllib.parse

SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
TOOL_NAME = "async-tidy"
TOOL_VERSION = "0.1.0"
TOOL_URI = "https://clang.llvm.org/extra/clang-tidy/"
CLANG_TIDY_DOCS = "https://clang.llvm.org/extra/clang-tidy/checks/"

# file:line:col: level: message [check-name(,-warnings-as-errors)]
DIAGNOSTIC = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>warning|error|note|remark): "
    r"(?P<message>.*?)(?: \[(?P<check>[^\[\]]+)\])?$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SARIF_LEVEL = {"warning": "warning", "error": "error", "remark": "note"}
EXPORT_LEVEL = {"Warning": "warning", "Error": "error", "Remark": "note"}


def resolve(path, directory):
    """An exported FilePath (absolute, or relative to the build directory)."""
    return os.path.realpath(os.path.join(directory or "", path)) if path else ""


def script_dir():
    return os.path.dirname(os.path.realpath(__file__))


def default_docs_dir():
    """docs/rules of the source tree this script is in, or of the install."""
    for candidate in (os.path.join(script_dir(), "..", "docs", "rules"),
                      os.path.join(script_dir(), "..", "share", "doc", "async-tidy", "rules")):
        if os.path.isdir(candidate):
            return os.path.normpath(candidate)
    return None


def read_doc(docs_dir, check):
    """(first paragraph, whole page) of docs/rules/<check>.md, or None."""
    if not docs_dir:
        return None
    path = os.path.join(docs_dir, check + ".md")
    try:
        with open(path, encoding="utf-8") as f:
            page = f.read()
    except OSError:
        return None
    return first_paragraph(page), page


def first_paragraph(markdown):
    """The first paragraph of prose: after the title, not a heading, list,
    table, quote, code block or HTML comment; inline markup kept as text."""
    paragraph, in_code, in_comment = [], False, False
    for line in markdown.splitlines():
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("```") or stripped.startswith("~~~"):
            in_code = not in_code
            if paragraph:
                break
            continue
        if in_code:
            continue
        if not stripped:
            if paragraph:
                break
            continue
        if not paragraph and re.match(r"(#|\||>|[-*+] |\d+\. |=+$|-+$)", stripped):
            continue
        paragraph.append(stripped)
    return " ".join(paragraph)


def first_sentence(text):
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


class Converter:
    def __init__(self, source_root, docs_dir, docs_url):
        self.source_root = os.path.realpath(source_root)
        self.docs_dir = docs_dir
        self.docs_url = docs_url
        self.rules = {}      # id -> rule object
        self.rule_order = []
        self.results = []
        self.seen = set()
        self.current = None  # the result the next notes belong to
        self.utf8_lines = {}
        self.line_starts = {}
        self.tool_version = TOOL_VERSION

    # -- locations -----------------------------------------------------------
    def artifact(self, path):
        absolute = os.path.realpath(path)
        relative = os.path.relpath(absolute, self.source_root)
        if not relative.startswith(os.pardir + os.sep) and relative != os.pardir:
            return {"uri": urllib.parse.quote(relative.replace(os.sep, "/")),
                    "uriBaseId": "%SRCROOT%"}
        return {"uri": "file://" + urllib.parse.quote(absolute)}

    def utf16_column(self, path, line, byte_column):
        """clang counts bytes; SARIF's default columnKind is UTF-16 code units."""
        if path not in self.utf8_lines:
            try:
                with open(path, "rb") as f:
                    self.utf8_lines[path] = f.read().split(b"\n")
            except OSError:
                self.utf8_lines[path] = None
        lines = self.utf8_lines[path]
        if not lines or line > len(lines):
            return byte_column
        prefix = lines[line - 1][:byte_column - 1].decode("utf-8", errors="replace")
        return len(prefix.encode("utf-16-le")) // 2 + 1

    def location(self, path, line, column, message=None):
        loc = {"physicalLocation": {
            "artifactLocation": self.artifact(path),
            "region": {"startLine": line,
                       "startColumn": self.utf16_column(path, line, column)}}}
        if message is not None:
            loc["message"] = {"text": message}
        return loc

    # -- rules ---------------------------------------------------------------
    def help_uri(self, check):
        if self.docs_url:
            return self.docs_url.rstrip("/") + "/" + check + ".md"
        return "file://" + urllib.parse.quote(
            os.path.realpath(os.path.join(self.docs_dir, check + ".md")))

    def rule_index(self, check):
        if check not in self.rules:
            self.rules[check] = self.make_rule(check)
            self.rule_order.append(check)
        return self.rule_order.index(check)

    def make_rule(self, check):
        rule = {"id": check, "name": "".join(p.capitalize() for p in re.split(r"[-.]", check))}
        doc = read_doc(self.docs_dir, check) if check.startswith("async-") else None
        if doc and doc[0]:
            paragraph, page = doc
            rule["shortDescription"] = {"text": first_sentence(paragraph)}
            rule["fullDescription"] = {"text": paragraph}
            rule["help"] = {"text": paragraph, "markdown": page}
            rule["helpUri"] = self.help_uri(check)
        elif check.startswith("clang-diagnostic-") or check == "clang-diagnostic":
            text = "A diagnostic of the Clang compiler (%s)." % check
            rule["shortDescription"] = {"text": text}
            rule["help"] = {"text": text}
        elif check.startswith("async-"):
            text = "async-tidy check %s (no page found in %s)." % (check, self.docs_dir)
            rule["shortDescription"] = {"text": text}
            rule["help"] = {"text": text}
            if self.docs_url:
                rule["helpUri"] = self.help_uri(check)
        else:
            module, _, name = check.partition("-")
            text = "clang-tidy check %s." % check
            rule["shortDescription"] = {"text": text}
            rule["help"] = {"text": text}
            if name:
                rule["helpUri"] = CLANG_TIDY_DOCS + module + "/" + name + ".html"
        rule["defaultConfiguration"] = {"level": "warning"}
        rule["properties"] = {"tags": ["concurrency"] if check.startswith("async-") else []}
        return rule

    # -- input ---------------------------------------------------------------
    def feed(self, text, cwd):
        for raw in text.splitlines():
            match = DIAGNOSTIC.match(ANSI.sub("", raw).rstrip())
            if not match:
                continue
            path = match.group("file")
            if not os.path.isabs(path):
                path = os.path.join(cwd, path)
            line, column = int(match.group("line")), int(match.group("col"))
            level, message = match.group("level"), match.group("message")
            if level == "note":
                if self.current is not None:
                    related = self.current.setdefault("relatedLocations", [])
                    loc = self.location(path, line, column, message)
                    loc["id"] = len(related)
                    related.append(loc)
                continue
            check = (match.group("check") or "clang-diagnostic").split(",")[0]
            key = (check, os.path.realpath(path), line, column, message)
            if key in self.seen:
                self.current = None  # its notes were recorded the first time
                continue
            self.seen.add(key)
            self.current = {
                "ruleId": check,
                "ruleIndex": self.rule_index(check),
                "level": SARIF_LEVEL[level],
                "message": {"text": message},
                "locations": [self.location(path, line, column)],
            }
            self.results.append(self.current)

    # -- input: clang-tidy --export-fixes ---------------------------------------------
    def contents(self, path):
        if path not in self.utf8_lines or self.utf8_lines[path] is None:
            self.utf16_column(path, 1, 1)
        lines = self.utf8_lines.get(path)
        return b"\n".join(lines) if lines is not None else None

    def position(self, path, offset):
        """(line, byte column), 1-based, of a byte offset into a file."""
        if path not in self.line_starts:
            data = self.contents(path) or b""
            self.line_starts[path] = [0] + [m.end() for m in re.finditer(b"\n", data)]
        starts = self.line_starts[path]
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def offset_location(self, path, offset, message=None):
        line, column = self.position(path, offset)
        return self.location(path, line, column, message)

    def region(self, path, offset, length):
        """The SARIF region of bytes [offset, offset + length): lines and UTF-16
        columns (the run's columnKind), and the bytes themselves."""
        start_line, start_byte = self.position(path, offset)
        end_line, end_byte = self.position(path, offset + length)
        return {"startLine": start_line,
                "startColumn": self.utf16_column(path, start_line, start_byte),
                "endLine": end_line,
                "endColumn": self.utf16_column(path, end_line, end_byte),
                "byteOffset": offset, "byteLength": length}

    def fix(self, check, replacements, directory):
        """A SARIF fix (one artifactChange per file) from clang-tidy replacements."""
        changes = {}
        for r in replacements:
            path = resolve(r.get("FilePath"), directory)
            if not path:
                continue
            changes.setdefault(path, []).append(r)
        if not changes:
            return None
        artifact_changes = []
        for path, items in changes.items():
            items = sorted(items, key=lambda r: r.get("Offset", 0))
            artifact_changes.append({
                "artifactLocation": self.artifact(path),
                "replacements": [{
                    "deletedRegion": self.region(path, r.get("Offset", 0), r.get("Length", 0)),
                    "insertedContent": {"text": r.get("ReplacementText") or ""},
                } for r in items]})
        return {"description": {"text": self.fix_title(check, changes)},
                "artifactChanges": artifact_changes}

    def fix_title(self, check, changes):
        """What the fix does, in clangd's words for a single edit."""
        items = [r for rs in changes.values() for r in rs]
        if len(items) == 1:
            path, r = next(iter(changes)), items[0]
            text, length = r.get("ReplacementText") or "", r.get("Length", 0)
            data = self.contents(path) or b""
            old = data[r.get("Offset", 0):r.get("Offset", 0) + length].decode(
                "utf-8", errors="replace")
            if not length:
                return "insert '%s'" % text
            if not text:
                return "remove '%s'" % old
            return "change '%s' to '%s'" % (old, text)
        return "apply the %d edits of the %s fix-it" % (len(items), check)

    def feed_export(self, document, directory=None):
        """Adds the diagnostics of one document of clang-tidy's --export-fixes
        (one translation unit, or run-clang-tidy's merged file), with their
        fix-its: the diagnostic's own, and each note's as an alternative."""
        for diagnostic in document.get("Diagnostics") or []:
            base = diagnostic.get("BuildDirectory") or directory or os.getcwd()
            message = diagnostic.get("DiagnosticMessage") or {}
            check = diagnostic.get("DiagnosticName") or "clang-diagnostic"
            path = resolve(message.get("FilePath"), base)
            offset = message.get("FileOffset", 0)
            if path:
                line, column = self.position(path, offset)
            else:
                line = column = 0
            key = (check, path, line, column, message.get("Message"))
            if key in self.seen:
                continue
            self.seen.add(key)
            result = {
                "ruleId": check,
                "ruleIndex": self.rule_index(check),
                "level": EXPORT_LEVEL.get(diagnostic.get("Level"), "warning"),
                "message": {"text": message.get("Message") or check},
            }
            main = resolve(document.get("MainSourceFile"), base)
            if path:
                result["locations"] = [self.offset_location(path, offset)]
            elif main:  # a diagnostic without a location: the translation unit's
                result["locations"] = [{"physicalLocation": {
                    "artifactLocation": self.artifact(main)}}]
            related = []
            for n in diagnostic.get("Notes") or []:
                note_path = resolve(n.get("FilePath"), base)
                if note_path:
                    loc = self.offset_location(note_path, n.get("FileOffset", 0), n.get("Message"))
                    loc["id"] = len(related)
                    related.append(loc)
            if related:
                result["relatedLocations"] = related
            fixes = [self.fix(check, message.get("Replacements") or [], base)]
            fixes += [self.fix(check, n.get("Replacements") or [], base)
                      for n in diagnostic.get("Notes") or []]
            fixes = [f for f in fixes if f]
            if fixes:
                result["fixes"] = fixes
            self.results.append(result)
        self.current = None

    def log(self):
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": TOOL_NAME,
                    "version": self.tool_version,
                    "informationUri": TOOL_URI,
                    "rules": [self.rules[r] for r in self.rule_order],
                }},
                "originalUriBaseIds": {"%SRCROOT%": {
                    "uri": "file://" + urllib.parse.quote(self.source_root) + "/"}},
                "columnKind": "utf16CodeUnits",
                "results": self.results,
            }],
        }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", metavar="LOG",
                        help="clang-tidy output files (default: standard input)")
    parser.add_argument("-o", "--output", default="-",
                        help="where to write the SARIF log (default: standard output)")
    parser.add_argument("--source-root", default=os.getcwd(),
                        help="the repository root results are relative to (default: .)")
    parser.add_argument("--base-dir", default=os.getcwd(),
                        help="the directory relative paths in the log are relative to: the "
                             "compile command's directory (default: the current directory)")
    parser.add_argument("--docs-dir", default=default_docs_dir(),
                        help="the directory of async-<check>.md pages (default: %(default)s)")
    parser.add_argument("--export-fixes", action="append", default=[], metavar="YAML",
                        help="read the diagnostics and their fix-its from what clang-tidy's "
                             "or run-clang-tidy's -export-fixes wrote (a YAML file, or a "
                             "directory of them) instead of a log; the results carry the "
                             "fix-its as SARIF fixes. Repeatable")
    parser.add_argument("--docs-url",
                        help="the web address of that directory (for example the docs/rules "
                             "folder of your async-tidy checkout on GitHub), for each rule's "
                             "helpUri (default: a file:// address in --docs-dir)")
    args = parser.parse_args()
    if args.docs_dir and not os.path.isdir(args.docs_dir):
        parser.error("--docs-dir %s is not a directory" % args.docs_dir)

    converter = Converter(args.source_root, args.docs_dir, args.docs_url)
    for name in args.export_fixes:
        try:
            import yaml
        except ImportError:
            parser.error("--export-fixes needs Python's yaml module, which %s lacks "
                         "(Debian: python3-yaml; run this script with /usr/bin/python3)"
                         % sys.executable)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        names = sorted(os.path.join(name, n) for n in os.listdir(name)
                       if n.endswith((".yaml", ".yml"))) if os.path.isdir(name) else [name]
        for path in names:
            try:
                with open(path, encoding="utf-8") as f:
                    for document in yaml.load_all(f, Loader=loader):
                        converter.feed_export(document or {}, args.base_dir)
            except OSError as e:
                parser.error("cannot read %s: %s" % (path, e.strerror))
    if not args.inputs and not args.export_fixes:
        converter.feed(sys.stdin.read(), args.base_dir)
    for name in args.inputs:
        try:
            with open(name, encoding="utf-8", errors="replace") as f:
                converter.feed(f.read(), args.base_dir)
        except OSError as e:
            parser.error("cannot read %s: %s" % (name, e.strerror))

    text = json.dumps(converter.log(), indent=2) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
