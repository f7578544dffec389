#pragma once
// unifex/async_scope.hpp forwards to the current default scope version.
#include <unifex/v1/async_scope.hpp>
