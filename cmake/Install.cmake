# Install layout (GNUInstallDirs; <prefix> is CMAKE_INSTALL_PREFIX, <libdir>
# is lib, or lib/<multiarch> for the /usr prefix on Debian):
#   <prefix>/bin/async-tidy                       the command (cmake/AsyncTidyCommand.cmake)
#   <prefix>/<libdir>/async-tidy/libAsyncTidy.so  clang-tidy plugin (checker/)
#   <prefix>/bin/async-clangd                     clangd with the module (checker/clangd/)
#   <prefix>/bin/async-tidy-sarif                 clang-tidy output -> SARIF 2.1.0
#   <prefix>/include/tg/*.hpp, <prefix>/<libdir>/libtg.a   the runtime (runtime/)
#   <prefix>/<libdir>/cmake/tg/                   find_package(tg) -> tg::tg
#   <prefix>/share/doc/async-tidy/                README, rules/*.md, guides
include(CMakePackageConfigHelpers)

set(ASYNC_TIDY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tg)

install(EXPORT tgTargets
  NAMESPACE tg::
  FILE tgTargets.cmake
  DESTINATION ${ASYNC_TIDY_CMAKE_DIR})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/tgConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/tgConfig.cmake
  INSTALL_DESTINATION ${ASYNC_TIDY_CMAKE_DIR})
# 0.x: a minor version may break the API.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/tgConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/tgConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/tgConfigVersion.cmake
  DESTINATION ${ASYNC_TIDY_CMAKE_DIR})

# async-tidy loads it as a module from its own directory for --format=sarif.
install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/async-tidy-sarif.py
  DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME async-tidy-sarif)

# The docs tree as is: async-tidy-sarif finds rules/*.md at
# <prefix>/share/doc/async-tidy/rules from <prefix>/bin.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
  DESTINATION ${CMAKE_INSTALL_DOCDIR}
  FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)

# The Debian package: `cpack -G DEB` in a build directory configured with
# -DCMAKE_INSTALL_PREFIX=/usr (scripts/package.sh makes the release build and
# the package; test/integration/package-deb.test installs it with dpkg -i).
# One package, everything above; file name async-tidy_<version>_<arch>.deb.
set(CPACK_PACKAGE_NAME async-tidy)
set(CPACK_PACKAGE_VENDOR "async-tidy")
set(CPACK_PACKAGE_CONTACT "async-tidy maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "clang-tidy checks for structured-concurrency hazards in C++20 coroutines, and the tg runtime")
set(CPACK_PACKAGE_DESCRIPTION
"async-tidy finds the hazards of C++20 coroutine concurrency that Python's
asyncio.TaskGroup and Trio nurseries taught: swallowed cancellation,
fire-and-forget spawns, children that outlive the frame they point into,
cleanup awaits cancelled before they run, discarded tasks, blocking calls,
loops without a checkpoint, timeouts that can never fire. It knows tg, asio,
folly::coro, Boost.Cobalt, stdexec and cppcoro.

This package contains the async-tidy command, which runs clang-tidy with the
checks loaded (`async-tidy file.cpp`, `async-tidy -p build/`, --fix, SARIF);
the clang-tidy plugin libAsyncTidy.so; async-clangd, clangd with the checks
built in; and tg, the reference task-group runtime (headers, static library
and CMake package: find_package(tg)).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
if(ASYNC_TIDY_BUILD_CHECKER)
  # The plugin resolves every clang symbol in the clang-tidy that loads it, so
  # it needs that clang-tidy (which brings clang-apply-replacements for --fix
  # and python3-yaml). async-clangd's libraries come from dpkg-shlibdeps.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "clang-tidy-${LLVM_VERSION_MAJOR}, clang-tools-${LLVM_VERSION_MAJOR}, python3, python3-yaml")
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  # tg's CMake package and headers are for a C++20 compiler.
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "clang-${LLVM_VERSION_MAJOR} | g++ (>= 4:12)")
endif()
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
