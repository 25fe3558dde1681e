// `readers-writers`: many readers may share a resource, a writer needs it
// alone. Reader preference starves the writer; a service queue is fair.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/event.h"
#include "sync/lock.h"
#include "thread/sleep.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <random>

namespace il::scenarios {

namespace {

using namespace il::scenario;
using Clock = std::chrono::steady_clock;
using std::chrono::nanoseconds;

// A writer counts as starved when it stayed out for at least this share of
// the reading time that was left when it asked (see Outcome in run()).
constexpr double kStarvedShare = 0.8;

double to_ms(nanoseconds d) {
    return static_cast<double>(d.count()) / 1e6;
}

// One request to read or write: when it asked, and when it got in.
struct Visit {
    Clock::time_point asked;
    Clock::time_point got;
};

class ReadersWriters final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "readers-writers",
            "Readers-writers: starvation and a fair queue",
            "Classic problems",
            "Readers only look, so any number of them may read at once; a writer changes the "
            "resource and needs it alone. The classic solution lets the first reader in lock "
            "the writers out and the last reader out let them in. But while readers keep "
            "arriving before the last one leaves, there is never a last one: the writer waits "
            "for as long as the readers keep coming — starvation, although nothing is stuck. "
            "A fair version serves everyone in arrival order: a writer waits only for the "
            "readers already inside, and readers that come after it wait their turn.",
            "reader-preferring: the readers' reads overlap (the readers count never drops to "
            "zero), so the `resource` lock, taken by the first reader, is never released while "
            "they read; the writer's wait on it spans almost the whole reader phase and ends "
            "only after the last read. fair: every request joins the service queue; a "
            "reader that comes after a waiting writer waits behind it (on its own `.turn` "
            "event), the reads in progress drain, and the writer gets in within about one "
            "read; each `.turn` is set by the lane that let it in (set -> wake arrows).",
            "import threading, time, collections\n"
            "\n"
            "class ReaderPreferring:\n"
            "    def __init__(self):\n"
            "        self.resource = threading.Lock()   # the writer's, or the readers' as a "
            "group\n"
            "        self.count_lock = threading.Lock()\n"
            "        self.readers = 0\n"
            "    def read_enter(self):\n"
            "        with self.count_lock:\n"
            "            self.readers += 1\n"
            "            if self.readers == 1:\n"
            "                self.resource.acquire()    # the first reader locks writers out\n"
            "    def read_exit(self):\n"
            "        with self.count_lock:\n"
            "            self.readers -= 1\n"
            "            if self.readers == 0:\n"
            "                self.resource.release()    # the last one out lets them in\n"
            "    def write_enter(self): self.resource.acquire()\n"
            "    def write_exit(self): self.resource.release()\n"
            "\n"
            "class Fair:                                # one line, served in arrival order\n"
            "    def __init__(self):\n"
            "        self.lock = threading.Lock()\n"
            "        self.line = collections.deque()    # (is_writer, turn) still waiting\n"
            "        self.reading, self.writing = 0, False\n"
            "    def _admit(self):                      # with self.lock held\n"
            "        while self.line:\n"
            "            is_writer, turn = self.line[0]\n"
            "            if self.writing or (is_writer and self.reading):\n"
            "                return\n"
            "            self.line.popleft()\n"
            "            if is_writer:\n"
            "                self.writing = True\n"
            "            else:\n"
            "                self.reading += 1\n"
            "            turn.set()\n"
            "            if is_writer:\n"
            "                return\n"
            "    def _enter(self, is_writer):\n"
            "        turn = threading.Event()\n"
            "        with self.lock:\n"
            "            self.line.append((is_writer, turn))\n"
            "            self._admit()\n"
            "        turn.wait()\n"
            "    def read_enter(self): self._enter(False)\n"
            "    def write_enter(self): self._enter(True)\n"
            "    def read_exit(self):\n"
            "        with self.lock:\n"
            "            self.reading -= 1\n"
            "            self._admit()\n"
            "    def write_exit(self):\n"
            "        with self.lock:\n"
            "            self.writing = False\n"
            "            self._admit()\n"
            "\n"
            "rw = ReaderPreferring()                    # Fair(): the writer gets in within one "
            "read\n"
            "stop = time.monotonic() + 0.5\n"
            "\n"
            "def reader(offset):\n"
            "    time.sleep(offset)\n"
            "    while time.monotonic() < stop:\n"
            "        rw.read_enter()\n"
            "        time.sleep(0.02)                   # read, while the others overlap\n"
            "        rw.read_exit()\n"
            "        time.sleep(0.0025)\n"
            "\n"
            "def writer():\n"
            "    time.sleep(0.05)\n"
            "    asked = time.monotonic()\n"
            "    rw.write_enter()\n"
            "    print(f'writer waited {time.monotonic() - asked:.3f} s')\n"
            "    rw.write_exit()\n"
            "\n"
            "threads = [threading.Thread(target=reader, args=(i * 0.0056,)) for i in range(4)]\n"
            "threads.append(threading.Thread(target=writer))\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n",
            {
                ParamSpec::choice("variant", "reader-preferring", {"reader-preferring", "fair"},
                                  "reader-preferring starves writers; fair serves in order"),
                ParamSpec::integer("readers", 4, 2, 16, "reader threads"),
                ParamSpec::integer("writers", 1, 1, 8, "writer threads"),
                ParamSpec::integer("writes", 2, 1, 100, "writes each writer makes"),
                ParamSpec::integer("duration_ms", 500, 20, 60000,
                                   "how long the readers keep starting reads (ms)"),
                ParamSpec::real("read_ms", 20, 1, 1000, "time one read takes (ms)"),
                ParamSpec::real("write_ms", 5, 0, 1000, "time one write takes (ms)"),
                ParamSpec::integer("seed", 1, 0, 1'000'000'000, "seed of the writers' timing"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::string& variant = params.text("variant");
        const bool fair = variant == "fair";
        const auto readers = params.integer("readers");
        const auto writers = params.integer("writers");
        const auto writes = params.integer("writes");
        const nanoseconds duration = std::chrono::milliseconds(params.integer("duration_ms"));
        const nanoseconds read(static_cast<std::int64_t>(params.real("read_ms") * 1e6));
        const nanoseconds write_time(static_cast<std::int64_t>(params.real("write_ms") * 1e6));
        const auto seed = params.integer("seed");

        // Reader-preferring: the classic pair of locks. `resource` is taken
        // by the first reader in and released by the last one out, which may
        // be another lane (Python's Lock allows that).
        std::optional<sync::Lock> resource, count_lock;
        std::int64_t reading = 0; // guarded by count_lock (or by service_queue when fair)
        // Fair: a service queue. Every request joins one line, in arrival
        // order; admit() lets in from its front as many as may go in together
        // (a run of readers, or one writer) and buzzes each admitted lane's
        // own Event, so no wake-up is ever wasted on a lane that must wait on.
        struct Request {
            bool writer;
            sync::Event* buzzer;
        };
        std::optional<sync::Lock> service_queue;
        std::deque<Request> line;                         // guarded by service_queue
        bool writing = false;                             // guarded by service_queue
        std::vector<std::unique_ptr<sync::Event>> buzzer; // per lane: readers, then writers
        if (fair) {
            service_queue.emplace(session, "service_queue");
            for (std::int64_t i = 0; i < readers; ++i)
                buzzer.push_back(std::make_unique<sync::Event>(
                    session, "reader-" + std::to_string(i + 1) + ".turn"));
            for (std::int64_t j = 0; j < writers; ++j)
                buzzer.push_back(std::make_unique<sync::Event>(
                    session, "writer-" + std::to_string(j + 1) + ".turn"));
        } else {
            resource.emplace(session, "resource");
            count_lock.emplace(session, "read_count_lock");
        }
        auto admit = [&] { // with service_queue held
            while (!line.empty()) {
                const Request front = line.front();
                if (writing || (front.writer && reading > 0))
                    return;
                line.pop_front();
                if (front.writer)
                    writing = true;
                else
                    ++reading;
                front.buzzer->set();
                if (front.writer)
                    return;
            }
        };
        auto join_line = [&](bool writer, sync::Event& mine, Visit& v) {
            {
                std::lock_guard<sync::Lock> g(*service_queue);
                // Stamped in the line's own critical section, so the stamps
                // order the requests exactly as the line does.
                v.asked = Clock::now();
                mine.clear();
                line.push_back({writer, &mine});
                admit();
            }
            mine.wait();
        };

        // A lane stopped mid-read or mid-write leaves these counters as they
        // are: the run is over, and every other lane's wait is cancelled too.
        auto begin_read = [&](std::int64_t i, Visit& v) {
            if (fair) {
                join_line(false, *buzzer[static_cast<std::size_t>(i)], v);
            } else {
                v.asked = Clock::now();
                std::lock_guard<sync::Lock> g(*count_lock);
                if (reading == 0)
                    resource->acquire();
                ++reading;
            }
            v.got = Clock::now();
        };
        auto end_read = [&] {
            if (fair) {
                std::lock_guard<sync::Lock> g(*service_queue);
                --reading;
                admit();
                return;
            }
            std::lock_guard<sync::Lock> g(*count_lock);
            if (--reading == 0)
                resource->release();
        };
        auto begin_write = [&](std::int64_t j, Visit& v) {
            if (fair) {
                join_line(true, *buzzer[static_cast<std::size_t>(readers + j)], v);
            } else {
                v.asked = Clock::now();
                resource->acquire();
            }
            v.got = Clock::now();
        };
        auto end_write = [&] {
            if (!fair) {
                resource->release();
                return;
            }
            std::lock_guard<sync::Lock> g(*service_queue);
            writing = false;
            admit();
        };

        const Clock::time_point start = Clock::now();
        const Clock::time_point phase_end = start + duration;
        auto sleep_until = [&](Clock::time_point t) {
            const auto left = t - Clock::now();
            if (left > nanoseconds(0))
                thread::sleep(session, std::chrono::duration_cast<nanoseconds>(left));
        };

        // Readers read on a fixed grid: period P = read + rest, reader i
        // shifted by i*P/readers, and rest < P/readers, so the readers' short
        // rests never overlap and at least one reader is always reading.
        // The grid is absolute, so late wake-ups do not drift, and a reader
        // that falls behind (a loaded machine, a writer ahead of it) reads
        // again at once, skipping its rests until it is back on the grid:
        // when the machine is slow, reads overlap more, never less.
        const nanoseconds rest = read / (2 * readers);
        const nanoseconds period = read + rest;
        // Per lane, only that lane writes its log; read after the join.
        std::vector<std::vector<Visit>> read_log(static_cast<std::size_t>(readers));
        std::vector<std::vector<Visit>> write_log(static_cast<std::size_t>(writers));
        auto reader = [&](std::int64_t i) {
            const nanoseconds offset = period * i / readers;
            for (std::int64_t k = 0;; ++k) {
                const Clock::time_point slot = start + offset + period * k;
                if (slot >= phase_end)
                    break;
                sleep_until(slot);
                Visit v;
                begin_read(i, v);
                thread::sleep(session, read);
                end_read();
                read_log[static_cast<std::size_t>(i)].push_back(v);
            }
        };

        // Writer j asks for its w-th write at a seeded moment inside the w-th
        // slice of the reader phase (or as soon as its previous write is done).
        auto writer = [&](std::int64_t j) {
            std::mt19937 rng(static_cast<std::uint32_t>(seed * 104729 + j));
            std::uniform_real_distribution<double> within(0.1, 0.9);
            for (std::int64_t w = 0; w < writes; ++w) {
                const auto at = std::chrono::duration_cast<nanoseconds>(
                    duration * ((static_cast<double>(w) + within(rng)) / writes));
                sleep_until(start + at);
                Visit v;
                begin_write(j, v);
                try {
                    thread::sleep(session, write_time);
                } catch (...) {
                    end_write();
                    throw;
                }
                end_write();
                write_log[static_cast<std::size_t>(j)].push_back(v);
            }
        };

        LaneGroup lanes(session);
        for (std::int64_t i = 0; i < readers; ++i)
            lanes.start("reader-" + std::to_string(i + 1), [&reader, i] { reader(i); });
        for (std::int64_t j = 0; j < writers; ++j)
            lanes.start("writer-" + std::to_string(j + 1), [&writer, j] { writer(j); });
        lanes.join_all();

        return judge(variant, read_log, write_log, phase_end, duration, writers * writes);
    }

private:
    // Two measures, both from the lanes' own stamps:
    //  * starvation: a write asked for while readers were still reading, and
    //    kept out for at least kStarvedShare of the reading time left after
    //    it asked, found no gap in the readers at all (a fair lock lets it
    //    in within about one read);
    //  * overtaking: reads that asked after a write and got in before it.
    //    A fair line never lets anyone overtake, whatever the timing (the
    //    fair variant stamps `asked` in the line's critical section, so the
    //    stamps have the line's order), so the fair check does not depend on
    //    how fast the machine is.
    static Outcome judge(const std::string& variant,
                         const std::vector<std::vector<Visit>>& read_log,
                         const std::vector<std::vector<Visit>>& write_log,
                         Clock::time_point phase_end, nanoseconds duration,
                         std::int64_t expected_writes) {
        std::int64_t reads = 0, done = 0, asked_while_reading = 0, in_while_reading = 0,
                     starved = 0, overtakes = 0;
        nanoseconds longest{0};
        std::int64_t longest_writer = 0;
        double least_share = 1e9;
        for (const auto& log : read_log)
            reads += static_cast<std::int64_t>(log.size());
        for (std::size_t j = 0; j < write_log.size(); ++j)
            for (const Visit& w : write_log[j]) {
                ++done;
                const auto wait = std::chrono::duration_cast<nanoseconds>(w.got - w.asked);
                if (wait > longest) {
                    longest = wait;
                    longest_writer = static_cast<std::int64_t>(j) + 1;
                }
                for (const auto& log : read_log)
                    for (const Visit& r : log)
                        overtakes += r.asked > w.asked && r.got < w.got;
                if (w.got < phase_end)
                    ++in_while_reading;
                if (w.asked >= phase_end)
                    continue;
                ++asked_while_reading;
                const double share = to_ms(wait) / to_ms(phase_end - w.asked);
                least_share = std::min(least_share, share);
                starved += share >= kStarvedShare;
            }
        const double longest_ms = to_ms(longest);
        const double phase_ms = to_ms(duration);
        Outcome o;
        o.values["variant"] = variant;
        o.values["reads"] = reads;
        o.values["writes"] = done;
        o.values["expected_writes"] = expected_writes;
        o.values["writes_asked_while_reading"] = asked_while_reading;
        o.values["writes_in_while_reading"] = in_while_reading;
        o.values["starved_writes"] = starved;
        o.values["reads_overtaking_writes"] = overtakes;
        o.values["longest_writer_wait_ms"] = longest_ms;
        o.values["longest_waiting_writer"] = longest_writer;
        o.values["reader_phase_ms"] = phase_ms;
        const std::string longest_text =
            "the longest writer wait was " + std::to_string(static_cast<std::int64_t>(longest_ms)) +
            " ms of a " + std::to_string(static_cast<std::int64_t>(phase_ms)) + " ms reader phase";
        if (variant != "fair") {
            o.values["least_starved_share"] = asked_while_reading ? least_share : 0.0;
            o.ok = asked_while_reading > 0 && starved == asked_while_reading;
            o.message =
                o.ok ? "writers starved: none of the " + std::to_string(asked_while_reading) +
                           " writes asked for during the reading got in before the "
                           "readers stopped (" +
                           std::to_string(overtakes) + " reads overtook them); " + longest_text
                     : std::to_string(asked_while_reading - starved) + " of " +
                           std::to_string(asked_while_reading) +
                           " writes found a gap between the readers; " + longest_text;
            return o;
        }
        o.ok = done == expected_writes && overtakes == 0;
        o.message = o.ok ? "fair: every writer got in, in its turn (no read overtook a write); " +
                               std::to_string(in_while_reading) + " of " + std::to_string(done) +
                               " writes while readers were active; " + longest_text
                         : std::to_string(done) + " of " + std::to_string(expected_writes) +
                               " writes done, " + std::to_string(overtakes) +
                               " reads overtook a waiting write; " + longest_text;
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_readers_writers() {
    return std::make_unique<ReadersWriters>();
}

} // namespace il::scenarios
