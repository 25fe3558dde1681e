#include "run/cpu_time.h"

#include <sys/resource.h>

namespace il {

namespace {

std::int64_t usage_ns(int who) {
    rusage u{};
    if (getrusage(who, &u) != 0)
        return 0;
    auto ns = [](const timeval& t) {
        return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 +
               static_cast<std::int64_t>(t.tv_usec) * 1'000;
    };
    return ns(u.ru_utime) + ns(u.ru_stime);
}

} // namespace

std::int64_t process_cpu_ns() {
    return usage_ns(RUSAGE_SELF) + usage_ns(RUSAGE_CHILDREN);
}

} // namespace il
