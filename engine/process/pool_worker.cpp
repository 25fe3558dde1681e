#include "process/pool_worker.h"

#include "executor/future_state.h"
#include "process/connection.h"
#include "process/detail/pool_wire.h"
#include "process/pool_errors.h"
#include "process/pool_functions.h"
#include "process/queue.h"
#include "process/task_registry.h"

namespace il::process {

namespace {

using trace::Kind;

// Runs one call; never throws (its exception becomes the answer).
detail::PoolResult run_call(Session& session, const detail::PoolCall& call) {
    detail::PoolResult out;
    out.id = call.id;
    try {
        const PoolFunction* fn = pool_functions().find(call.function);
        if (!fn)
            throw ValueError("no pool function named '" + call.function +
                             "' (interleave-worker knows: " +
                             [] {
                                 std::string s;
                                 for (const std::string& n : pool_functions().names())
                                     s += (s.empty() ? "" : ", ") + n;
                                 return s;
                             }() +
                             ")");
        out.results.reserve(call.inputs.size());
        for (const std::vector<std::string>& args : call.inputs) {
            CallContext ctx(session, args);
            out.results.push_back((*fn)(ctx));
        }
    } catch (...) {
        out.raised = true;
        out.results.clear();
        std::tie(out.error_kind, out.error_message) = describe_exception(std::current_exception());
    }
    return out;
}

int pool_worker(TaskContext& ctx) {
    Queue& calls = ctx.object<Queue>(0);
    Connection& results = ctx.object<Connection>(1);
    trace::Recorder& rec = ctx.session().recorder();
    for (;;) {
        const detail::PoolCall call = detail::decode_call(calls.get());
        if (call.stop)
            return 0;
        const auto future = static_cast<trace::ObjectId>(call.future);
        rec.record(Kind::TaskStart, future);
        const detail::PoolResult result = run_call(ctx.session(), call);
        rec.record(Kind::TaskEnd, future, 0, result.raised ? 1 : 0,
                   static_cast<std::uint16_t>(executor::FutureState::Finished));
        // The parent gone (BrokenPipeError) ends the worker with that error.
        results.send(detail::encode_result(result));
    }
}

} // namespace

void register_pool_tasks(TaskRegistry& registry) {
    registry.add(kPoolWorkerTask, pool_worker,
                 "a ProcessPoolExecutor worker: runs calls from the pool's call queue");
}

} // namespace il::process
