#include "process/selftest_tasks.h"

#include "process/connection.h"
#include "process/errors.h"
#include "process/event.h"
#include "process/lock.h"
#include "process/queue.h"
#include "process/task_registry.h"
#include "process/value.h"

#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace il::process {

void register_selftest_tasks(TaskRegistry& r) {
    r.add(
        "proc.noop", [](TaskContext&) { return 0; }, "does nothing, exits 0");
    r.add(
        "proc.exit", [](TaskContext& ctx) { return static_cast<int>(ctx.int_arg(0)); },
        "exits with status ARG0");
    r.add(
        "proc.raise",
        [](TaskContext& ctx) -> int {
            throw std::runtime_error(ctx.args().empty() ? "raised on purpose" : ctx.arg(0));
        },
        "throws std::runtime_error(ARG0)");
    r.add(
        "proc.sleep_forever",
        [](TaskContext&) -> int {
            for (;;)
                ::pause();
        },
        "sleeps until killed");
    r.add(
        "proc.crash_segv",
        [](TaskContext&) {
            std::raise(SIGSEGV);
            return 0;
        },
        "dies by SIGSEGV");
    r.add(
        "proc.abort",
        [](TaskContext&) {
            std::abort();
            return 0;
        },
        "dies by SIGABRT");

    // ---- IPC ----
    r.add(
        "proc.pipe_echo",
        [](TaskContext& ctx) {
            auto& conn = ctx.object<Connection>(0);
            try {
                for (;;)
                    conn.send(conn.recv());
            } catch (const EOFError&) {
            }
            return 0;
        },
        "object 0 (Connection): sends every message back until EOF");
    r.add(
        "proc.pipe_send_args",
        [](TaskContext& ctx) {
            auto& conn = ctx.object<Connection>(0);
            for (const auto& a : ctx.args())
                conn.send(a);
            return 0;
        },
        "object 0 (Connection): sends each argument");
    r.add(
        "proc.queue_put_args",
        [](TaskContext& ctx) {
            auto& q = ctx.object<Queue>(0);
            for (const auto& a : ctx.args())
                q.put(a);
            return 0;
        },
        "object 0 (Queue): puts each argument");
    r.add(
        "proc.queue_echo",
        [](TaskContext& ctx) {
            auto& in = ctx.object<Queue>(0);
            auto& out = ctx.object<Queue>(1);
            for (std::int64_t i = 0, n = ctx.int_arg(0); i < n; ++i)
                out.put(in.get());
            return 0;
        },
        "objects 0, 1 (Queue): moves ARG0 items from 0 to 1");
    r.add(
        "proc.lock_and_hold",
        [](TaskContext& ctx) -> int {
            ctx.object<Lock>(0).acquire();
            ctx.object<Event>(1).set();
            for (;;)
                ::pause();
        },
        "object 0 (Lock): acquires it, sets object 1 (Event), sleeps until killed");
    r.add(
        "proc.lock_once",
        [](TaskContext& ctx) {
            auto& lock = ctx.object<Lock>(0);
            lock.acquire();
            lock.release();
            return 0;
        },
        "object 0 (Lock): acquires and releases it");
    r.add(
        "proc.event_relay",
        [](TaskContext& ctx) {
            if (!ctx.object<Event>(0).wait(std::chrono::seconds(10)))
                return 4;
            ctx.object<Event>(1).set();
            return 0;
        },
        "objects 0, 1 (Event): waits for 0 (10 s at most, else exits 4), then sets 1");
    r.add(
        "proc.value_add",
        [](TaskContext& ctx) {
            auto& v = ctx.object<Value<std::int64_t>>(0);
            const bool locked = ctx.args().size() < 2 || ctx.arg(1) != "nolock";
            for (std::int64_t i = 0, n = ctx.int_arg(0); i < n; ++i) {
                if (locked) {
                    std::lock_guard g(v.get_lock());
                    v.set(v.get() + 1);
                } else {
                    v.set(v.get() + 1);
                }
            }
            return 0;
        },
        "object 0 (Value<int64>): adds 1, ARG0 times (ARG1 'nolock': without its lock)");
    r.add(
        "proc.array_squares",
        [](TaskContext& ctx) {
            auto& a = ctx.object<Array<std::int64_t>>(0);
            for (std::size_t i = 0; i < a.size(); ++i)
                a.set(i, static_cast<std::int64_t>(i * i));
            return 0;
        },
        "object 0 (Array<int64>): a[i] = i*i");
    r.add(
        "proc.record_marks",
        [](TaskContext& ctx) {
            for (std::int64_t i = 0, n = ctx.int_arg(0); i < n; ++i)
                ctx.session().recorder().record(trace::Kind::Mark, 0, i);
            return 0;
        },
        "records ARG0 Mark events");
}

} // namespace il::process
