//===--- AsyncTidyModule.cpp - The clang-tidy module "async" ---------------===//
//
// Registers every async-* check. Loaded into a stock clang-tidy with
// --load=libAsyncTidy.so, and linked into async-clangd.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Version.h"
#if CLANG_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#include "SwallowedCancellationCheck.h"
#include "SpawnOutsideGroupCheck.h"
#include "TaskEscapesGroupCheck.h"
#include "AwaitInCleanupCheck.h"
#include "DiscardedTaskCheck.h"
#include "BlockingCallCheck.h"
#include "LoopWithoutCheckpointCheck.h"
#include "TimeoutWithoutAwaitCheck.h"
#include "ExceptionGroupMismatchCheck.h"
#include "BusyWaitCheck.h"
#include "SuspendInGroupGeneratorCheck.h"

namespace clang::tidy::async {

class AsyncTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<SwallowedCancellationCheck>("async-swallowed-cancellation");
    Factories.registerCheck<SpawnOutsideGroupCheck>("async-spawn-outside-group");
    Factories.registerCheck<TaskEscapesGroupCheck>("async-task-escapes-group");
    Factories.registerCheck<AwaitInCleanupCheck>("async-await-in-cleanup");
    Factories.registerCheck<DiscardedTaskCheck>("async-discarded-task");
    Factories.registerCheck<BlockingCallCheck>("async-blocking-call");
    Factories.registerCheck<LoopWithoutCheckpointCheck>("async-loop-without-checkpoint");
    Factories.registerCheck<TimeoutWithoutAwaitCheck>("async-timeout-without-await");
    Factories.registerCheck<ExceptionGroupMismatchCheck>("async-exception-group-mismatch");
    Factories.registerCheck<BusyWaitCheck>("async-busy-wait");
    Factories.registerCheck<SuspendInGroupGeneratorCheck>("async-suspend-in-group-generator");
  }
};

} // namespace clang::tidy::async

namespace clang::tidy {

static ClangTidyModuleRegistry::Add<async::AsyncTidyModule>
    AsyncModuleRegistration("async-module",
                            "Structured-concurrency hazards in C++20 coroutine code.");

// async-clangd references this to keep the registration linked in.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int AsyncTidyModuleAnchorSource = 0;

} // namespace clang::tidy
