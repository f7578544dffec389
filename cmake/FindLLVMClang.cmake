# Locates Clang (and through it LLVM) with find_package(CONFIG).
# Default: Debian's LLVM 19 under /usr/lib/llvm-19. Another version:
#   cmake -DLLVM_DIR=/usr/lib/llvm-22/lib/cmake/llvm -DClang_DIR=/usr/lib/llvm-22/lib/cmake/clang
set(ASYNC_TIDY_DEFAULT_LLVM_ROOT "/usr/lib/llvm-19" CACHE PATH "LLVM installation used when LLVM_DIR/Clang_DIR are not given")
if(NOT LLVM_DIR AND EXISTS "${ASYNC_TIDY_DEFAULT_LLVM_ROOT}/lib/cmake/llvm")
  set(LLVM_DIR "${ASYNC_TIDY_DEFAULT_LLVM_ROOT}/lib/cmake/llvm")
endif()
if(NOT Clang_DIR AND EXISTS "${ASYNC_TIDY_DEFAULT_LLVM_ROOT}/lib/cmake/clang")
  set(Clang_DIR "${ASYNC_TIDY_DEFAULT_LLVM_ROOT}/lib/cmake/clang")
endif()

find_package(Clang CONFIG QUIET)
if(NOT Clang_FOUND)
  message(FATAL_ERROR
    "async-tidy: Clang's CMake package was not found.\n"
    "Install Debian's LLVM 19 (bash scripts/setup.sh does it:\n"
    "  apt-get install llvm-19-dev libclang-19-dev clang-tidy-19)\n"
    "or point at another LLVM 15+ with\n"
    "  -DLLVM_DIR=/usr/lib/llvm-NN/lib/cmake/llvm -DClang_DIR=/usr/lib/llvm-NN/lib/cmake/clang")
endif()
# The oldest LLVM the module builds against and passes its rule tests with
# (README, "LLVM versions"). LLVM 14's clang-tidy API differs too much
# (llvm::Optional options, no CoroutineSuspendExpr::getOperand).
set(ASYNC_TIDY_MIN_LLVM 15)
if(LLVM_PACKAGE_VERSION VERSION_LESS ASYNC_TIDY_MIN_LLVM)
  message(FATAL_ERROR "async-tidy needs LLVM ${ASYNC_TIDY_MIN_LLVM} or newer; found "
                      "${LLVM_PACKAGE_VERSION} at ${LLVM_DIR}")
endif()
message(STATUS "async-tidy: LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")

set(ASYNC_TIDY_LLVM_MAJOR ${LLVM_VERSION_MAJOR})
# Debian: /usr/lib/llvm-NN/bin, where clang-tidy, clang-apply-replacements,
# FileCheck and lit's wrapper are.
set(ASYNC_TIDY_LLVM_BINDIR "${LLVM_TOOLS_BINARY_DIR}")
find_program(ASYNC_TIDY_CLANG_TIDY NAMES clang-tidy HINTS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(ASYNC_TIDY_FILECHECK NAMES FileCheck HINTS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
# lit ships in Debian's llvm-NN-tools (build/utils/lit/lit.py up to LLVM 19,
# bin/lit later), not as a Python package. Any version runs our tests.
find_file(ASYNC_TIDY_LIT NAMES lit.py lit
  HINTS "${LLVM_TOOLS_BINARY_DIR}/../build/utils/lit" "${LLVM_TOOLS_BINARY_DIR}"
        /usr/lib/llvm-19/build/utils/lit
  NO_DEFAULT_PATH)
