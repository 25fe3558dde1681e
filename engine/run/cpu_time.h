// CPU time this process and its reaped children have used (user + system), for
// wall-vs-CPU comparisons: a run's CPU time is the difference of two readings
// around it. Children count once they are waited for (getrusage semantics).
#pragma once

#include <cstdint>

namespace il {

std::int64_t process_cpu_ns();

} // namespace il
