//===--- AsyncClangdMain.cpp - clangd with the async module built in ------===//
//
// The same program as Debian's clangd (clang-tools-extra/clangd/tool/
// ClangdToolMain.cpp calls clangdMain too), linked with the async-* checks.
//
//===----------------------------------------------------------------------===//

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <string>
#include <vector>

// Debian ships the clangd libraries but not their headers.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Defined next to the module registration; referencing it keeps the
// registration's object file in the link.
extern volatile int AsyncTidyModuleAnchorSource;
} // namespace clang::tidy

namespace {

bool hasResourceDirFlag(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--resource-dir" || Arg == "-resource-dir" ||
        Arg.starts_with("--resource-dir=") || Arg.starts_with("-resource-dir="))
      return true;
  }
  return false;
}

// clangd looks for the compiler's built-in headers (<stddef.h>, <arm_neon.h>,
// ...) at <its own directory>/../lib/clang/<major>. That only exists when the
// binary sits inside an LLVM tree, which async-clangd usually does not; fall
// back to the resource directory of the LLVM it was built against, so that
// headers resolve exactly as for that LLVM's clangd.
bool ownResourceDirExists(const char *Argv0) {
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  if (Exe.empty())
    return false;
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Dir, "lib", "clang", ASYNC_CLANGD_LLVM_MAJOR);
  return llvm::sys::fs::is_directory(Dir);
}

} // namespace

int main(int argc, char **argv) {
  (void)clang::tidy::AsyncTidyModuleAnchorSource;
  if (hasResourceDirFlag(argc, argv) || ownResourceDirExists(argv[0]) ||
      !llvm::sys::fs::is_directory(ASYNC_CLANGD_RESOURCE_DIR))
    return clang::clangd::clangdMain(argc, argv);

  static char ResourceDirFlag[] = "--resource-dir=" ASYNC_CLANGD_RESOURCE_DIR;
  std::vector<char *> Args(argv, argv + argc);
  Args.insert(Args.begin() + 1, ResourceDirFlag);
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
}
