#pragma once
// unifex/let_done.hpp (shape only): let_done(sender, f) replaces a done
// completion with the sender f() returns: `let_done(work(), []{ return just(); })`
// turns a cancellation into success.
#include <unifex/detail/mock_sender.hpp>
namespace unifex {
namespace _let_done {
inline const struct _fn {
  template <class Sender, class Fn>
  _mock::sender<_mock::value_of<Sender>> operator()(Sender &&, Fn &&) const { return {}; }
} let_done{};
} // namespace _let_done
using _let_done::let_done;
} // namespace unifex
