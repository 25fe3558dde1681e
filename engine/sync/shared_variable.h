// A shared integer whose reads and writes are recorded one by one, so a
// read-modify-write race is visible and its lost updates are counted exactly.
//
// Each read() and write() is atomic on its own (no undefined behaviour); the
// race is the logical one between a lane's read and its later write, exactly
// like `counter += 1` in Python. A write records in `b` how many updates it
// erased: the value it replaced minus the value its lane last read. Summed
// over a run, that is expected minus final. Thread-safe.
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace il::sync {

class SharedVariable {
public:
    SharedVariable(Session& session, std::string name, std::int64_t initial = 0);

    std::int64_t read();
    void write(std::int64_t value);

    // Unrecorded peek, for outcome checks after the lanes are done.
    std::int64_t value() const;
    // Updates erased so far by writes based on stale reads.
    std::int64_t lost_updates() const;
    trace::ObjectId id() const { return id_; }

private:
    Session& session_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_; // guards the fields below
    std::int64_t value_;
    std::int64_t lost_ = 0;
    std::unordered_map<trace::LaneId, std::int64_t> last_read_;
};

} // namespace il::sync
