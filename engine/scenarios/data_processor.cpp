// `data-processor` (practice project): word frequencies over a folder of
// text files with a process pool. Map: count a chunk of files in a worker;
// reduce: merge the counts. Checked against a single-process count.
#include "scenarios/all.h"

#include "process/process_pool_executor.h"
#include "wordcount/codec.h"
#include "wordcount/corpus.h"
#include "wordcount/count.h"
#include "wordcount/list_files.h"
#include "wordcount/top.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace il::scenarios {

namespace {

using namespace il::scenario;
using namespace il::wordcount;

std::string mb_text(double bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
    return buf;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

class DataProcessor final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "data-processor",
            "Data processor: word counts with a process pool",
            "Practice projects",
            "A real tool: count word frequencies over a folder of text files. Counting is "
            "CPU-bound, so the files are split into chunks and a process pool counts them in "
            "parallel (map); the parent merges the partial counts (reduce). A word is a maximal "
            "run of ASCII letters and digits, lower-cased. Binary files are skipped and "
            "unreadable ones reported: a tool must not crash on a bad file.",
            "Each worker process takes a chunk from the call queue, reads its files (task start "
            ".. task end) and sends back its counts; the arrows show each chunk going out and "
            "its counts coming back to the manager lane. Larger chunks mean fewer messages but "
            "a longer tail when one worker gets the last big chunk.",
            "from collections import Counter\n"
            "from concurrent.futures import ProcessPoolExecutor\n"
            "from pathlib import Path\n"
            "import re\n"
            "\n"
            "WORD = re.compile(rb'[A-Za-z0-9]+')\n"
            "\n"
            "def count_chunk(paths):\n"
            "    counts, skipped, failed = Counter(), [], []\n"
            "    for p in paths:\n"
            "        try:\n"
            "            data = Path(p).read_bytes()\n"
            "        except OSError as e:\n"
            "            failed.append((p, e.strerror)); continue\n"
            "        if b'\\0' in data[:8192]:\n"
            "            skipped.append(p); continue\n"
            "        counts.update(w.lower() for w in WORD.findall(data))\n"
            "    return counts, skipped, failed\n"
            "\n"
            "if __name__ == '__main__':\n"
            "    files = sorted(str(p) for p in Path('corpus').rglob('*') if not p.is_dir())\n"
            "    chunks = [files[i:i + 4] for i in range(0, len(files), 4)]\n"
            "    total = Counter()\n"
            "    with ProcessPoolExecutor(max_workers=2) as pool:\n"
            "        for counts, skipped, failed in pool.map(count_chunk, chunks):\n"
            "            total.update(counts)\n"
            "    print(total.most_common(10))\n",
            {
                ParamSpec::text("input", "",
                                "a folder of text files (empty: a corpus generated from seed)"),
                ParamSpec::integer("seed", 1, 0, 2147483647, "seed of the generated corpus"),
                ParamSpec::real("size_mb", 50, 0.01, 2000,
                                "size of the generated corpus (MB; about 64 files)"),
                ParamSpec::integer("workers", 2, 1, 16, "max_workers: worker processes"),
                ParamSpec::integer("chunksize", 4, 1, 100000, "files counted per call"),
                ParamSpec::integer("top", 10, 1, 1000, "how many of the most frequent words"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::string& input = params.text("input");
        const auto workers = static_cast<std::size_t>(params.integer("workers"));
        const auto chunksize = static_cast<std::size_t>(params.integer("chunksize"));
        const auto top = static_cast<std::size_t>(params.integer("top"));

        // The files: the given folder's, or a corpus made for this run.
        std::optional<TempCorpus> corpus;
        std::string folder = input;
        if (input.empty()) {
            const auto seed = static_cast<std::uint64_t>(params.integer("seed"));
            const auto bytes = static_cast<std::uint64_t>(params.real("size_mb") * 1e6);
            corpus.emplace(make_temp_corpus(seed, bytes, [&session] { session.check_stop(); }));
            folder = corpus->folder();
        }
        Listing listing;
        try {
            listing = list_files(folder);
        } catch (const NotAFolder& e) {
            throw ParamError("parameter 'input': " + std::string(e.what()) +
                             "; allowed: a folder of text files, or empty for a generated corpus");
        }

        // Map on the pool, reduce here, in chunk order (so lists are in file order).
        const auto t0 = std::chrono::steady_clock::now();
        CountResult merged;
        std::size_t calls = 0, started = 0;
        {
            process::ProcessPoolExecutor pool(session, workers, "pool");
            const std::vector<std::vector<std::string>> chunks =
                chunks_of(listing.files, chunksize);
            calls = chunks.size();
            for (const std::string& bytes : pool.map("pool.count_words", chunks))
                merged.merge(decode_result(bytes));
            started = pool.worker_count();
            pool.shutdown(true);
        }
        const double pool_s = seconds_since(t0);
        merged.failed.insert(merged.failed.begin(), listing.failed.begin(), listing.failed.end());

        // The check: the same count in this process alone.
        const auto t1 = std::chrono::steady_clock::now();
        CountResult single = count_files(listing.files, [&session] { session.check_stop(); });
        const double single_s = seconds_since(t1);
        single.failed.insert(single.failed.begin(), listing.failed.begin(), listing.failed.end());
        const bool same = merged.words == single.words && merged.files_read == single.files_read &&
                          merged.bytes == single.bytes && merged.skipped == single.skipped &&
                          merged.failed == single.failed;

        const std::vector<WordCount> best = top_words(merged.words, top);
        const double mb_s = pool_s > 0 ? double(merged.bytes) / 1e6 / pool_s : 0;
        Outcome o;
        o.values["input"] = input.empty()
                                ? "generated (seed " + std::to_string(params.integer("seed")) + ")"
                                : input;
        o.values["files"] = listing.files.size();
        o.values["files_read"] = merged.files_read;
        o.values["skipped_binary"] = merged.skipped;
        nlohmann::ordered_json failed = nlohmann::ordered_json::array();
        for (const FileProblem& f : merged.failed)
            failed.push_back({{"path", f.path}, {"reason", f.reason}});
        o.values["failed"] = failed;
        o.values["bytes"] = merged.bytes;
        o.values["words"] = merged.words.total();
        o.values["distinct_words"] = merged.words.distinct();
        nlohmann::ordered_json top_json = nlohmann::ordered_json::array();
        for (const WordCount& w : best)
            top_json.push_back({{"word", w.word}, {"count", w.count}});
        o.values["top"] = top_json;
        o.values["workers_started"] = started;
        o.values["calls"] = calls;
        o.values["pool_seconds"] = pool_s;
        o.values["mb_per_s"] = mb_s;
        o.values["single_process_mb_per_s"] =
            single_s > 0 ? double(single.bytes) / 1e6 / single_s : 0.0;
        o.values["matches_single_process"] = same;
        o.ok = same;

        std::string words;
        for (std::size_t k = 0; k < best.size() && k < 10; ++k)
            words += (k ? ", " : "") + best[k].word + " " + std::to_string(best[k].count);
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.0f MB/s", mb_s);
        o.message = (same ? std::string("same counts as one process: ")
                          : std::string("DIFFERENT from a single-process count: ")) +
                    "top words: " + words + (best.size() > 10 ? ", ..." : "") + "; " +
                    std::to_string(merged.files_read) + " files (" + mb_text(double(merged.bytes)) +
                    ") read by " + std::to_string(started) + " worker process(es) at " + rate +
                    ", " + std::to_string(merged.skipped.size()) + " skipped (binary), " +
                    std::to_string(merged.failed.size()) + " unreadable";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_data_processor() {
    return std::make_unique<DataProcessor>();
}

} // namespace il::scenarios
