#!/usr/bin/env python3
"""Drives a clangd over the Language Server Protocol and prints what it says.

  lsp_session.py hazard --clangd BIN --workdir DIR --tg-include DIR
      Opens a coroutine that swallows tg::cancelled, prints the diagnostics,
      asks for code actions on the async-* diagnostic, applies its quick fix
      through didChange and prints the diagnostics of the fixed text.

  lsp_session.py parity --clangd BIN --reference BIN --workdir DIR --tg-include DIR
      Runs the same session against two clangds on ordinary C++ (a compile
      error, a clang warning, a bugprone-* finding, a refactoring tweak) and
      prints the first one's answers, then "parity: identical" or the diff.

Every line printed is for FileCheck. Plain stdlib; every wait has a deadline,
and the server is killed on the way out, so a broken clangd fails the test
instead of hanging it.
"""
import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time

TIMEOUT = float(os.environ.get("ASYNC_TIDY_LSP_TIMEOUT", "240"))

HAZARD = """\
#include <tg/tg.hpp>

void log();

tg::task<> fetch_with_retry() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    log();
  }
  co_await tg::checkpoint();
}
"""

# Diagnostics every clangd reports the same way: an error, a compiler
# warning, and a clang-tidy check that clangd's fast-check list allows.
ORDINARY = """\
#include <tg/tg.hpp>

int unused_result(int x) {
  if (x = 3)
    return x;
  return missing_function(x);
}

int extract_me(int a, int b) {
  return (a + b) * (a - b);
}
"""


class LspError(Exception):
    pass


class Server:
    def __init__(self, argv, cwd, env, log_path):
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log)
        self.messages = queue.Queue()
        self.next_id = 0
        self.pending = []  # messages read while waiting for something else
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length is None:
                    raise LspError("message without Content-Length")
                self.messages.put(json.loads(stream.read(length)))
        finally:
            self.messages.put(None)

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        request_id = self.next_id
        self.send({"id": request_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == request_id and "method" not in m,
                          "reply to " + method)
        if "error" in reply:
            raise LspError("%s failed: %s" % (method, reply["error"]))
        return reply["result"]

    def wait(self, predicate, what):
        for i, message in enumerate(self.pending):
            if predicate(message):
                return self.pending.pop(i)
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError("timed out after %ds waiting for %s" % (TIMEOUT, what))
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise LspError("server exited (status %s) while waiting for %s"
                               % (self.proc.poll(), what))
            if "method" in message and "id" in message:
                # A server-to-client request (workDoneProgress/create, ...).
                self.send({"id": message["id"], "result": None})
                continue
            if predicate(message):
                return message
            self.pending.append(message)

    def diagnostics(self, uri, version):
        message = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri and m["params"].get("version") == version,
            "diagnostics of %s version %d" % (uri, version))
        return message["params"]["diagnostics"]

    def close(self):
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None)
                self.notify("exit", None)
                self.proc.wait(timeout=30)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.log.close()


def start(clangd, workdir, name):
    # An isolated user configuration: only the project's .clangd applies.
    env = dict(os.environ, HOME=workdir, XDG_CONFIG_HOME=os.path.join(workdir, "xdg"))
    server = Server([clangd, "--background-index=false", "--log=verbose"], workdir, env,
                    os.path.join(workdir, name + ".log"))
    root = "file://" + workdir
    server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": root,
        "workspaceFolders": [{"uri": root, "name": "test"}],
        "capabilities": {
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}},
            },
        },
    })
    server.notify("initialized", {})
    return server


def write_project(workdir, tg_include, checks):
    with open(os.path.join(workdir, "compile_flags.txt"), "w") as f:
        f.write("-std=c++20\n-I%s\n" % tg_include)
    with open(os.path.join(workdir, ".clangd"), "w") as f:
        f.write("Diagnostics:\n"
                "  ClangTidy:\n"
                "    Add: [%s]\n"
                "    FastCheckFilter: Loose\n" % ", ".join(checks))


def position(p):
    return "%d:%d" % (p["line"] + 1, p["character"] + 1)


def span(r):
    return "%s-%s" % (position(r["start"]), position(r["end"]))


SEVERITY = {1: "error", 2: "warning", 3: "information", 4: "hint"}


def describe_diagnostics(diagnostics):
    lines = []
    for d in diagnostics:
        lines.append("diagnostic %s %s [%s %s] %s" % (
            span(d["range"]), SEVERITY.get(d.get("severity"), "?"), d.get("source", "?"),
            d.get("code", "-"), d["message"]))
        for related in d.get("relatedInformation", []):
            lines.append("  related %s %s" % (span(related["location"]["range"]),
                                              related["message"]))
    return lines


def offset(text, pos):
    lines = text.split("\n")
    # clangd counts UTF-16 code units by default; the test sources are ASCII.
    return sum(len(l) + 1 for l in lines[:pos["line"]]) + pos["character"]


def apply_edits(text, edits):
    for edit in sorted(edits, key=lambda e: offset(text, e["range"]["start"]), reverse=True):
        start, end = offset(text, edit["range"]["start"]), offset(text, edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def action_edits(action, uri):
    edit = action.get("edit", {})
    edits = list(edit.get("changes", {}).get(uri, []))
    for change in edit.get("documentChanges", []):
        if change.get("textDocument", {}).get("uri") == uri:
            edits.extend(change["edits"])
    return edits


def describe_actions(actions, uri):
    lines = []
    for a in actions:
        lines.append("action %s \"%s\"" % (a.get("kind", "-"), a["title"]))
        for e in action_edits(a, uri):
            lines.append("  edit %s %s" % (span(e["range"]), json.dumps(e["newText"])))
        if "command" in a and "edit" not in a:
            lines.append("  command %s" % a["command"].get("command", a["command"]))
    return lines


def open_document(server, uri, text):
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
    return server.diagnostics(uri, 1)


def hazard_session(args):
    write_project(args.workdir, args.tg_include, ["async-*"])
    path = os.path.join(args.workdir, "hazard.cpp")
    with open(path, "w") as f:
        f.write(HAZARD)
    uri = "file://" + path
    server = start(args.clangd, args.workdir, "clangd")
    try:
        diagnostics = open_document(server, uri, HAZARD)
        print("== version 1")
        print("\n".join(describe_diagnostics(diagnostics)))
        ours = [d for d in diagnostics if d.get("code") == "async-swallowed-cancellation"]
        if len(ours) != 1:
            raise LspError("expected one async-swallowed-cancellation diagnostic, got %d" % len(ours))
        actions = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": ours[0]["range"],
            "context": {"diagnostics": ours, "only": ["quickfix"]},
        })
        print("== code actions")
        print("\n".join(describe_actions(actions, uri)))
        fixes = [a for a in actions if a.get("kind") == "quickfix"
                 and a.get("diagnostics") and action_edits(a, uri)]
        if not fixes:
            raise LspError("no quick fix offered for the diagnostic")
        fixed = apply_edits(HAZARD, action_edits(fixes[0], uri))
        print("== version 2 text")
        print(fixed, end="")
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": fixed}]})
        diagnostics = server.diagnostics(uri, 2)
        print("== version 2")
        print("\n".join(describe_diagnostics(diagnostics)))
        print("== version 2: %d diagnostics" % len(diagnostics))
    finally:
        server.close()


def session_transcript(clangd, workdir, name, path, uri):
    server = start(clangd, workdir, name)
    try:
        lines = describe_diagnostics(open_document(server, uri, ORDINARY))
        # The refactorings clangd offers on `(a + b) * (a - b)` come from the
        # tweaks library; async-clangd must link all of them.
        expr = {"start": {"line": 9, "character": 9}, "end": {"line": 9, "character": 25}}
        actions = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": expr, "context": {"diagnostics": []}})
        lines += describe_actions(actions, uri)
        hover = server.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": 9, "character": 10}})
        lines.append("hover " + json.dumps(hover["contents"]["value"] if hover else None))
        return lines
    finally:
        server.close()


def parity_session(args):
    write_project(args.workdir, args.tg_include, ["bugprone-*", "async-*"])
    path = os.path.join(args.workdir, "ordinary.cpp")
    with open(path, "w") as f:
        f.write(ORDINARY)
    uri = "file://" + path
    ours = session_transcript(args.clangd, args.workdir, "async-clangd", path, uri)
    reference = session_transcript(args.reference, args.workdir, "reference", path, uri)
    print("\n".join(ours))
    if ours == reference:
        print("parity: identical")
    else:
        import difflib
        print("parity: DIFFERENT")
        print("\n".join(difflib.unified_diff(reference, ours, args.reference, args.clangd,
                                             lineterm="")))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("session", choices=["hazard", "parity"])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--reference", help="the clangd to compare with (parity)")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--tg-include", required=True)
    args = parser.parse_args()
    args.workdir = os.path.realpath(args.workdir)
    args.tg_include = os.path.realpath(args.tg_include)
    # The servers run in the work directory: resolve the programs first.
    for name in ("clangd", "reference"):
        program = getattr(args, name)
        if program and os.sep in program:
            setattr(args, name, os.path.realpath(program))
    os.makedirs(args.workdir, exist_ok=True)
    try:
        if args.session == "hazard":
            hazard_session(args)
        else:
            if not args.reference:
                parser.error("parity needs --reference")
            parity_session(args)
    except LspError as e:
        sys.stdout.flush()
        sys.stderr.write("error: %s (server log in %s)\n" % (e, args.workdir))
        sys.exit(1)


if __name__ == "__main__":
    main()
