// Everything in il::coro, for scenarios and tests: the loop, tasks, sleep,
// I/O, gather/as_completed/wait_for, to_thread, the async primitives and
// scopes. See each header for what it records.
#pragma once

#include "coro/event.h"
#include "coro/gather.h"
#include "coro/io.h"
#include "coro/lock.h"
#include "coro/loop.h"
#include "coro/queue.h"
#include "coro/semaphore.h"
#include "coro/sleep.h"
#include "coro/task.h"
#include "coro/task_handle.h"
#include "coro/timer_scope.h"
#include "coro/to_thread.h"
#include "coro/wait_for.h"
