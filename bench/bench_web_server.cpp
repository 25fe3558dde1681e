// Requests per second of the web server's three models with 64 concurrent
// keep-alive clients on loopback (webserver::run_load: a recorded
// HttpClient per client lane), against two baselines in the same process:
// a raw asio server that answers every request head with the same fixed
// bytes (one thread, no parser, no router, records nothing: about as fast
// as a server on these clients can be), and the net module's loopback
// HttpServer (asio coroutines on a strand, records nothing) serving the
// same Router. Each iteration is one whole load run; its wall
// time (from "go" to the last reply) is the benchmark's manual time, and
// req_per_s is the requests answered over that time; cpu_us_per_req is the
// process's CPU time (server and clients together) per request, which
// depends less on what else the machine runs. The /sleep family adds
// 1 ms of waiting per request: where the pool's four workers become the limit.
//
//   ./bench_web_server --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "net/server.h"
#include "run/cpu_time.h"
#include "webserver/handler.h"
#include "webserver/load_generator.h"
#include "webserver/server.h"

#include <asio.hpp>
#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <thread>

namespace {

using namespace il;
using namespace il::webserver;

constexpr int kClients = 64;
constexpr int kPerClient = 40;

void measure(benchmark::State& state, Session& session, const std::string& origin,
             const std::string& target) {
    LoadOptions o;
    o.origin = origin;
    o.clients = kClients;
    o.requests = kClients * kPerClient;
    o.targets = {target};
    std::int64_t requests = 0, wall = 0, cpu = 0;
    for (auto _ : state) {
        const std::int64_t cpu0 = process_cpu_ns();
        const LoadResult r = run_load(session, o);
        cpu += process_cpu_ns() - cpu0;
        if (r.errors)
            state.SkipWithError(r.error_samples.empty() ? "errors" : r.error_samples[0].c_str());
        requests += r.requests;
        wall += r.wall_ns;
        state.SetIterationTime(static_cast<double>(r.wall_ns) / 1e9);
    }
    state.counters["req_per_s"] =
        wall > 0 ? static_cast<double>(requests) * 1e9 / static_cast<double>(wall) : 0;
    state.counters["cpu_us_per_req"] =
        requests > 0 ? static_cast<double>(cpu) / 1e3 / static_cast<double>(requests) : 0;
}

// The fixed-response baseline: reads, counts request heads (each ends in a
// blank line; the clients send GETs without bodies) and writes one canned
// reply per head. Not an HTTP server: a floor for the clients' own cost.
class RawAsioServer {
public:
    RawAsioServer() : acceptor_(ctx_, {asio::ip::address_v4::loopback(), 0}) {
        accept();
        thread_ = std::thread([this] { ctx_.run(); });
    }
    ~RawAsioServer() {
        ctx_.stop();
        thread_.join();
    }
    std::string origin() const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
    }

private:
    using tcp = asio::ip::tcp;
    static constexpr std::string_view kReply =
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        "13\r\nConnection: keep-alive\r\n\r\nhello, world\n";

    struct Conn : std::enable_shared_from_this<Conn> {
        explicit Conn(tcp::socket s) : socket(std::move(s)) {}
        tcp::socket socket;
        std::array<char, 16 * 1024> buf;
        std::string out;
        int matched = 0; // of "\r\n\r\n", across reads

        void read() {
            socket.async_read_some(asio::buffer(buf),
                                   [self = shared_from_this()](asio::error_code ec, std::size_t n) {
                                       if (ec)
                                           return;
                                       self->out.clear();
                                       for (std::size_t i = 0; i < n; ++i) {
                                           const char want = "\r\n\r\n"[self->matched];
                                           self->matched = self->buf[i] == want ? self->matched + 1
                                                           : self->buf[i] == '\r' ? 1
                                                                                  : 0;
                                           if (self->matched == 4) {
                                               self->out += kReply;
                                               self->matched = 0;
                                           }
                                       }
                                       if (self->out.empty())
                                           return self->read();
                                       asio::async_write(self->socket, asio::buffer(self->out),
                                                         [self](asio::error_code e, std::size_t) {
                                                             if (!e)
                                                                 self->read();
                                                         });
                                   });
        }
    };

    void accept() {
        acceptor_.async_accept([this](asio::error_code ec, tcp::socket s) {
            if (ec)
                return;
            s.set_option(tcp::no_delay(true));
            std::make_shared<Conn>(std::move(s))->read();
            accept();
        });
    }

    asio::io_context ctx_;
    tcp::acceptor acceptor_;
    std::thread thread_;
};

void BM_BaselineFixedReply(benchmark::State& state) {
    Session session; // the clients' lanes record; the server does not
    RawAsioServer server;
    measure(state, session, server.origin(), "/hello");
}

void BM_Model(benchmark::State& state, Model model, const char* target) {
    Session session;
    ServerOptions so;
    so.queue_size = kClients; // every waiting client fits: the acceptor never blocks
    auto server = start_server(session, model, make_router(), so);
    measure(state, session, server->origin(), target);
}

void BM_BaselineLoopbackServer(benchmark::State& state, const char* target) {
    Session session; // the clients' lanes record; the server does not
    net::HttpServer server(make_router());
    measure(state, session, server.origin(), target);
}

BENCHMARK(BM_BaselineFixedReply)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BaselineLoopbackServer, hello, "/hello")
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, thread_hello, Model::Thread, "/hello")
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, pool_hello, Model::Pool, "/hello")
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, async_hello, Model::Async, "/hello")
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BaselineLoopbackServer, sleep_1ms, "/sleep?ms=1")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, thread_sleep_1ms, Model::Thread, "/sleep?ms=1")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, pool_sleep_1ms, Model::Pool, "/sleep?ms=1")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, async_sleep_1ms, Model::Async, "/sleep?ms=1")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
