// The CLI's command line, parsed into a plain struct. Pure: no I/O.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace il::cli {

// A command line that cannot be run: exit status 2 with this message.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A file or value given on the command line that cannot be used (not a saved
// run, a port in use): exit status 2, without the usage hint.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Args {
    enum class Command {
        Help,
        Version,
        List,
        Describe,
        Run,
        Open,
        Sweep,
        Serve
    } command = Command::Help;
    std::string scenario;                 // describe, run, sweep
    std::vector<std::string> assignments; // run, sweep: name=value
    bool json = false;
    std::optional<std::string> trace_path;        // run, open --trace
    std::optional<std::string> csv_path;          // run, open, sweep --csv
    std::optional<double> timeout_s;              // run, sweep --timeout (per run)
    double stall_s = 3;                           // run --stall (0: never)
    std::optional<unsigned long long> max_events; // run --max-events
    // run, open, sweep --chart KIND=FILE (sweep also takes --chart FILE: the speedup chart)
    std::vector<std::pair<std::string, std::string>> charts;
    std::optional<std::string> save_path; // run --save FILE.ilrun
    std::string run_file;                 // open FILE
    std::string sweep_range;              // sweep: PARAM=FROM..TO[:STEP]
    int repeat = 1;                       // sweep --repeat
    unsigned long long seed = 1;          // sweep --seed
    std::string model = "thread";         // serve --model thread|pool|async
    int port = 8080;                      // serve --port (0: any free port)
};

Args parse_args(const std::vector<std::string>& argv);
std::string usage();

} // namespace il::cli
