# lit configuration for async-tidy: the rule tests (test/rules) and the
# integration tests (test/integration). Paths come from lit.site.cfg.py,
# which CMake writes into the build tree.
import os
import shlex

import lit.formats

config.name = "async-tidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.async_tidy_binary_dir, "test")
config.excludes = ["Inputs", "runtime", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py.in", "check_async_tidy.py"]

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ("HOME", "TMPDIR", "LANG", "LC_ALL"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

inputs = os.path.join(config.test_source_root, "rules", "Inputs")
common_flags = [
    "-I" + config.tg_include_dir,
    "-I" + inputs,
    # Debian's asio (and Boost 1.74's Asio) enable coroutines only for GCC.
    "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE",
    "-DBOOST_ASIO_HAS_CO_AWAIT", "-DBOOST_ASIO_HAS_STD_COROUTINE",
]
check = [config.python_executable,
         os.path.join(config.test_source_root, "check_async_tidy.py"),
         "--clang-tidy", config.clang_tidy, "--plugin", config.async_tidy_plugin,
         "--filecheck", os.path.join(config.llvm_tools_dir, "FileCheck")]

def quote(args):
    return " ".join(shlex.quote(a) for a in args)

# %check_async_tidy INPUT CHECK TEMP [-- TIDY_ARGS [-- COMPILER_ARGS]]:
# the include paths are appended after the caller's compiler arguments.
config.substitutions.append(("%check_async_tidy", quote(check)))
config.substitutions.append(("%async_flags", quote(common_flags)))
config.substitutions.append(("%clang_tidy", quote([config.clang_tidy, "--load=" + config.async_tidy_plugin])))
config.substitutions.append(("%plugin", config.async_tidy_plugin))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%tg_include", config.tg_include_dir))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%system_python", getattr(config, "system_python", "/usr/bin/python3")))
config.substitutions.append(("%src_root", config.async_tidy_source_dir))
config.substitutions.append(("%build_root", config.async_tidy_binary_dir))
# Integration tests (test/integration): the tools a user runs, unwrapped.
config.substitutions.append(("%tidy_binary", config.clang_tidy))
config.substitutions.append(("%llvm_tools_dir", config.llvm_tools_dir))
config.substitutions.append(("%async_clangd", getattr(config, "optional_tools", {}).get("async-clangd") or "async-clangd-not-built"))
config.substitutions.append(("%cmake_command", getattr(config, "cmake_command", "cmake")))
config.substitutions.append(("%cmake_generator", quote([getattr(config, "cmake_generator", "Ninja")])))
config.substitutions.append(("%c_compiler", getattr(config, "c_compiler", "cc")))
config.substitutions.append(("%cxx_compiler", getattr(config, "cxx_compiler", "c++")))

# The async-tidy command of this build, and its LLVM's major version.
config.substitutions.append(("%async_tidy", getattr(config, "async_tidy", "async-tidy-not-configured")))
config.substitutions.append(("%llvm_major", config.llvm_major))

config.available_features.add("llvm-%s" % config.llvm_major)
for feature, path in getattr(config, "optional_tools", {}).items():
    if path and os.path.exists(path):
        config.available_features.add(feature)
