// Every area's task registration, called once by builtin_tasks()
// (task_registry.h). Each area declares its function in its marked section
// below and calls it from register_builtin_tasks() (builtin_tasks.cpp).
#pragma once

namespace il::process {

class TaskRegistry;

void register_builtin_tasks(TaskRegistry& registry);

// -- proc --
// Self-test tasks (proc.echo, proc.sleep, proc.crash, ...) and the
// Multiprocessing chapter's scenario tasks.
void register_proc_tasks(TaskRegistry& registry);

// -- pool --
// "pool.worker": a ProcessPoolExecutor worker (pool_worker.h).
void register_pool_tasks(TaskRegistry& registry);

// -- perf --
// performance-comparison's part of a workload in a child process
// (scenarios/perf_models.cpp).
void register_perf_tasks(TaskRegistry& registry);

} // namespace il::process
