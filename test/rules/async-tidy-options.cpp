// A bad option value is a configuration error that names the option; the
// rest of the configuration still applies (the warning below still fires).
//
// RUN: not %clang_tidy --checks='-*,async-swallowed-cancellation' %s \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.Runtimes: 'tg;bogus', BlockingFunctions: 'not a name'}}" \
// RUN:   -- -std=c++20 %async_flags 2>&1 | FileCheck %s --check-prefix=BAD
// BAD-DAG: error: invalid value for option 'async-swallowed-cancellation.Runtimes': unknown runtime 'bogus'; expected 'all' or a ';'-separated list of: tg, asio, folly, cobalt, stdexec, cppcoro [clang-tidy-config]
// BAD-DAG: error: invalid value for option 'async-swallowed-cancellation.BlockingFunctions': invalid entry 'not a name'; expected a qualified name such as 'ns::name' or 'ns::name(ns::ArgumentType)' [clang-tidy-config]
// BAD-DAG: :[[@LINE+22]]:5: warning: catch-all handler in a coroutine swallows 'tg::cancelled'
//
// Runtimes selects the models: with only asio enabled, a tg coroutine is not checked.
// RUN: %clang_tidy --checks='-*,async-swallowed-cancellation' %s \
// RUN:   -config="{CheckOptions: {Runtimes: 'asio'}}" -- -std=c++20 %async_flags 2>&1 \
// RUN:   | FileCheck %s --allow-empty --check-prefix=ASIO-ONLY --implicit-check-not=warning:
// ASIO-ONLY-NOT: swallows
//
// The option values round-trip through --dump-config.
// RUN: %clang_tidy --checks='-*,async-swallowed-cancellation' --dump-config \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.CancellationTypes: 'my::stop'}}" %s -- -std=c++20 \
// RUN:   | FileCheck %s --check-prefix=DUMP
// DUMP-DAG: async-swallowed-cancellation.Runtimes: all
// DUMP-DAG: async-swallowed-cancellation.CancellationTypes: 'my::stop'

#include <tg/tg.hpp>

void log();

tg::task<> swallow() {
  try {
    co_await tg::checkpoint();
  } catch (...) {
    log();
  }
}
