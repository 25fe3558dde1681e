// The proc area's tasks (builtin_tasks.h): engine self-test tasks the
// process tests and benchmarks use, and the Multiprocessing scenarios' tasks.
#include "process/builtin_tasks.h"
#include "process/selftest_tasks.h"
#include "process/task_registry.h"
#include "scenarios/multiprocessing_tasks.h"

namespace il::process {

void register_proc_tasks(TaskRegistry& registry) {
    register_selftest_tasks(registry);
    scenarios::register_process_sum_tasks(registry);
    scenarios::register_shared_counter_tasks(registry);
    scenarios::register_isolation_tasks(registry);
    scenarios::register_pipe_pingpong_tasks(registry);
}

} // namespace il::process
