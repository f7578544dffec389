// The options every check shares, and how a configuration round-trips.
//
// RUN: rm -rf %t && mkdir -p %t
//
// A bad value is a configuration error that names the option as the user
// wrote it (check-local or global); a global read by several checks is
// reported once; the rest of the configuration still applies.
// RUN: not %clang_tidy --checks='-*,async-swallowed-cancellation,async-await-in-cleanup' %s \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.Runtimes: 'tg;bogus', CancellationTypes: 'not a name', async-swallowed-cancellation.ReportCancellationAsSuccess: 'maybe'}}" \
// RUN:   -- -std=c++20 %async_flags > %t/bad.txt 2>&1
// RUN: FileCheck %s --check-prefix=BAD < %t/bad.txt
// RUN: FileCheck %s --check-prefix=ONCE < %t/bad.txt
// BAD-DAG: error: invalid value for option 'async-swallowed-cancellation.Runtimes': unknown runtime 'bogus'; expected 'all' or a ';'-separated list of: tg, asio, folly, cobalt, stdexec, cppcoro, corral, libcoro, async_simple, concurrencpp, unifex [clang-tidy-config]
// BAD-DAG: error: invalid value for option 'CancellationTypes': invalid entry 'not a name'; expected a qualified name such as 'ns::name' or 'ns::name(ns::ArgumentType)' [clang-tidy-config]
// BAD-DAG: invalid configuration value 'maybe' for option 'async-swallowed-cancellation.ReportCancellationAsSuccess'; expected a bool
// BAD-DAG: :[[@LINE+68]]:7: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
// ONCE-COUNT-1: option 'CancellationTypes'
// ONCE-NOT: option 'CancellationTypes'
//
// Runtimes selects the models: with only asio enabled, a tg coroutine is not checked.
// RUN: %clang_tidy --checks='-*,async-swallowed-cancellation' %s \
// RUN:   -config="{CheckOptions: {Runtimes: 'asio'}}" -- -std=c++20 %async_flags 2>&1 \
// RUN:   | FileCheck %s --allow-empty --check-prefix=ASIO-ONLY --implicit-check-not=warning:
// ASIO-ONLY-NOT: swallows
//
// A global list and a check-local list both apply: the local one extends.
// RUN: %clang_tidy --checks='-*,async-swallowed-cancellation' %s \
// RUN:   -config="{CheckOptions: {TaskTypes: 'mylib::task', CancellationTypes: 'mylib::stop', async-swallowed-cancellation.CancellationTypes: 'mylib::halt'}}" \
// RUN:   -- -std=c++20 %async_flags 2>&1 | FileCheck %s --check-prefix=EXTEND
// EXTEND-DAG: :[[@LINE+91]]:7: warning: handler for 'mylib::stop' in a coroutine swallows 'mylib::stop'
// EXTEND-DAG: :[[@LINE+100]]:7: warning: handler for 'mylib::halt' in a coroutine swallows 'mylib::halt'
//
// The default configuration dumps no async-* option at all.
// RUN: %clang_tidy --checks='-*,async-*' --dump-config %s -- -std=c++20 \
// RUN:   | FileCheck %s --check-prefix=DUMP-DEFAULT '--implicit-check-not=async-{{[a-z-]+}}.'
// DUMP-DEFAULT: CheckOptions:
//
// Only what differs from the default is dumped, the global options as given.
// RUN: %clang_tidy --checks='-*,async-*' --dump-config %s \
// RUN:   -config="{CheckOptions: {TaskTypes: 'mylib::task', async-swallowed-cancellation.Runtimes: 'tg', async-discarded-task.Runtimes: 'all', async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" -- -std=c++20 \
// RUN:   > %t/dumped.yaml
// RUN: FileCheck %s %if llvm-22 %{ --check-prefixes=DUMP,DUMP22 %} %else %{ --check-prefix=DUMP '--implicit-check-not=async-{{[a-z-]+}}.' %} < %t/dumped.yaml
// DUMP-DAG: async-swallowed-cancellation.ReportCancellationAsSuccess: 'true'
// DUMP-DAG: async-swallowed-cancellation.Runtimes: tg
// DUMP-DAG: TaskTypes: 'mylib::task'
// clang-tidy 22 dumps only options named after a check: each check stores
// the global list it read under its own name.
// DUMP22-DAG: async-discarded-task.TaskTypes: 'mylib::task'
// DUMP22-DAG: async-busy-wait.TaskTypes: 'mylib::task'
//
// The usual start: dump the configuration, add a global list, read it back:
// the new name takes effect.
// RUN: %clang_tidy --checks='-*,async-swallowed-cancellation' --dump-config %s -- -std=c++20 > %t/start.yaml
// (clang-tidy 22 writes an empty map as `CheckOptions: {}`.)
// RUN: %python -c "import re, sys; t = open(sys.argv[1]).read(); open(sys.argv[2], 'w').write(re.sub(r'CheckOptions:[ ]*(\{\})?', 'CheckOptions:\n  TaskTypes: \'mylib::task\'\n  CancellationTypes: \'mylib::stop\'', t, count=1))" %t/start.yaml %t/edited.yaml
// RUN: %clang_tidy --config-file=%t/edited.yaml %s -- -std=c++20 %async_flags 2>&1 | FileCheck %s --check-prefix=EDITED
// EDITED: :[[@LINE+64]]:7: warning: handler for 'mylib::stop' in a coroutine swallows 'mylib::stop'
//
// A dumped configuration read back changes no diagnostic.
// RUN: %clang_tidy --checks='-*,async-*' %s \
// RUN:   -config="{CheckOptions: {TaskTypes: 'mylib::task', CancellationTypes: 'mylib::stop', async-swallowed-cancellation.CancellationTypes: 'mylib::halt', async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- -std=c++20 %async_flags 2>/dev/null | grep -E 'warning|note' > %t/given.txt
// RUN: %clang_tidy --checks='-*,async-*' --dump-config %s \
// RUN:   -config="{CheckOptions: {TaskTypes: 'mylib::task', CancellationTypes: 'mylib::stop', async-swallowed-cancellation.CancellationTypes: 'mylib::halt', async-swallowed-cancellation.ReportCancellationAsSuccess: true}}" \
// RUN:   -- -std=c++20 > %t/roundtrip.yaml
// RUN: %clang_tidy --config-file=%t/roundtrip.yaml %s -- -std=c++20 %async_flags 2>/dev/null \
// RUN:   | grep -E 'warning|note' > %t/readback.txt
// RUN: diff %t/given.txt %t/readback.txt
// RUN: FileCheck %s --check-prefix=GIVEN < %t/given.txt
// GIVEN-DAG: warning: handler for 'mylib::stop'
// GIVEN-DAG: warning: handler for 'mylib::halt'
// GIVEN-DAG: warning: catch-all handler in a coroutine swallows 'tg::cancelled' and ends the task

#include <tg/tg.hpp>
#include <coroutine>

void log();
bool again();

tg::task<> swallow() {
  for (;;) {
    try {
      co_await tg::checkpoint();
    } catch (...) {
      log();
    }
  }
}

tg::task<> swallowAndEnd() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    log();
  }
}

// A user's own runtime, known to the checks only through the options.
namespace mylib {
struct stop {};
struct halt {};
template <class T = void> struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
task<> step();
} // namespace mylib

mylib::task<> userRuntimeStop() {
  while (again()) {
    try {
      co_await mylib::step();
    } catch (const mylib::stop &) {
      log();
    }
  }
}

mylib::task<> userRuntimeHalt() {
  while (again()) {
    try {
      co_await mylib::step();
    } catch (const mylib::halt &) {
      log();
    }
  }
}
