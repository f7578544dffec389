// The header current stdexec asks users to include for exec::start_detached.
#pragma once
#include <stdexec/execution.hpp>
namespace exec = experimental::execution;
