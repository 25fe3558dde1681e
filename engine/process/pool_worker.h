// The task every ProcessPoolExecutor worker process runs ("pool.worker"):
// take the next call from the pool's call queue (object 0), run it, answer on
// this worker's result pipe (object 1), until a Stop call. Calls are found
// by name in pool_functions(). The worker records TaskStart and TaskEnd on
// its own lane, on the call's future object, so the trace shows each call
// where it really ran.
#pragma once

namespace il::process {

class TaskRegistry;

inline constexpr const char* kPoolWorkerTask = "pool.worker";

// Adds "pool.worker" (called from register_builtin_tasks, section "pool").
void register_pool_tasks(TaskRegistry& registry);

} // namespace il::process
