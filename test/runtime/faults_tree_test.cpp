// Fault injection, part 1: an exception at every await point of a
// three-level tree of groups, one at a time and several at once, checked
// against CPython. The scenarios and what CPython's asyncio.TaskGroup does in
// each come from faults/tree_expected.txt, which faults/tree_reference.py
// writes by running the same tree in CPython (a ctest checks that the file is
// still what CPython says). Every scenario also checks what CPython cannot
// tell us: that each with_group returned only after all its children were
// done, that nothing is left running after the run, and that the failures
// in each exception_group are in the order they happened. Built into the
// ASan+LSan suite too: a leak in any scenario fails it.
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.hpp"

#ifndef TG_FAULTS_EXPECTED
#error "TG_FAULTS_EXPECTED must name faults/tree_expected.txt"
#endif

namespace {

using namespace tg_test;
using tg::task;

constexpr int kFanout = 2;
constexpr int kLevels = 3;

struct injected : std::runtime_error {
  injected(std::string where, std::int64_t t, std::uint64_t seq)
      : std::runtime_error(where), where(std::move(where)), t(t), seq(seq) {}
  std::string where;
  std::int64_t t;     // virtual time of the raise, in units
  std::uint64_t seq;  // when it happened, among all events of the run
};

struct scenario {
  std::string spec;
  std::map<std::string, char> plan;  // point -> 'f' | 'c'
  std::string expected;
};

struct reference {
  std::vector<std::string> points;
  std::map<std::string, int> exponent;
  std::vector<std::string> groups;  // tasks that open a group, in tree order
  std::vector<scenario> scenarios;
};

const reference& load_reference() {
  static const reference ref = [] {
    reference r;
    std::ifstream in(TG_FAULTS_EXPECTED);
    std::string line;
    std::getline(in, line);
    std::istringstream header(line);
    std::string word;
    header >> word >> word;  // "# exponents"
    while (header >> word) {
      const auto eq = word.find('=');
      const std::string pt = word.substr(0, eq);
      r.points.push_back(pt);
      r.exponent[pt] = std::stoi(word.substr(eq + 1));
      if (pt.ends_with(":body")) r.groups.push_back(pt.substr(0, pt.size() - 5));
    }
    while (std::getline(in, line)) {
      scenario s;
      const auto tab = line.find('\t');
      s.spec = line.substr(0, tab);
      s.expected = line.substr(tab + 1);
      std::istringstream inj(s.spec);
      while (inj >> word) s.plan[word.substr(0, word.size() - 2)] = word.back();
      r.scenarios.push_back(std::move(s));
    }
    return r;
  }();
  return ref;
}

// One run of the tree.
struct tree_run {
  tree_run(const reference& ref, const scenario& sc) : ref(ref), sc(sc) {}
  const reference& ref;
  const scenario& sc;
  tg::time_point start{};
  std::uint64_t seq = 0;
  int live = 0;  // task bodies entered and not yet left
  std::map<std::string, std::string> outcome;
  std::map<const tg::exception_group*, std::uint64_t> group_seq;
  std::vector<std::string> problems;

  std::int64_t units_now() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(tg::now() - start).count();
  }
};

struct live_guard {
  int& live;
  explicit live_guard(int& l) : live(l) { ++live; }
  ~live_guard() { --live; }
};

task<> point(tree_run& r, std::string where) {
  const auto it = r.sc.plan.find(where);
  const char mode = it == r.sc.plan.end() ? 0 : it->second;
  try {
    co_await tg::sleep_for(std::chrono::microseconds(std::int64_t{1} << r.ref.exponent.at(where)));
  } catch (const tg::cancelled&) {
    if (mode == 'c') throw injected(where, r.units_now(), ++r.seq);  // `finally: raise`
    throw;
  }
  if (mode == 'f') throw injected(where, r.units_now(), ++r.seq);
}

std::int64_t member_time(const std::exception_ptr& ep) {
  try {
    std::rethrow_exception(ep);
  } catch (const injected& e) {
    return e.t;
  } catch (const tg::exception_group& eg) {
    std::int64_t t = INT64_MAX;
    for (const auto& m : eg.exceptions()) t = std::min(t, member_time(m));
    return t;
  } catch (...) {
  }
  return -1;
}

// CPython's canonical form (see tree_reference.py), and the order check.
std::string canonical(tree_run& r, const tg::exception_group& eg) {
  std::vector<std::pair<std::int64_t, std::string>> members;
  std::uint64_t last = 0;
  for (const auto& ep : eg.exceptions()) {
    std::string s;
    std::uint64_t seq = 0;
    try {
      std::rethrow_exception(ep);
    } catch (const injected& e) {
      s = e.where;
      seq = e.seq;
    } catch (const tg::exception_group& inner) {
      s = canonical(r, inner);
      seq = r.group_seq.count(&inner) ? r.group_seq[&inner] : 0;
    } catch (const tg::cancelled&) {
      s = "cancelled";  // never a member: the comparison with CPython fails
    } catch (...) {
      s = "unknown";
    }
    if (seq <= last) r.problems.push_back("exception_group members out of order: " + s);
    last = seq;
    members.emplace_back(member_time(ep), s);
  }
  std::sort(members.begin(), members.end());
  std::string out = "EG[";
  for (std::size_t i = 0; i < members.size(); ++i) out += (i ? "," : "") + members[i].second;
  return out + "]";
}

task<> leaf(tree_run& r, std::string tid);
task<> inner(tree_run& r, std::string tid, int level);

task<> group(tree_run& r, std::string tid, int level) {
  std::vector<tg::task_handle<>> children;
  auto all_done = [&] {
    for (auto& h : children)
      if (!h.done()) r.problems.push_back("with_group of " + tid + " returned before a child was done");
  };
  try {
    co_await tg::with_group([&](tg::task_group& g) -> task<> {
      for (int i = 1; i <= kFanout; ++i) {
        const std::string child = tid == "0" ? std::to_string(i) : tid + "." + std::to_string(i);
        children.push_back(g.spawn(level == kLevels ? leaf(r, child) : inner(r, child, level + 1)));
      }
      co_await point(r, tid + ":body");
    });
  } catch (const tg::cancelled&) {
    r.outcome[tid] = "cancelled";
    all_done();
    throw;
  } catch (const tg::exception_group& eg) {
    r.group_seq[&eg] = ++r.seq;
    r.outcome[tid] = canonical(r, eg);
    all_done();
    throw;
  }
  r.outcome[tid] = "ok";
  all_done();
}

task<> inner(tree_run& r, std::string tid, int level) {
  live_guard alive(r.live);
  co_await point(r, tid + ":pre");
  co_await group(r, tid, level);
  co_await point(r, tid + ":post");
}

task<> leaf(tree_run& r, std::string tid) {
  live_guard alive(r.live);
  co_await point(r, tid + ":s0");
  co_await point(r, tid + ":s1");
}

std::string run_tree(const reference& ref, const scenario& sc, std::vector<std::string>& problems) {
  tree_run r(ref, sc);
  vrun([](tree_run& r) -> task<> {
    r.start = tg::now();
    try {
      co_await group(r, "0", 1);
    } catch (const tg::exception_group&) {
    }
  }(r));
  if (r.live != 0) r.problems.push_back(std::to_string(r.live) + " task(s) left running");
  std::string out;
  for (const auto& g : ref.groups) {
    const auto it = r.outcome.find(g);
    out += (out.empty() ? "" : " ") + g + "=" + (it == r.outcome.end() ? "-" : it->second);
  }
  problems = std::move(r.problems);
  return out;
}

TEST(FaultsTree, ReferenceCoversEveryAwaitPointAloneAndInPairs) {
  const reference& ref = load_reference();
  ASSERT_EQ(ref.points.size(), 35u);  // 1 + 2 * 3 + 4 * 3 + 8 * 2 await points
  std::map<std::string, int> alone;
  for (const auto& sc : ref.scenarios)
    if (sc.plan.size() == 1) ++alone[sc.plan.begin()->first];
  for (const auto& pt : ref.points) EXPECT_EQ(alone[pt], 2) << pt;  // modes f and c
  EXPECT_GT(ref.scenarios.size(), 1800u);
}

TEST(FaultsTree, EveryScenarioEndsAsInCPython) {
  const reference& ref = load_reference();
  int mismatches = 0;
  for (const auto& sc : ref.scenarios) {
    std::vector<std::string> problems;
    const std::string got = run_tree(ref, sc, problems);
    if (got != sc.expected && ++mismatches <= 10)
      ADD_FAILURE() << "scenario " << sc.spec << "\n  tg:      " << got << "\n  CPython: " << sc.expected;
    for (const auto& p : problems) ADD_FAILURE() << "scenario " << sc.spec << ": " << p;
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
