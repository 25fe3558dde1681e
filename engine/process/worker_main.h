// The worker executable's whole program (app/worker/main.cpp calls it), in
// the engine so tests and the worker share it: parse the arguments, die with
// the parent, attach to the parent's trace buffer, run the named task on the
// child's lane, record its end, return its exit status.
//
// Exit statuses: the task's own; 1 if it threw (message in the trace buffer
// for Process::error()); 2 for bad arguments or start data (message on
// stderr); 3 if the parent was already gone.
#pragma once

namespace il::process {

int worker_main(int argc, char** argv);

} // namespace il::process
