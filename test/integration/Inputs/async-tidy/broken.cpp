// Does not compile: async-tidy cannot check it (exit status 2).
#include <tg/tg.hpp>

tg::task<int> answer() { co_return undeclared_value; }
