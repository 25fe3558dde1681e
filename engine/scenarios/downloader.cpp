// `downloader`: a practice project. A multi-part HTTP downloader: one
// thread lane per byte range, parts written into place, interrupted parts
// resumed from their first missing byte, SHA-256 checked. Against the local
// server (a generated file, a bandwidth limit per connection, optional
// cuts) or any http:// URL. The machinery is engine/download/.
#include "scenarios/all.h"

#include "download/downloader.h"
#include "download/source.h"
#include "net/server.h"
#include "net/url.h"
#include "thread/thread.h"

#include <atomic>
#include <filesystem>
#include <optional>

#include <unistd.h>

namespace il::scenarios {

namespace {

using namespace il::scenario;

// A default output lives in the temporary folder and goes when the run ends.
struct TemporaryOutput {
    std::string path;
    ~TemporaryOutput() {
        std::error_code ec;
        if (!path.empty())
            std::filesystem::remove(path, ec);
    }
};

std::string temporary_path() {
    static std::atomic<int> runs{0};
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec)
        dir = "/tmp";
    return (dir / ("interleave-download-" + std::to_string(::getpid()) + "-" +
                   std::to_string(++runs) + ".bin"))
        .string();
}

nlohmann::ordered_json part_values(const download::PartReport& p) {
    nlohmann::ordered_json failures = nlohmann::ordered_json::array();
    for (const download::PartAttempt& a : p.attempts)
        if (!a.error.empty())
            failures.push_back({{"from", a.from}, {"bytes", a.bytes}, {"error", a.error}});
    return {{"part", p.index},        {"first", p.first},           {"length", p.length},
            {"received", p.received}, {"tries", p.attempts.size()}, {"elapsed_ns", p.elapsed_ns},
            {"failures", failures}};
}

// With cuts injected: every cut part must resume at the byte where it was
// cut (a new Range from there), not start over. Empty when it did.
std::string check_resumes(const std::vector<download::ServedRequest>& log, std::uint64_t drop_after,
                          bool ranged) {
    for (std::size_t i = 0; i < log.size(); ++i) {
        if (!log[i].dropped)
            continue;
        const std::uint64_t resume = ranged ? log[i].first + drop_after : 0;
        bool found = false;
        for (std::size_t j = i + 1; j < log.size() && !found; ++j)
            found = log[j].method == "GET" && log[j].first == resume;
        if (!found)
            return "the request for bytes from " + std::to_string(log[i].first) +
                   " was cut after " + std::to_string(drop_after) +
                   " bytes but no request asked again from byte " + std::to_string(resume);
    }
    return {};
}

class DownloaderScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "downloader",
            "Multi-threaded downloader",
            "Practice projects",
            "A download is mostly waiting for the network, and a server often limits each "
            "connection's speed. Splitting the file into byte ranges (HTTP Range requests) and "
            "fetching each range on its own thread and connection multiplies the speed until "
            "something else is the limit: the server, the link, the disk or the CPU. Each part "
            "writes its bytes straight into place in a preallocated file. A part whose "
            "connection drops asks again from the first byte it is missing, not from its start. "
            "The file gets its name only once it is complete and its SHA-256 is right, so an "
            "interrupted download never looks finished. A server without Range support gets one "
            "part.",
            "Each part is a lane named 'part N' that spends its life in an I/O wait on its own "
            "socket; the event log shows its progress marks every 10% and, with drop_after_kb "
            "set, the cut, the reason and the byte it resumes from. The main lane probes the "
            "server first, then waits to join the parts, then computes the checksum, while a "
            "lane of its own computes the expected checksum from the file's generator. Run it "
            "with parts=1, 2, 4, 8 (or sweep parts=1..8) and compare elapsed_ns: each part "
            "adds one connection's worth of bandwidth (32 MB/s by default) until the machine's "
            "own limit, where more threads stop helping; bandwidth_mbps=0 shows that limit "
            "alone.",
            "import hashlib, os\n"
            "from concurrent.futures import ThreadPoolExecutor\n"
            "import requests\n"
            "\n"
            "def download(url, path, parts=4, retries=3):\n"
            "    head = requests.head(url)\n"
            "    size = int(head.headers['Content-Length'])\n"
            "    if head.headers.get('Accept-Ranges') != 'bytes':\n"
            "        parts = 1                        # no Range support: one part\n"
            "    tmp = path + '.part'\n"
            "    with open(tmp, 'wb') as f:\n"
            "        f.truncate(size)                 # every part writes into place\n"
            "    bounds = [(i * size // parts, (i + 1) * size // parts - 1)\n"
            "              for i in range(parts)]\n"
            "\n"
            "    def fetch(first, last):\n"
            "        pos = first\n"
            "        with open(tmp, 'r+b') as f:\n"
            "            for attempt in range(retries + 1):\n"
            "                try:\n"
            "                    r = requests.get(url, stream=True, timeout=10,\n"
            "                                     headers={'Range': f'bytes={pos}-{last}'})\n"
            "                    r.raise_for_status()\n"
            "                    for chunk in r.iter_content(64 * 1024):\n"
            "                        f.seek(pos); f.write(chunk); pos += len(chunk)\n"
            "                    if pos > last:\n"
            "                        return\n"
            "                except requests.RequestException:\n"
            "                    pass                 # resume from pos, not from first\n"
            "        raise RuntimeError(f'bytes {first}-{last}: no luck')\n"
            "\n"
            "    with ThreadPoolExecutor(parts) as pool:\n"
            "        list(pool.map(lambda b: fetch(*b), bounds))\n"
            "    with open(tmp, 'rb') as f:\n"
            "        digest = hashlib.file_digest(f, 'sha256').hexdigest()\n"
            "    os.replace(tmp, path)                # only now does it get its name\n"
            "    return digest\n",
            {
                ParamSpec::text("url", "",
                                "the file to download (http:// only); empty: a generated file "
                                "of size_mb on a local server this run starts"),
                ParamSpec::integer("parts", 4, 1, 32, "byte ranges fetched at once, a thread each"),
                ParamSpec::integer("size_mb", 64, 1, 1024, "local server: the file's size in MiB"),
                ParamSpec::real("bandwidth_mbps", 256, 0, 100000,
                                "local server: the speed limit of each connection in megabits "
                                "per second (8 Mbit/s = 1 MB/s); 0: no limit"),
                ParamSpec::integer("drop_after_kb", 0, 0, 1024 * 1024,
                                   "local server: cut each part's first connection after this "
                                   "many KiB of its body (failure injection); 0: never"),
                ParamSpec::integer("retries", 3, 0, 10, "further tries of a part that failed"),
                ParamSpec::text("output", "",
                                "where to save the file; empty: a temporary file, removed after "
                                "the run"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        download::DownloadOptions options;
        options.url = params.text("url");
        if (!options.url.empty())
            net::parse_url(options.url); // a bad URL fails here, named, before anything starts
        options.parts = static_cast<int>(params.integer("parts"));
        options.retries = static_cast<int>(params.integer("retries"));
        options.output = params.text("output");
        TemporaryOutput temporary;
        if (options.output.empty())
            options.output = temporary.path = temporary_path();

        std::optional<download::DownloadSource> source;
        std::optional<net::HttpServer> server;
        const double mbps = params.real("bandwidth_mbps");
        const std::uint64_t drop_after =
            static_cast<std::uint64_t>(params.integer("drop_after_kb")) * 1024;
        if (options.url.empty()) {
            source.emplace(download::SourceOptions{
                static_cast<std::uint64_t>(params.integer("size_mb")) << 20, 1, drop_after});
            net::Router router;
            source->mount(router, "/file.bin");
            net::ServerOptions so;
            so.threads = 2;
            so.bandwidth = static_cast<std::uint64_t>(mbps * 1e6 / 8);
            server.emplace(std::move(router), so);
            options.url = server->url("/file.bin");
        }
        // The expected digest, from the generator (not from anything
        // downloaded), on a lane of its own while the parts wait for the
        // network; the download joins it before it judges the file.
        std::stop_source expected_stop; // also stopped when not needed any more
        std::stop_callback follow_session(session.stop_token(),
                                          [&expected_stop] { expected_stop.request_stop(); });
        std::string expected;
        std::optional<thread::Thread> expected_lane;
        if (source) {
            expected_lane.emplace(session, "expected SHA-256", [&] {
                expected = source->expected_sha256(expected_stop.get_token());
            });
            expected_lane->start();
            options.expected_sha256_from = [&] {
                expected_lane->join();
                if (auto e = expected_lane->exception())
                    std::rethrow_exception(e);
                session.check_stop();
                return expected;
            };
        }
        struct StopWhenDone {
            std::stop_source& s;
            ~StopWhenDone() { s.request_stop(); } // (before expected_lane joins)
        } stop_when_done{expected_stop};

        const download::DownloadResult r = download::download(session, options);

        Outcome o;
        o.values["url"] = r.url;
        o.values["bytes"] = r.bytes;
        o.values["parts"] = r.parts;
        o.values["parts_asked"] = options.parts;
        o.values["retries"] = r.retries;
        o.values["elapsed_ns"] = r.elapsed_ns;
        o.values["throughput_mb_s"] = r.elapsed_ns > 0 ? static_cast<double>(r.bytes) * 1e3 /
                                                             static_cast<double>(r.elapsed_ns)
                                                       : 0.0;
        o.values["sha256"] = r.sha256;
        if (r.expected_sha256)
            o.values["expected_sha256"] = *r.expected_sha256;
        o.values["range_supported"] = r.range_supported;
        o.values["probe"] = r.probe;
        o.values["output"] = temporary.path.empty() ? r.output : "(a temporary file, removed)";
        nlohmann::ordered_json parts = nlohmann::ordered_json::array();
        for (const download::PartReport& p : r.part_reports)
            parts.push_back(part_values(p));
        o.values["part_details"] = parts;

        o.ok = r.ok;
        o.message = r.message;
        if (source) {
            const auto log = source->requests();
            int cuts = 0;
            for (const download::ServedRequest& s : log)
                cuts += s.dropped;
            o.values["server"] = {{"bandwidth_mbps", mbps},
                                  {"drop_after_kb", drop_after / 1024},
                                  {"requests", log.size()},
                                  {"connections_cut", cuts},
                                  {"bytes_sent", server->stats().bytes_sent}};
            if (r.ok && cuts > 0) {
                const std::string problem = check_resumes(log, drop_after, r.range_supported);
                if (problem.empty()) {
                    o.message += "; " + std::to_string(cuts) +
                                 (cuts == 1 ? " connection was cut" : " connections were cut") +
                                 " and every part resumed at the byte where it stopped";
                } else {
                    o.ok = false;
                    o.message += "; " + problem;
                }
            }
        }
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_downloader() {
    return std::make_unique<DownloaderScenario>();
}

} // namespace il::scenarios
