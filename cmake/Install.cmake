# Install layout (GNUInstallDirs; <prefix> is CMAKE_INSTALL_PREFIX):
#   <prefix>/lib/async-tidy/libAsyncTidy.so      clang-tidy plugin (checker/)
#   <prefix>/bin/async-clangd                     clangd with the module (checker/clangd/)
#   <prefix>/bin/async-tidy-sarif                 clang-tidy output -> SARIF 2.1.0
#   <prefix>/bin/async-tidy-pre-commit            the pre-commit hook's entry
#   <prefix>/include/tg/*.hpp, <prefix>/lib/libtg.a   the runtime (runtime/)
#   <prefix>/lib/cmake/tg/                        find_package(tg) -> tg::tg
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

install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/async-tidy-sarif.py
  DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME async-tidy-sarif)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/pre-commit-async-tidy
  DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME async-tidy-pre-commit)

# The docs tree as is: async-tidy-sarif finds rules/*.md at
# <prefix>/share/doc/async-tidy/rules from <prefix>/bin.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
  DESTINATION ${CMAKE_INSTALL_DOCDIR}
  FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)

# cpack -G DEB in the build directory: one package with everything above.
set(CPACK_PACKAGE_NAME async-tidy)
set(CPACK_PACKAGE_VENDOR "async-tidy")
set(CPACK_PACKAGE_CONTACT "async-tidy maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "clang-tidy checks for structured-concurrency hazards in C++20 coroutines, and the tg runtime")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The plugin resolves every clang symbol in the clang-tidy that loads it.
if(ASYNC_TIDY_BUILD_CHECKER)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-tidy-${LLVM_VERSION_MAJOR}")
endif()
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_GENERATOR DEB)
include(CPack)
