// interleave-worker: the child process of the "spawn" start method. Engine
// only (no Qt), so it starts fast. See engine/process/worker_main.h.
#include "process/worker_main.h"

int main(int argc, char** argv) {
    return il::process::worker_main(argc, argv);
}
