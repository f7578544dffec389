// Shared by the C++ halves of the four-runtime comparison (bench/compare.py):
// the command line, the clock, and the report format every runtime prints.
//
//   <program> <workload> <N> <rounds>
//
// runs `rounds` rounds of the workload with N children inside one event
// loop (after one warm-up round) and prints one line per round:
//
//   ns_per_child <value>
//
// except for the `memory` workload, which runs once and prints
//
//   bytes_per_child <value>
//
// (resident set growth while N children are alive, divided by N).
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace bench {

using bench_clock = std::chrono::steady_clock;

struct args {
  std::string workload;
  long n = 0;
  long rounds = 0;
};

inline args parse(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s spawn|suspend|cancel|memory|floor|throw N rounds\n", argv[0]);
    std::exit(2);
  }
  return {argv[1], std::atol(argv[2]), std::atol(argv[3])};
}

inline double ns_since(bench_clock::time_point t0) {
  return std::chrono::duration<double, std::nano>(bench_clock::now() - t0).count();
}

inline void report_round(double total_ns, long n) {
  std::printf("ns_per_child %.2f\n", total_ns / static_cast<double>(n));
}

// Resident set size of this process, in bytes.
inline long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace bench
