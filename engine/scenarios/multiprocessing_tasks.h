// The child-process tasks of the Multiprocessing scenarios (process-sum,
// shared-counter, isolation, pipe-pingpong): each scenario file registers
// its own; process/proc_tasks.cpp calls these.
#pragma once

namespace il::process {
class TaskRegistry;
}

namespace il::scenarios {

void register_process_sum_tasks(process::TaskRegistry& registry);
void register_shared_counter_tasks(process::TaskRegistry& registry);
void register_isolation_tasks(process::TaskRegistry& registry);
void register_pipe_pingpong_tasks(process::TaskRegistry& registry);

} // namespace il::scenarios
