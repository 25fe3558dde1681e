// The multi-part downloader of the `downloader` practice project: what a
// Python script does with requests, threads and Range headers.
//
// 1. Probe (on the calling lane): HEAD, and when that does not settle it a
//    GET with "Range: bytes=0-0" (its body never read when the server
//    answers 200), to learn the size and whether byte ranges work (206 with
//    a Content-Range, or Accept-Ranges: bytes with a length).
// 2. Split the size into `parts` ranges and run a thread lane per part
//    ("part 1", ...), each with its own blocking HttpClient: GET its range
//    and write it into place (OutputFile, a preallocated temporary file).
//    Every reply's status and Content-Range are checked before a byte is
//    written. Without Range support, or when the size is unknown (a chunked
//    reply), one part fetches the whole body (the result says why).
// 3. An interrupted part (connection dropped, timeout, short or garbled
//    body, 5xx/408/429) is tried again, at most `retries` more times, from
//    the first byte it is missing ("Range: bytes=<next>-<last>"); without
//    Range support it starts over. Each failure and its reason is kept.
//    Other errors (4xx, a changed size, the disk) end the download at once,
//    and the other parts stop at their next chunk.
//    (A body of unknown size sent until the connection closes cannot be told
//    from one cut short: such a download is as complete as the server says.)
// 4. SHA-256 of the whole file, compared with the expected one when given
//    (or computed meanwhile); only a complete (and matching) file is
//    renamed to `output`.
//
// Recorded, besides each part's socket waits and the joins: on each part's
// lane a Mark on the annotation "% of the part received" (value: percent)
// every `progress_step` percent, and a Mark on an annotation naming the
// failure and the byte it resumes from for every retry; on the calling
// lane Marks around the checksum. The event log and the Chrome trace show
// them; the timeline shows the lanes and their waits.
//
// Session stop: every part's blocked socket call is cancelled at once, the
// threads are joined, the temporary file removed, and il::Cancelled thrown.
// Thread-compatible: call from one lane; the function makes its own threads.
#pragma once

#include "net/client_options.h"
#include "run/session.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace il::download {

struct DownloadOptions {
    std::string url;    // http:// only
    std::string output; // the file to write (replaced only by a complete download)
    int parts = 4;      // 1..32 lanes
    int retries = 3;    // 0..100 more tries per part (and for the probe)
    std::optional<std::string> expected_sha256; // 64 hex digits; checked when given
    // Or a digest computed meanwhile (the scenario computes it from the
    // generator on a lane of its own while the parts download): called on
    // the calling lane once the file is hashed, when expected_sha256 is not
    // given. It may block, and throw il::Cancelled.
    std::function<std::string()> expected_sha256_from;
    std::chrono::nanoseconds retry_delay = std::chrono::milliseconds(50); // times the try number
    int progress_step = 10; // percent between progress marks, 1..100
    net::ClientOptions client;
};

// One try of a part's request.
struct PartAttempt {
    std::uint64_t from = 0;  // the first byte asked for
    std::uint64_t bytes = 0; // body bytes written by this try
    std::string error;       // empty for the try that finished the part
};

struct PartReport {
    int index = 0;              // 1-based, as the lane's name
    std::uint64_t first = 0;    // the part's range
    std::uint64_t length = 0;   // (the bytes received when the size was unknown)
    std::uint64_t received = 0; // bytes written
    std::vector<PartAttempt> attempts;
    std::int64_t elapsed_ns = 0; // from the lane's start to its end
};

struct DownloadResult {
    bool ok = false;     // complete, and the digest matched when one was expected
    std::string message; // one line: what happened, or what went wrong and where
    std::string url;
    std::string output;
    std::optional<std::uint64_t> size; // as the server said (nullopt: not known in advance)
    std::uint64_t bytes = 0;           // bytes in the file
    bool range_supported = false;
    std::string probe;  // how size and Range support were learnt
    int parts = 0;      // lanes used (may be fewer than asked)
    int retries = 0;    // failed tries, all parts together
    std::string sha256; // of the downloaded bytes (empty if incomplete)
    std::optional<std::string> expected_sha256;
    std::int64_t elapsed_ns = 0; // probe to rename
    std::vector<PartReport> part_reports;
};

// Checks `options` (url, parts, retries, digest, step) and throws
// il::ValueError / net::UrlError naming the field and what is allowed.
void validate(const DownloadOptions& options);

// Downloads. Invalid options throw (validate()); a stopped session throws
// il::Cancelled; every other failure is a result with ok == false and a
// message. Either way no temporary file is left and an existing `output`
// is untouched.
DownloadResult download(Session& session, const DownloadOptions& options);

} // namespace il::download
