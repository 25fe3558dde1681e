// The one HTTP handler the web-server project serves three ways: a Router
// with a small set of routes, each a pure function of the request, so every
// model answers with the same code (net::Router, net::prepare):
//
//   GET /              a small HTML page listing these routes
//   GET /hello         "hello, world\n": the tiny handler benchmarks use
//   GET /work?ms=N     N ms (0..1000) of CPU work on the serving lane, then "worked N ms\n"
//   GET /sleep?ms=N    answers "slept N ms\n" after N ms (0..10000): an I/O-like wait
//   GET /file/N        N bytes (0..64 MiB) of generated content (Range works)
//
// /sleep does not block inside the handler: it returns a Response whose
// `delay` each model waits out its own way (a thread sleeps; a coroutine
// awaits a timer and the loop serves others meanwhile). /work burns CPU in
// the handler itself, so on the event loop it holds up every connection, as
// CPU work in an asyncio server does. A bad N is a 400 naming what is allowed.
// Pure functions; the Router is immutable and thread-safe.
#pragma once

#include "net/router.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace il::webserver {

inline constexpr std::int64_t kMaxWorkMs = 1000;
inline constexpr std::int64_t kMaxSleepMs = 10000;
inline constexpr std::uint64_t kMaxFileBytes = 64ull << 20;
inline constexpr std::uint64_t kFileSeed = 8; // GeneratedBody seed of /file/N

net::Router make_router();

// One line per route ("GET /work?ms=N   N ms of CPU work ..."), for `serve`.
std::string route_help();

// The body a 200 answer to GET `target` must carry ("/sleep?ms=3" ->
// "slept 3 ms\n"), or nullopt when the target is not one of the routes or its
// parameter is out of range: what the load generator checks answers against.
std::optional<std::string> expected_body(std::string_view target);

// The target the load generator requests for `work_ms` of work: "/hello"
// for 0, else "/work?ms=N" (cpu) or "/sleep?ms=N".
std::string work_target(bool cpu, std::int64_t work_ms);

} // namespace il::webserver
