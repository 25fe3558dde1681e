// `pipe-pingpong`: messages bounce between two processes over a Pipe; the
// round trip is what a message between processes costs.
#include "scenarios/all.h"

#include "process/connection.h"
#include "process/errors.h"
#include "process/process.h"
#include "process/task_registry.h"
#include "scenarios/multiprocessing_tasks.h"
#include "trace/clock.h"

namespace il::scenarios {

namespace {

using namespace il::scenario;

constexpr const char* kTask = "scenario.pipe_pingpong.pong";

class PipePingpongScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "pipe-pingpong",
            "Pipe ping-pong between two processes",
            "Multiprocessing",
            "multiprocessing.Pipe() gives two connected ends; whatever one end sends, the other "
            "receives, in order. Each message crosses the kernel: it is copied into the pipe, "
            "the receiving process is woken and copies it out. A round trip — ping there, pong "
            "back — is the price of one question to another process, and it is many times the "
            "cost of a function call.",
            "The arrows zig-zag between the two process lanes: every send is the cause of the "
            "receive in the other process. Each side spends most of its time blocked in "
            "recv(); the gaps between an arrow's ends are the kernel's wake-up cost.",
            "from multiprocessing import Process, Pipe\n"
            "import time\n"
            "\n"
            "def pong(conn):\n"
            "    while (msg := conn.recv()) is not None:\n"
            "        conn.send(msg)\n"
            "\n"
            "if __name__ == \"__main__\":\n"
            "    here, there = Pipe()\n"
            "    p = Process(target=pong, args=(there,)); p.start()\n"
            "    start = time.perf_counter()\n"
            "    for i in range(200):\n"
            "        here.send(i)\n"
            "        assert here.recv() == i\n"
            "    rtt = (time.perf_counter() - start) / 200\n"
            "    here.send(None); p.join()\n"
            "    print(f\"{rtt * 1e6:.0f} µs per round trip\")\n",
            {
                ParamSpec::integer("rounds", 200, 1, 1'000'000, "round trips"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::int64_t rounds = params.integer("rounds");
        auto [ping, pong] = process::Pipe(session, "pingpong");
        process::Process child(session, "pong-process", kTask, {}, {pong.share()});
        child.start();
        pong.close();
        std::int64_t ok_rounds = 0;
        const std::int64_t t0 = trace::clock::monotonic_ns();
        try {
            for (std::int64_t i = 0; i < rounds; ++i) {
                const std::string msg = std::to_string(i);
                ping.send(msg);
                if (ping.recv() == msg)
                    ++ok_rounds;
            }
        } catch (const std::exception& e) {
            // The pipe only says its other end closed: name the child and how it
            // ended (killed, crashed), once it has (a bound, not a wait for it).
            if (dynamic_cast<const Cancelled*>(&e) || !child.join(std::chrono::seconds(2)))
                throw;
            throw RuntimeError("the pong process (pid " + std::to_string(child.pid()) + ") " +
                               process::describe_exit(child.exitcode()) + ": " + e.what());
        }
        const std::int64_t elapsed = trace::clock::monotonic_ns() - t0;
        ping.close(); // the child sees EOF and ends
        child.join();

        const double mean_us = double(elapsed) / double(rounds) / 1e3;
        Outcome o;
        o.values["rounds"] = rounds;
        o.values["echoed"] = ok_rounds;
        o.values["mean_round_trip_us"] = mean_us;
        o.ok = ok_rounds == rounds && child.exitcode() == 0;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f", mean_us);
        o.message = std::to_string(ok_rounds) + " of " + std::to_string(rounds) +
                    " round trips echoed; mean round trip " + buf + " µs";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_pipe_pingpong() {
    return std::make_unique<PipePingpongScenario>();
}

void register_pipe_pingpong_tasks(process::TaskRegistry& registry) {
    registry.add(
        kTask,
        [](process::TaskContext& ctx) {
            auto& conn = ctx.object<process::Connection>(0);
            try {
                for (;;)
                    conn.send(conn.recv());
            } catch (const process::EOFError&) {
            }
            return 0;
        },
        "pipe-pingpong: sends every message on Connection 0 back until EOF");
}

} // namespace il::scenarios
