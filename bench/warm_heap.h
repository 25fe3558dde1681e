// Benchmark helper: makes the recorder's chunks land on heap pages that are
// already faulted in, so a "warm" benchmark measures record() itself and not
// the kernel supplying fresh pages. Call before the threads that record
// start their timed loops. Not thread-safe against other callers of mallopt().
#pragma once

#include "trace/recorder.h"

#include <cstdint>
#include <cstring>
#include <malloc.h>
#include <new>
#include <vector>

namespace il::bench {

// glibc's defaults serve a 128 KiB chunk with mmap and give freed heap tops
// back to the kernel, so every recorder would write into fresh pages. A fixed
// mmap threshold above the chunk size and a trim threshold that never
// triggers keep freed chunks mapped; touching `records` worth of chunks once
// then leaves that many faulted-in pages for the recorders that follow.
// One arena for all threads: a thread's own arena is unmapped when it is
// freed whole (trim threshold or not), and Google Benchmark starts new
// threads for every run. Chunks are taken once per 4096 records, so sharing
// the arena's lock costs nothing measurable.
inline void warm_heap_for(std::uint64_t records) {
    static const bool tuned = [] {
        mallopt(M_MMAP_THRESHOLD, 4 << 20);
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        mallopt(M_ARENA_MAX, 1);
        return true;
    }();
    (void)tuned;
    using trace::detail::Chunk;
    std::vector<Chunk*> chunks;
    for (std::uint64_t n = 0; n < records + Chunk::kRecords; n += Chunk::kRecords) {
        auto* c = new Chunk;
        std::memset(static_cast<void*>(c->records), 0, sizeof(c->records));
        chunks.push_back(c);
    }
    for (Chunk* c : chunks)
        delete c;
}

} // namespace il::bench
