#pragma once
#include <folly/experimental/coro/Task.h>
