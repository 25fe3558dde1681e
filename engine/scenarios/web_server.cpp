// `web-server`: a practice project. One handler served three ways (a thread
// per connection, a thread pool behind a bounded queue, an event loop),
// each put under the same load; throughput and latency percentiles per
// model, and bad requests refused while the others are served.
#include "scenarios/all.h"

#include "net/http_client.h"
#include "run/cpu_time.h"
#include "run/errors.h"
#include "thread/thread.h"
#include "webserver/handler.h"
#include "webserver/load_generator.h"
#include "webserver/probe.h"
#include "webserver/server.h"

#include <cmath>
#include <sstream>

namespace il::scenarios {

namespace {

using namespace il::scenario;
using namespace il::webserver;

// One model's run: the load, the probes, the server's own count.
struct ModelRun {
    LoadResult load;
    ProbeResult malformed, head, body;
    int after = 0; // status of a request sent after the probes
    ServerStats stats;
    std::int64_t cpu_ns = 0;
};

ModelRun run_model(Session& session, Model model, const Params& params, const std::string& target,
                   int slow_requests) {
    ServerOptions so;
    so.port = static_cast<std::uint16_t>(params.integer("port"));
    so.pool_workers = static_cast<int>(params.integer("pool_workers"));
    so.queue_size = static_cast<std::size_t>(params.integer("queue_size"));
    ModelRun run;
    const std::int64_t cpu0 = process_cpu_ns();
    std::unique_ptr<Server> server = start_server(session, model, make_router(), so);

    // The bad requests go in on a lane of their own while the load runs.
    thread::Thread prober(session, "prober", [&] {
        run.malformed = probe(session, server->port(), malformed_request(), true);
        run.head = probe(session, server->port(), oversized_head_request(so.limits), true);
        run.body = probe(session, server->port(), oversized_body_request(so.limits), true);
    });
    prober.start();
    LoadOptions lo;
    lo.origin = server->origin();
    lo.clients = static_cast<int>(params.integer("clients"));
    lo.requests = params.integer("requests");
    lo.targets = {target};
    lo.slow_clients = static_cast<int>(params.integer("slow_clients"));
    lo.slow_requests = slow_requests;
    run.load = run_load(session, lo);
    prober.join();
    if (auto e = prober.exception())
        std::rethrow_exception(e);
    {
        net::HttpClient client(session);
        run.after = client.get(server->url("/hello")).status;
    }
    server->stop();
    run.stats = server->stats();
    run.cpu_ns = process_cpu_ns() - cpu0;
    return run;
}

std::string ms_text(double ns) {
    std::ostringstream s;
    s.precision(ns >= 1e7 ? 0 : ns >= 1e6 ? 1 : 2);
    s << std::fixed << ns / 1e6 << " ms";
    return s.str();
}

class WebServerScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "web-server",
            "Concurrent web server: thread, pool, event loop",
            "Practice projects",
            "A web server spends most of its time waiting: for a client to send, for a slow "
            "disk or database, for the network to take the reply. Three classic designs keep "
            "many clients served. A thread per connection is simple and lets the operating "
            "system switch between waits, at the price of a thread per client. A thread pool "
            "caps the threads: accepted connections wait in a bounded queue until a worker is "
            "free, and a worker stays with its connection for as long as the client keeps it "
            "alive. An event loop serves every connection on one thread: each read, write and "
            "wait is an await, and the loop runs whichever connection is ready. The same "
            "handler answers in all three, and the same load measures them: requests per "
            "second and the latency percentiles p50, p90, p99 and max. Slow clients, which "
            "send a request a byte at a time, show what each design costs: a thread each, a "
            "worker each, or nothing. Malformed and oversized requests are refused (400, 431, "
            "413) while everyone else is served.",
            "Thread model: the acceptor lane starts a 'conn #n' lane per client, each waiting "
            "on its socket between requests. Pool model: the queue 'accepted connections' "
            "fills up to queue_size while the workers are busy, the acceptor waits to put, and "
            "latency p99 and max grow with the time a client waited for a worker. Async model: "
            "one loop lane runs short bursts of many 'conn #n' task lanes. With work=cpu the "
            "event loop can run only one handler at a time. With slow_clients, compare the "
            "fast clients' p99 across the models: the pool's workers are held by the slow "
            "ones, the other models do not care. The prober lane's bad requests end with "
            "their connection closed; every load request is still answered.",
            "import asyncio, queue, socket, threading\n"
            "\n"
            "REPLY = b'HTTP/1.1 200 OK\\r\\nContent-Length: 13\\r\\n\\r\\nhello, world\\n'\n"
            "\n"
            "def handle(conn):                     # one connection, kept alive\n"
            "    with conn, conn.makefile('rb') as f:\n"
            "        while f.readline():           # request line\n"
            "            while f.readline() not in (b'\\r\\n', b''):\n"
            "                pass                  # headers\n"
            "            conn.sendall(REPLY)\n"
            "\n"
            "def thread_per_connection(srv):\n"
            "    while True:\n"
            "        conn, _ = srv.accept()\n"
            "        threading.Thread(target=handle, args=(conn,)).start()\n"
            "\n"
            "def thread_pool(srv, workers=4, queue_size=8):\n"
            "    accepted = queue.Queue(maxsize=queue_size)   # full: accept waits\n"
            "    def worker():\n"
            "        while True:\n"
            "            handle(accepted.get())\n"
            "    for _ in range(workers):\n"
            "        threading.Thread(target=worker, daemon=True).start()\n"
            "    while True:\n"
            "        accepted.put(srv.accept()[0])\n"
            "\n"
            "async def handle_async(reader, writer):\n"
            "    while await reader.readline():\n"
            "        while await reader.readline() not in (b'\\r\\n', b''):\n"
            "            pass\n"
            "        writer.write(REPLY)\n"
            "        await writer.drain()\n"
            "    writer.close()\n"
            "\n"
            "async def event_loop(port):\n"
            "    srv = await asyncio.start_server(handle_async, '127.0.0.1', port)\n"
            "    async with srv:\n"
            "        await srv.serve_forever()\n"
            "\n"
            "srv = socket.create_server(('127.0.0.1', 8000))   # loopback only\n"
            "thread_per_connection(srv)   # or thread_pool(srv), or "
            "asyncio.run(event_loop(8000))\n",
            {
                ParamSpec::choice("model", "all", {"thread", "pool", "async", "all"},
                                  "which server model to run (all: each in turn)"),
                ParamSpec::integer("clients", 16, 1, 256, "concurrent keep-alive clients"),
                ParamSpec::integer("requests", 600, 1, 100000,
                                   "requests in all, shared out among the clients"),
                ParamSpec::integer("slow_clients", 0, 0, 64,
                                   "extra clients that send each request a byte at a time"),
                ParamSpec::integer("pool_workers", 4, 1, 64, "pool model: worker threads"),
                ParamSpec::integer("queue_size", 8, 1, 1000,
                                   "pool model: accepted connections that may wait for a worker"),
                ParamSpec::choice("work", "wait", {"wait", "cpu"},
                                  "what a request costs: waiting (as for a database) or CPU"),
                ParamSpec::integer("work_ms", 1, 0, 100,
                                   "milliseconds of that work per request (0: none)"),
                ParamSpec::integer("port", 0, 0, 65535,
                                   "port on 127.0.0.1 (0: any free port); the models take turns"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::string which = params.text("model");
        std::vector<Model> models;
        if (which == "all")
            models = all_models();
        else
            models = {*parse_model(which)};
        const std::string target =
            work_target(params.text("work") == "cpu", params.integer("work_ms"));
        constexpr int kSlowRequests = 2;
        const std::int64_t requests = params.integer("requests");
        const std::int64_t slow = params.integer("slow_clients") * kSlowRequests;

        Outcome o;
        o.values["target"] = target;
        auto& table = o.values["models"];
        std::vector<std::string> problems, summary;
        for (Model m : models) {
            const std::string name(model_name(m));
            const ModelRun r = run_model(session, m, params, target, kSlowRequests);
            const LoadResult& l = r.load;
            table[name] = {
                {"wall_ns", l.wall_ns},
                {"cpu_ns", r.cpu_ns},
                {"requests", l.requests},
                {"errors", l.errors},
                {"throughput_rps", std::round(l.throughput_rps * 10) / 10},
                {"p50_ns", std::llround(l.latency.p50)},
                {"p90_ns", std::llround(l.latency.p90)},
                {"p99_ns", std::llround(l.latency.p99)},
                {"max_ns", l.latency.max},
                {"connections", l.connections},
                {"slow_requests", l.slow_requests},
                {"slow_errors", l.slow_errors},
                {"slow_p50_ns", std::llround(l.slow_latency.p50)},
                {"malformed_status", r.malformed.status},
                {"header_too_large_status", r.head.status},
                {"body_too_large_status", r.body.status},
                {"refused", r.stats.bad_requests},
                {"server_connections", r.stats.connections},
            };
            summary.push_back(name + " " + std::to_string(std::llround(l.throughput_rps)) +
                              " req/s, p99 " + ms_text(l.latency.p99));
            auto fail = [&](const std::string& what) { problems.push_back(name + ": " + what); };
            if (l.errors || l.requests != requests)
                fail(std::to_string(l.requests) + " of " + std::to_string(requests) +
                     " requests answered correctly");
            if (l.slow_errors || l.slow_requests != slow)
                fail(std::to_string(l.slow_requests) + " of " + std::to_string(slow) +
                     " slow requests answered correctly");
            for (const std::string& e : l.error_samples)
                fail(e);
            auto refused = [&](const char* what, const ProbeResult& p, int want) {
                if (p.status != want || !p.closed)
                    fail(std::string(what) + ": got " +
                         (p.status ? std::to_string(p.status) : "no reply (" + p.error + ")") +
                         (p.closed ? "" : ", connection left open") + ", expected " +
                         std::to_string(want) + " and a close");
            };
            refused("malformed request", r.malformed, 400);
            refused("oversized head", r.head, 431);
            refused("oversized body", r.body, 413);
            if (r.after != 200)
                fail("a request after the bad ones got " + std::to_string(r.after));
        }
        o.ok = problems.empty();
        o.message = "";
        for (std::size_t i = 0; i < summary.size(); ++i)
            o.message += (i ? "; " : "") + summary[i];
        if (o.ok)
            o.message += ". Every request answered correctly; malformed and oversized requests "
                         "refused (400, 431, 413) while the others were served";
        for (const std::string& p : problems)
            o.message += "; " + p;
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_web_server() {
    return std::make_unique<WebServerScenario>();
}

} // namespace il::scenarios
