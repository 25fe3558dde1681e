// Tasks for testing the process runtime itself ("proc." names): exit with a
// status, raise, crash by a signal, sleep forever, echo messages back.
#pragma once

namespace il::process {

class TaskRegistry;
void register_selftest_tasks(TaskRegistry& registry);

} // namespace il::process
