// The async crawler of the "async-crawler" practice project: from a start
// URL, follows <a href> links on the same host and port only (scheme, host
// and port compared after resolution; fragments dropped), each URL fetched
// at most once (a visited set), at most `concurrency` fetches at once (an
// async Semaphore), at most `max_pages` URLs in all, with a politeness
// `delay` after each fetch, while holding the permit. Every visit is a task
// with a lane of its own ("GET /path"); non-HTML bodies are counted, not
// parsed. HTTP errors (>= 400) and failures (refused, reset, timeout, not
// HTTP) are collected with their URL and reason; they never stop the crawl.
// Loop-thread only.
#pragma once

#include "coro/loop.h"
#include "coro/task.h"
#include "net/client_options.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace il::net {

struct CrawlOptions {
    std::string start_url;
    int concurrency = 4;
    int max_pages = 100; // URLs scheduled in all (the start included)
    std::chrono::nanoseconds delay{0};
    ClientOptions client;
};

struct CrawlError {
    std::string url;
    std::string reason; // "HTTP 404 Not Found", "connection refused ...", ...
};

struct CrawlResult {
    std::vector<std::string> fetched;    // URLs fetched with a 2xx, in completion order
    std::map<std::string, int> attempts; // every URL requested -> times requested
    std::vector<CrawlError> errors;      // in completion order
    std::uint64_t bytes = 0;             // body bytes of the fetched URLs
    int max_in_flight = 0;               // most fetches running at once
    std::size_t external_links = 0;      // links found to other origins (not followed)
    bool limited = false;                // max_pages stopped the crawl early
};

// Crawls on `loop` (from inside a task running on it). Throws UrlError for
// a bad start URL, before anything is fetched.
coro::Task<CrawlResult> crawl(coro::Loop& loop, CrawlOptions options);

} // namespace il::net
