// One part of a download, on its own lane: GET its byte range (or the
// whole body), check each reply's head before a byte is written, write the
// body into place, and after an interruption ask again from the first
// missing byte (from byte 0 without Range support), at most `retries` more
// times. See downloader.h for the whole. One call per lane.
#pragma once

#include "download/downloader.h"
#include "download/output_file.h"
#include "trace/record.h"

#include <atomic>
#include <optional>

namespace il::download {

struct PartPlan {
    int index = 1;
    std::uint64_t first = 0;
    std::optional<std::uint64_t> length; // nullopt: to the end of a body of unknown size
    bool ranged = true;                  // ask with Range; else the whole body from byte 0
    std::optional<std::uint64_t> size;   // the file's, when known: replies must agree
};

struct PartContext {
    Session& session;
    std::string url;
    OutputFile& file;
    net::ClientOptions client;
    int retries = 3;
    std::chrono::nanoseconds retry_delay{0};
    int progress_step = 10;
    trace::ObjectId progress_mark = 0; // Mark a = percent of the part received
    trace::ObjectId mib_mark = 0;      // Mark a = MiB received (size unknown)
    // Set when another part failed: this one stops at its next chunk or try.
    std::atomic<bool>& abort;
};

// Throws FatalError (a reply that cannot be right, an HTTP error, the
// tries spent), OutputError (the disk) and il::Cancelled. Returns early,
// unfinished, when `abort` is set.
PartReport run_part(const PartContext& context, const PartPlan& plan);

} // namespace il::download
