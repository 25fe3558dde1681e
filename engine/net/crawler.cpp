#include "net/crawler.h"

#include "coro/semaphore.h"
#include "coro/sleep.h"
#include "coro/task_handle.h"
#include "net/async_http_client.h"
#include "net/errors.h"
#include "net/links.h"
#include "net/url.h"

#include <algorithm>
#include <memory>
#include <set>

namespace il::net {

namespace {

bool is_html(const ClientResponse& r) {
    const auto type = r.header("Content-Type");
    return type && type->find("text/html") != std::string_view::npos;
}

// One crawl's shared state. Every task's frame holds a reference: a task
// the loop destroys unfinished (a stopped run) still releases its permit into
// a live Semaphore, after crawl() itself has gone.
struct Crawler {
    Crawler(coro::Loop& l, CrawlOptions o)
        : loop(l), options(std::move(o)), client(l, options.client),
          permits(l.session(), "crawl permits", options.concurrency) {}

    coro::Loop& loop;
    CrawlOptions options;
    AsyncHttpClient client;
    coro::Semaphore permits;
    std::string origin;
    std::set<std::string> seen;
    std::vector<coro::TaskHandle<void>> tasks;
    int in_flight = 0;
    CrawlResult result;

    static void schedule(const std::shared_ptr<Crawler>& self, const Url& url) {
        const std::string text = url.text();
        if (!self->seen.insert(text).second)
            return;
        self->tasks.push_back(self->loop.create_task(visit(self, url), "GET " + url.target()));
    }

    // Fetches one URL under a permit; returns the links of an HTML page.
    coro::Task<std::optional<std::vector<std::string>>> fetch(const Url& url) {
        const std::string text = url.text();
        auto permit = co_await permits.guard();
        ++result.attempts[text];
        result.max_in_flight = std::max(result.max_in_flight, ++in_flight);
        std::optional<std::vector<std::string>> links;
        try {
            ClientResponse r = co_await client.get(text);
            --in_flight;
            if (r.status >= 400) {
                result.errors.push_back(
                    {text, "HTTP " + std::to_string(r.status) + " " + r.reason});
            } else {
                result.fetched.push_back(text);
                result.bytes += r.body_bytes;
                links.emplace(is_html(r) ? extract_links(r.body) : std::vector<std::string>{});
            }
        } catch (const ConnectionError& e) {
            --in_flight;
            result.errors.push_back({text, e.what()});
        } catch (const ProtocolError& e) {
            --in_flight;
            result.errors.push_back({text, e.what()});
        } catch (const il::TimeoutError& e) {
            --in_flight;
            result.errors.push_back({text, e.what()});
        }
        // Politeness: the permit is held through the delay, so each of the
        // `concurrency` slots fetches at most once per delay.
        if (options.delay.count() > 0)
            co_await coro::sleep(options.delay);
        co_return links;
    }

    static coro::Task<void> visit(std::shared_ptr<Crawler> self, Url url) {
        std::optional<std::vector<std::string>> links = co_await self->fetch(url);
        if (!links)
            co_return;
        for (const std::string& href : *links) {
            const std::optional<Url> next = resolve(url, href);
            if (!next || next->origin() != self->origin) {
                ++self->result.external_links;
                continue;
            }
            if (self->seen.count(next->text()))
                continue;
            if (static_cast<int>(self->seen.size()) >= self->options.max_pages) {
                self->result.limited = true;
                continue;
            }
            schedule(self, *next);
        }
    }
};

} // namespace

coro::Task<CrawlResult> crawl(coro::Loop& loop, CrawlOptions options) {
    const Url start = parse_url(options.start_url);
    if (options.concurrency < 1 || options.max_pages < 1)
        throw il::ValueError("crawl: concurrency and max_pages must be at least 1");
    auto c = std::make_shared<Crawler>(loop, std::move(options));
    c->origin = start.origin();
    Crawler::schedule(c, start);
    // Tasks append more tasks while they run: await them in order until none is left.
    // (A copy of each handle: the vector may grow while we wait.)
    // The handles refer to the tasks, whose frames refer to c: let go of them
    // however this ends, or c and its tasks would keep each other alive.
    try {
        for (std::size_t i = 0; i < c->tasks.size(); ++i) {
            coro::TaskHandle<void> next = c->tasks[i];
            co_await next;
        }
    } catch (...) {
        c->tasks.clear();
        throw;
    }
    c->tasks.clear();
    co_return std::move(c->result);
}

} // namespace il::net
