// The one place that lists every area's tasks (see builtin_tasks.h). Each
// area adds its call in its own section.
#include "process/builtin_tasks.h"

#include "process/task_registry.h"

namespace il::process {

void register_builtin_tasks(TaskRegistry& registry) {
    // -- proc --
    register_proc_tasks(registry);

    // -- pool --
    register_pool_tasks(registry);

    // -- perf --
    register_perf_tasks(registry);
}

} // namespace il::process
