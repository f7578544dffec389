#!/usr/bin/env python3
"""Runs one async-* check on a test file and verifies it with FileCheck.

The equivalent of LLVM's check_clang_tidy.py (which Debian does not ship),
for a plugin loaded with --load:

  check_async_tidy.py [-check-suffix=S[,T]] [-expect-clang-tidy-error]
                      INPUT CHECK_NAME TEMP [-- CLANG_TIDY_ARGS [-- COMPILER_ARGS]]

* `// CHECK-MESSAGES[-S]:` lines must match clang-tidy's diagnostics, and no
  warning or error may go unchecked (-implicit-check-not).
* `// CHECK-NOTES[-S]:` lines do the same with notes included: no note,
  warning or error may go unchecked. A test whose checks emit notes must use
  CHECK-NOTES (as clang-tidy's own tests do), so a wrong or missing note
  fails it. The compiler's own notes on an error in invalid code are not the
  check's and are left out.
* `// CHECK-FIXES[-S]:` lines must match the file after -fix; a test without
  them must come out of -fix unchanged.
* The CHECK lines are blanked out of the copy clang-tidy sees, so line
  numbers ([[@LINE]]) stay right.
"""
import argparse
import os
import re
import subprocess
import sys


DIAGNOSTIC = re.compile(r"^.*?:\d+:\d+: (warning|error|note): ")
NOTE = re.compile(r"^.*?:\d+:\d+: note: ")


def without_compiler_notes(output):
    """Drops the notes (and their source excerpts) that belong to the
    compiler's own errors: they explain the invalid code, not the check; and
    -fix's "FIX-IT applied" notes."""
    kept, dropping, owner = [], False, None
    for line in output.splitlines(keepends=True):
        m = DIAGNOSTIC.match(line)
        if m:
            if m.group(1) != "note":
                owner = "compiler" if "[clang-diagnostic-" in line else "check"
            dropping = m.group(1) == "note" and owner == "compiler"
        elif line.startswith(("Running ", "-----")) or "warnings generated" in line or \
                "error generated" in line or "errors generated" in line:
            dropping = False
        # -fix's own bookkeeping, not a note of the check.
        if not dropping and "note: FIX-IT applied suggested code changes" not in line:
            kept.append(line)
    return "".join(kept)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kw)


def main():
    parser = argparse.ArgumentParser(add_help=True)
    parser.add_argument("-check-suffix", "-check-suffixes", default="", dest="suffixes")
    parser.add_argument("-expect-clang-tidy-error", action="store_true")
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--std", default="c++20")
    parser.add_argument("input")
    parser.add_argument("check_name")
    parser.add_argument("temp")
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        i = argv.index("--")
        argv, rest = argv[:i], argv[i + 1:]
    args = parser.parse_args(argv)

    tidy_args, compiler_args = rest, []
    if "--" in rest:
        i = rest.index("--")
        tidy_args, compiler_args = rest[:i], rest[i + 1:]

    suffixes = [s for s in args.suffixes.split(",") if s]
    prefixes = [("CHECK-MESSAGES" + ("-" + s if s else ""),
                 "CHECK-FIXES" + ("-" + s if s else ""),
                 "CHECK-NOTES" + ("-" + s if s else ""))
                for s in (suffixes or [""])]

    with open(args.input, encoding="utf-8") as f:
        original = f.read()
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", original)
    has_fixes = any(re.search(r"\b%s:" % f, original) for _, f, _ in prefixes)

    temp = args.temp + os.path.splitext(args.input)[1]
    os.makedirs(os.path.dirname(os.path.abspath(temp)), exist_ok=True)
    with open(temp, "w", encoding="utf-8") as f:
        f.write(cleaned)

    cmd = [args.clang_tidy, "--load=" + args.plugin, temp, "-fix",
           "--checks=-*," + args.check_name] + tidy_args + \
          ["--", "-std=" + args.std] + compiler_args
    if args.expect_clang_tidy_error:
        cmd.insert(4, "-fix-errors")
    result = run(cmd)
    output = result.stdout
    print("Running " + " ".join(cmd))
    print("------------------------ clang-tidy output -----------------------")
    print(output)
    if result.returncode < 0 or "Stack dump" in output or "PLEASE submit a bug report" in output:
        sys.exit("clang-tidy crashed (exit %d)" % result.returncode)
    if args.expect_clang_tidy_error:
        if result.returncode == 0 and "error:" not in output:
            sys.exit("expected a clang-tidy error, none was reported")
    elif result.returncode != 0:
        sys.exit("clang-tidy failed (exit %d)" % result.returncode)

    with open(temp, encoding="utf-8") as f:
        fixed = f.read()

    if not has_fixes and fixed != cleaned:
        diff = run(["diff", "-u", "-", temp], input=cleaned).stdout
        sys.exit("the check changed a file that has no CHECK-FIXES:\n" + diff)

    output = without_compiler_notes(output)
    check_notes = any(NOTE.match(line) for line in output.splitlines())
    messages_file = temp + ".msg"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write(output)

    def used(kind):
        return [p[kind] for p in prefixes if re.search(r"\b%s:" % p[kind], original)]
    messages, fixes, notes = used(0), used(1), used(2)
    if fixes:
        r = run([args.filecheck, "-input-file=" + temp, args.input,
                 "-check-prefixes=" + ",".join(fixes), "-strict-whitespace"])
        if r.returncode:
            sys.exit("CHECK-FIXES failed:\n" + r.stdout)
    if check_notes and not notes:
        sys.exit("the check emits notes but the test does not check them: use CHECK-NOTES "
                 "for every warning and note")
    kinds = "warning" if args.expect_clang_tidy_error else "warning|error"
    if notes:
        r = run([args.filecheck, "-input-file=" + messages_file, args.input,
                 "-check-prefixes=" + ",".join(notes + messages),
                 "-implicit-check-not={{note|%s}}:" % kinds])
    elif messages:
        r = run([args.filecheck, "-input-file=" + messages_file, args.input,
                 "-check-prefixes=" + ",".join(messages),
                 "-implicit-check-not={{%s}}:" % kinds])
    else:
        # No expected diagnostics: there must be none.
        unexpected = [line for line in output.splitlines()
                      if re.match(r"^.*?:\d+:\d+: (note|%s): " % kinds, line)]
        if unexpected:
            sys.exit("no diagnostics are expected, but there are:\n" + "\n".join(unexpected))
        return
    if r.returncode:
        sys.exit("CHECK-MESSAGES failed:\n" + r.stdout)

if __name__ == "__main__":
    main()
