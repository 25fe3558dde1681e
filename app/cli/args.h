// The CLI's command line, parsed into a plain struct. Pure: no I/O.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace il::cli {

// A command line that cannot be run: exit status 2 with this message.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Args {
    enum class Command { Help, Version, List, Describe, Run } command = Command::Help;
    std::string scenario;                 // describe, run
    std::vector<std::string> assignments; // run: name=value
    bool json = false;
    std::optional<std::string> trace_path;        // run --trace
    std::optional<std::string> csv_path;          // run --csv
    std::optional<double> timeout_s;              // run --timeout
    double stall_s = 3;                           // run --stall (0: never)
    std::optional<unsigned long long> max_events; // run --max-events
};

Args parse_args(const std::vector<std::string>& argv);
std::string usage();

} // namespace il::cli
