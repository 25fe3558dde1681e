// `async-crawler`: a practice project. Crawls a site with coroutines: a
// visited set, a Semaphore for concurrency, a politeness delay; against the
// generated local site the result is compared with the site's own answer.
#include "scenarios/all.h"

#include "coro/loop.h"
#include "net/crawler.h"
#include "net/server.h"
#include "net/site.h"
#include "net/url.h"

#include <algorithm>
#include <optional>
#include <set>

namespace il::scenarios {

namespace {

using namespace il::scenario;

std::string list(const std::vector<std::string>& v, std::size_t most = 3) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < most; ++i)
        s += (i ? ", " : "") + v[i];
    if (v.size() > most)
        s += ", ...";
    return s;
}

class AsyncCrawlerScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "async-crawler",
            "Async web crawler",
            "Practice projects",
            "A crawler spends nearly all its time waiting for servers, so one thread with "
            "coroutines can keep many requests in flight. Each page is a task: it takes a permit "
            "from an asyncio.Semaphore (at most `concurrency` fetches at once), fetches, waits a "
            "politeness delay, then schedules a task for every link on the same host and port it "
            "has not seen yet. The visited set guarantees every page is fetched exactly once, "
            "however many pages link to it and however links loop.",
            "The event loop's lane switches between many short task runs; the task lanes spend "
            "their lives in I/O waits on sockets and in the semaphore's queue. Never more than "
            "`concurrency` tasks hold a permit. Broken links end as errors with their URL, links "
            "to other hosts are never followed, and pages deep in a chain are found only after "
            "the pages that lead to them.",
            "import asyncio, re\n"
            "from urllib.parse import urljoin, urldefrag, urlsplit\n"
            "import aiohttp\n"
            "\n"
            "HREF = re.compile(r'<a\\s[^>]*href=[\"\\']?([^\"\\' >]+)', re.I)\n"
            "\n"
            "async def crawl(start, concurrency=4, max_pages=100, delay=0.0):\n"
            "    origin = urlsplit(start)[:2]\n"
            "    seen, errors, tasks = {start}, [], []\n"
            "    sem = asyncio.Semaphore(concurrency)\n"
            "    async with aiohttp.ClientSession() as session:\n"
            "        async def visit(url):\n"
            "            async with sem:\n"
            "                try:\n"
            "                    async with session.get(url) as r:\n"
            "                        body = await r.text(errors='replace')\n"
            "                except aiohttp.ClientError as e:\n"
            "                    errors.append((url, str(e))); return\n"
            "                await asyncio.sleep(delay)         # politeness\n"
            "            if r.status >= 400:\n"
            "                errors.append((url, f'HTTP {r.status}')); return\n"
            "            for href in HREF.findall(body):\n"
            "                link = urldefrag(urljoin(url, href))[0]\n"
            "                if urlsplit(link)[:2] == origin and link not in seen \\\n"
            "                        and len(seen) < max_pages:\n"
            "                    seen.add(link)              # visited: fetched once\n"
            "                    tasks.append(asyncio.create_task(visit(link)))\n"
            "        tasks.append(asyncio.create_task(visit(start)))\n"
            "        while tasks:\n"
            "            await tasks.pop()\n"
            "    return seen, errors\n",
            {
                ParamSpec::text("start_url", "",
                                "where to start (http:// only); empty: a generated site on a "
                                "local server this run starts"),
                ParamSpec::integer("concurrency", 4, 1, 64, "fetches in flight at once"),
                ParamSpec::integer("max_pages", 200, 1, 10000, "URLs to visit at most"),
                ParamSpec::real("delay", 0.0, 0.0, 5.0,
                                "politeness delay after each fetch, in seconds"),
                ParamSpec::integer("pages", 30, 1, 1000, "generated site: HTML pages"),
                ParamSpec::integer("seed", 1, 0, 1'000'000, "generated site: its seed"),
                ParamSpec::real("latency_ms", 20, 0, 1000,
                                "generated site: the server's latency per response (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        net::CrawlOptions options;
        options.start_url = params.text("start_url");
        options.concurrency = static_cast<int>(params.integer("concurrency"));
        options.max_pages = static_cast<int>(params.integer("max_pages"));
        options.delay =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("delay") * 1e9));
        options.client.timeout = std::chrono::seconds(10);

        std::optional<net::Site> site;
        std::optional<net::HttpServer> server;
        if (options.start_url.empty()) {
            site.emplace(net::SiteOptions{static_cast<int>(params.integer("pages")),
                                          static_cast<std::uint64_t>(params.integer("seed"))});
            net::Router router;
            site->mount(router);
            net::ServerOptions so;
            so.latency = std::chrono::nanoseconds(
                static_cast<std::int64_t>(params.real("latency_ms") * 1e6));
            server.emplace(std::move(router), so);
            options.start_url = server->url("/");
        }
        const net::Url start = net::parse_url(options.start_url); // a bad URL fails here, named

        coro::Loop loop(session, "crawler loop");
        const net::CrawlResult r = loop.run(net::crawl(loop, options).named("crawl"));
        loop.close();

        Outcome o;
        o.values["start_url"] = options.start_url;
        o.values["pages"] = r.fetched.size();
        nlohmann::ordered_json errors = nlohmann::ordered_json::array();
        for (const net::CrawlError& e : r.errors)
            errors.push_back({{"url", e.url}, {"reason", e.reason}});
        o.values["errors"] = errors;
        o.values["bytes"] = r.bytes;
        o.values["max_in_flight"] = r.max_in_flight;
        o.values["external_links"] = r.external_links;
        o.values["limited"] = r.limited;

        std::vector<std::string> twice;
        for (const auto& [url, n] : r.attempts)
            if (n != 1)
                twice.push_back(url);
        std::vector<std::string> foreign;
        for (const auto& [url, n] : r.attempts)
            if (net::parse_url(url).origin() != start.origin())
                foreign.push_back(url);
        std::vector<std::string> problems;
        if (!twice.empty())
            problems.push_back("fetched more than once: " + list(twice));
        if (!foreign.empty())
            problems.push_back("followed links off " + start.origin() + ": " + list(foreign));
        if (r.max_in_flight > options.concurrency)
            problems.push_back(std::to_string(r.max_in_flight) + " fetches at once, limit " +
                               std::to_string(options.concurrency));
        if (static_cast<int>(r.attempts.size()) > options.max_pages)
            problems.push_back("visited more than max_pages URLs");
        if (std::find(r.fetched.begin(), r.fetched.end(), start.text()) == r.fetched.end())
            problems.push_back("the start page could not be fetched");

        if (site) {
            // Compare with the site's own answer (paths, as the crawl saw them).
            auto path_of = [](const std::string& url) { return net::parse_url(url).path; };
            std::set<std::string> got, bad;
            for (const std::string& u : r.fetched)
                got.insert(path_of(u));
            for (const net::CrawlError& e : r.errors)
                bad.insert(path_of(e.url));
            const auto& reach = site->reachable();
            const auto& broken = site->broken();
            o.values["expected_pages"] = reach.size();
            o.values["expected_errors"] = broken.size();
            o.values["expected_bytes"] = site->reachable_bytes(server->origin());
            const bool complete = !r.limited;
            if (complete) {
                if (std::vector<std::string>(got.begin(), got.end()) != reach)
                    problems.push_back("fetched " + std::to_string(got.size()) +
                                       " pages, the site has " + std::to_string(reach.size()) +
                                       " reachable");
                if (std::vector<std::string>(bad.begin(), bad.end()) != broken)
                    problems.push_back("errors name " + std::to_string(bad.size()) +
                                       " URLs, the site has " + std::to_string(broken.size()) +
                                       " broken links");
                if (r.bytes != site->reachable_bytes(server->origin()))
                    problems.push_back("the bytes differ from the site's");
            } else {
                for (const std::string& p : got)
                    if (!std::binary_search(reach.begin(), reach.end(), p))
                        problems.push_back("fetched a page the site cannot reach: " + p);
            }
        }
        o.ok = problems.empty();
        o.message = "fetched " + std::to_string(r.fetched.size()) + " pages (" +
                    std::to_string(r.bytes) + " bytes), " + std::to_string(r.errors.size()) +
                    " errors, at most " + std::to_string(r.max_in_flight) + " at once" +
                    (r.limited ? "; stopped at max_pages" : "");
        if (site && o.ok && !r.limited)
            o.message += "; every reachable page exactly once, every broken link reported";
        for (const std::string& p : problems)
            o.message += "; " + p;
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_async_crawler() {
    return std::make_unique<AsyncCrawlerScenario>();
}

} // namespace il::scenarios
