// `sync-vs-async`: the same N fetches from a slow local server, one after
// another, with a thread each, and with a coroutine each.
#include "scenarios/all.h"

#include "coro/gather.h"
#include "coro/loop.h"
#include "net/async_http_client.h"
#include "net/http_client.h"
#include "net/server.h"
#include "scenarios/lanes.h"

#include <atomic>
#include <chrono>
#include <cmath>

namespace il::scenarios {

namespace {

using namespace il::scenario;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string item_body(const std::string& path) {
    return "item " + path.substr(path.rfind('/') + 1) + "\n";
}

coro::Task<std::vector<net::ClientResponse>> fetch_all(net::AsyncHttpClient& client,
                                                       std::vector<std::string> urls) {
    std::vector<coro::Task<net::ClientResponse>> fetches;
    for (const std::string& u : urls)
        fetches.push_back(client.get(u).named("fetch " + u.substr(u.rfind("/item/"))));
    co_return co_await coro::gather(std::move(fetches));
}

class SyncVsAsyncScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "sync-vs-async",
            "Sequential vs threads vs coroutines",
            "Asyncio",
            "Fetching a URL is mostly waiting for the server. Done one after another, N fetches "
            "take N times the server's latency. With a thread per fetch, the waits overlap and "
            "the total is about one latency. Coroutines overlap them too, on one thread: each "
            "fetch suspends at its socket and the event loop runs the next one.",
            "The sequential part is one long staircase of I/O waits on the main lane. The "
            "threaded part shows N thread lanes waiting side by side. The coroutine part shows "
            "N task lanes waiting side by side while the single loop lane runs each of them for "
            "a moment. Compare the three wall times in the outcome.",
            "import asyncio, threading, time, urllib.request\n"
            "import aiohttp\n"
            "\n"
            "URLS = [f'http://127.0.0.1:8000/item/{i}' for i in range(10)]\n"
            "\n"
            "def fetch(url):\n"
            "    with urllib.request.urlopen(url) as r:\n"
            "        return r.read()\n"
            "\n"
            "t = time.perf_counter()\n"
            "for u in URLS: fetch(u)                          # sequential\n"
            "print('sequential', time.perf_counter() - t)\n"
            "\n"
            "t = time.perf_counter()\n"
            "threads = [threading.Thread(target=fetch, args=(u,)) for u in URLS]\n"
            "for th in threads: th.start()\n"
            "for th in threads: th.join()\n"
            "print('threads', time.perf_counter() - t)\n"
            "\n"
            "async def main():\n"
            "    async with aiohttp.ClientSession() as s:\n"
            "        async def get(u):\n"
            "            async with s.get(u) as r:\n"
            "                return await r.read()\n"
            "        await asyncio.gather(*(get(u) for u in URLS))\n"
            "\n"
            "t = time.perf_counter()\n"
            "asyncio.run(main())                              # coroutines\n"
            "print('coroutines', time.perf_counter() - t)\n",
            {
                ParamSpec::integer("fetches", 10, 1, 64, "how many URLs to fetch"),
                ParamSpec::real("latency_ms", 100, 1, 1000,
                                "how long the server takes to answer each request (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const int n = static_cast<int>(params.integer("fetches"));
        const double latency_ms = params.real("latency_ms");
        net::Router router;
        router.add_prefix("/item/", [](const net::Request& q) {
            return net::Response::text(200, item_body(q.path));
        });
        net::ServerOptions so;
        so.latency = std::chrono::nanoseconds(static_cast<std::int64_t>(latency_ms * 1e6));
        net::HttpServer server(std::move(router), so);
        std::vector<std::string> urls;
        for (int i = 0; i < n; ++i)
            urls.push_back(server.url("/item/" + std::to_string(i)));

        int wrong = 0;
        auto check = [&](const net::ClientResponse& r, const std::string& url) {
            if (r.status != 200 || r.body != item_body(url))
                ++wrong;
        };

        // 1. Sequential, on the main lane.
        auto t = Clock::now();
        {
            net::HttpClient client(session);
            for (const std::string& u : urls)
                check(client.get(u), u);
        }
        const double sequential = ms_since(t);

        // 2. A thread per fetch, each with its own blocking client.
        std::atomic<int> wrong_threads{0};
        t = Clock::now();
        {
            LaneGroup lanes(session);
            for (int i = 0; i < n; ++i)
                lanes.start("thread-" + std::to_string(i + 1), [&, i] {
                    net::HttpClient client(session);
                    net::ClientResponse r = client.get(urls[static_cast<std::size_t>(i)]);
                    if (r.status != 200 || r.body != item_body(urls[static_cast<std::size_t>(i)]))
                        ++wrong_threads;
                });
            lanes.join_all();
        }
        const double threads = ms_since(t);
        wrong += wrong_threads.load();

        // 3. A coroutine per fetch, all on one event loop.
        t = Clock::now();
        {
            coro::Loop loop(session);
            net::AsyncHttpClient client(loop);
            std::vector<net::ClientResponse> got = loop.run(fetch_all(client, urls).named("main"));
            loop.close();
            for (std::size_t i = 0; i < got.size(); ++i)
                check(got[i], urls[i]);
        }
        const double coroutines = ms_since(t);

        Outcome o;
        o.values["fetches"] = n;
        o.values["latency_ms"] = latency_ms;
        o.values["sequential_ms"] = std::round(sequential * 10) / 10;
        o.values["threads_ms"] = std::round(threads * 10) / 10;
        o.values["coroutines_ms"] = std::round(coroutines * 10) / 10;
        const double sp_threads = sequential / threads;
        const double sp_coroutines = sequential / coroutines;
        o.values["speedup_threads"] = std::round(sp_threads * 100) / 100;
        o.values["speedup_coroutines"] = std::round(sp_coroutines * 100) / 100;
        o.values["wrong_replies"] = wrong;
        // The models side by side, as the "models" chart reads them.
        auto model = [&](double ms, double speedup) {
            return nlohmann::ordered_json{{"wall_ns", static_cast<std::int64_t>(ms * 1e6)},
                                          {"speedup", std::round(speedup * 100) / 100}};
        };
        o.values["io"]["sequential"] = model(sequential, 1.0);
        o.values["io"]["threads"] = model(threads, sp_threads);
        o.values["io"]["coroutines"] = model(coroutines, sp_coroutines);
        // About n-fold in theory; a third of that leaves room for a busy machine.
        const double need = n >= 3 ? n / 3.0 : 0.0;
        o.ok = wrong == 0 && sp_threads >= need && sp_coroutines >= need;
        auto f1 = [](double v) { return std::to_string(static_cast<int>(std::round(v))); };
        o.message = std::to_string(n) + " fetches: sequential " + f1(sequential) + " ms, threads " +
                    f1(threads) + " ms, coroutines " + f1(coroutines) + " ms";
        if (wrong)
            o.message += "; " + std::to_string(wrong) + " wrong replies";
        else if (!o.ok)
            o.message += "; expected the concurrent versions at least " + f1(need) +
                         " times faster than sequential";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_sync_vs_async() {
    return std::make_unique<SyncVsAsyncScenario>();
}

} // namespace il::scenarios
