# The `async-tidy` command (scripts/async-tidy.py.in): a Python program that
# runs the clang-tidy of the LLVM the plugin was built against, with the
# plugin loaded. It is configured twice, like a CMake package's config file:
#
#   <build>/bin/async-tidy       for the build tree: the plugin in <build>/lib,
#                                the rule pages in the source tree's docs/rules
#   installed <prefix>/bin/async-tidy   the plugin and the pages found relative
#                                to the script (relocatable: cmake --install
#                                --prefix, and the Debian package)
#
# Both find the SARIF converter as async-tidy-sarif next to themselves.

# The interpreter of the installed command. Debian's, by default: it has the
# yaml module (python3-yaml, which clang-tidy-NN depends on too) that
# --fix/--format=sarif/--export-fixes read clang-tidy's fixes with.
set(ASYNC_TIDY_PYTHON "/usr/bin/python3" CACHE FILEPATH
    "Python 3 interpreter of the async-tidy command (needs the yaml module)")

set(ASYNC_TIDY_COMMAND_SOURCE ${PROJECT_SOURCE_DIR}/scripts/async-tidy.py.in)
set(ASYNC_TIDY_SARIF_SOURCE ${PROJECT_SOURCE_DIR}/scripts/async-tidy-sarif.py)

# Build tree.
set(ASYNC_TIDY_SCRIPT_PLUGIN "${PROJECT_BINARY_DIR}/lib/libAsyncTidy.so")
set(ASYNC_TIDY_SCRIPT_DOCS "${PROJECT_SOURCE_DIR}/docs/rules")
configure_file(${ASYNC_TIDY_COMMAND_SOURCE} ${PROJECT_BINARY_DIR}/bin/async-tidy
  @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
                         GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
configure_file(${ASYNC_TIDY_SARIF_SOURCE} ${PROJECT_BINARY_DIR}/bin/async-tidy-sarif
  COPYONLY)
file(CHMOD ${PROJECT_BINARY_DIR}/bin/async-tidy-sarif
  PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
              GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Install tree: paths relative to <prefix>/bin, so the same file works under
# any --prefix and in the package.
file(RELATIVE_PATH ASYNC_TIDY_SCRIPT_PLUGIN
  ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR}/async-tidy/libAsyncTidy.so)
file(RELATIVE_PATH ASYNC_TIDY_SCRIPT_DOCS
  ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_DOCDIR}/rules)
configure_file(${ASYNC_TIDY_COMMAND_SOURCE} ${PROJECT_BINARY_DIR}/install/async-tidy @ONLY)
unset(ASYNC_TIDY_SCRIPT_PLUGIN)
unset(ASYNC_TIDY_SCRIPT_DOCS)

install(PROGRAMS ${PROJECT_BINARY_DIR}/install/async-tidy DESTINATION ${CMAKE_INSTALL_BINDIR})
