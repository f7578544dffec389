// Mock of async_simple/coro/SyncAwait.h: blocks the calling thread until
// the Lazy is done and returns its value (or rethrows).
#pragma once
#include <async_simple/coro/Lazy.h>
#include <type_traits>

namespace async_simple::coro {
template <typename LazyType>
typename std::decay_t<LazyType>::ValueType syncAwait(LazyType &&lazy);
template <typename LazyType>
typename std::decay_t<LazyType>::ValueType syncAwait(LazyType &&lazy, Executor *ex);
} // namespace async_simple::coro
