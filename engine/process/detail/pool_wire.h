// The messages between a ProcessPoolExecutor and its workers. Calls go
// through the pool's call queue (any idle worker takes the next); each
// worker answers on its own result pipe. Pure functions over wire.h;
// decoding throws WireError on a malformed message. Thread-safe.
#pragma once

#include "process/wire.h"

#include <cstdint>
#include <string>
#include <vector>

namespace il::process::detail {

// One call: `function` applied to each argument list in `inputs` (one for
// submit(), up to chunksize for map()). A Stop message ends a worker.
struct PoolCall {
    bool stop = false;
    std::int64_t id = 0;     // the pool's call number, from 1
    std::int64_t future = 0; // the future's trace object (the worker records on it)
    std::string function;
    std::vector<std::vector<std::string>> inputs;
};

// The answer: one result per input, or the exception the first failing
// input raised (the whole chunk fails with it, as in CPython).
struct PoolResult {
    std::int64_t id = 0;
    bool raised = false;
    std::vector<std::string> results; // !raised
    std::string error_kind;           // raised
    std::string error_message;        // raised
};

inline std::string encode_call(const PoolCall& c) {
    Writer w;
    w.i64(c.stop ? 2 : 1);
    if (c.stop)
        return std::move(w).str();
    w.i64(c.id).i64(c.future).bytes(c.function).i64(static_cast<std::int64_t>(c.inputs.size()));
    for (const auto& args : c.inputs)
        w.strings(args);
    return std::move(w).str();
}

inline PoolCall decode_call(std::string_view bytes) {
    Reader r(bytes);
    PoolCall c;
    const std::int64_t kind = r.i64();
    if (kind == 2) {
        c.stop = true;
    } else if (kind == 1) {
        c.id = r.i64();
        c.future = r.i64();
        c.function = r.bytes();
        const std::int64_t n = r.i64();
        if (n < 0 || static_cast<std::uint64_t>(n) > bytes.size() / 8)
            throw WireError("malformed pool call: bad input count");
        c.inputs.reserve(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            c.inputs.push_back(r.strings());
    } else {
        throw WireError("malformed pool call: unknown kind " + std::to_string(kind));
    }
    if (!r.done())
        throw WireError("malformed pool call: trailing bytes");
    return c;
}

inline std::string encode_result(const PoolResult& p) {
    Writer w;
    w.i64(p.id).i64(p.raised ? 1 : 0);
    if (p.raised)
        w.bytes(p.error_kind).bytes(p.error_message);
    else
        w.strings(p.results);
    return std::move(w).str();
}

inline PoolResult decode_result(std::string_view bytes) {
    Reader r(bytes);
    PoolResult p;
    p.id = r.i64();
    p.raised = r.i64() != 0;
    if (p.raised) {
        p.error_kind = r.bytes();
        p.error_message = r.bytes();
    } else {
        p.results = r.strings();
    }
    if (!r.done())
        throw WireError("malformed pool result: trailing bytes");
    return p;
}

} // namespace il::process::detail
