#include "args.h"

#include <charconv>
#include <cmath>

namespace il::cli {

namespace {

const char* kUsage = R"(usage: interleave <command> [options]

commands:
  list [--json]                       the scenarios, by chapter
  describe ID [--json]                what a scenario teaches, its parameters and Python sketch
  run ID [name=value ...] [options]   run a scenario headless and print its summary
  help                                this text
  version                             the version

run options:
  --json               print one JSON object instead of the readable summary
  --trace FILE.json    write a Chrome Trace Event file (open it in Perfetto or chrome://tracing)
  --csv FILE.csv       write the statistics as CSV
  --timeout SECONDS    stop the run after this long (a number > 0)
  --stall SECONDS      report and stop a run that made no progress for this long
                       while lanes were blocked (default 3; 0 never)
  --max-events N       the event budget (default 4194304); past it events are counted as dropped

exit status: 0 the outcome check holds, 1 it does not or the run failed, 2 usage error
)";

double parse_seconds(const std::string& flag, const std::string& text) {
    double v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v) ||
        v <= 0 || v > 1e6)
        throw UsageError(flag + ": '" + text +
                         "' is not a number of seconds; allowed: a number > 0 and <= 1000000");
    return v;
}

unsigned long long parse_count(const std::string& flag, const std::string& text) {
    unsigned long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < 1000 ||
        v > 0xFFFFFFFFull)
        throw UsageError(flag + ": '" + text +
                         "' is not allowed; allowed: an integer in 1000..4294967295");
    return v;
}

} // namespace

std::string usage() {
    return kUsage;
}

Args parse_args(const std::vector<std::string>& argv) {
    Args args;
    if (argv.empty())
        throw UsageError("no command given");
    const std::string& cmd = argv[0];
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
        args.command = Args::Command::Help;
        return args;
    }
    if (cmd == "version" || cmd == "--version") {
        args.command = Args::Command::Version;
        return args;
    }
    if (cmd == "list")
        args.command = Args::Command::List;
    else if (cmd == "describe")
        args.command = Args::Command::Describe;
    else if (cmd == "run")
        args.command = Args::Command::Run;
    else
        throw UsageError("unknown command '" + cmd +
                         "'; commands: list, describe, run, help, version");

    const bool is_run = args.command == Args::Command::Run;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        auto value = [&](const std::string& flag) -> std::string {
            if (i + 1 >= argv.size())
                throw UsageError(flag + " needs a value");
            return argv[++i];
        };
        if (a == "--json") {
            args.json = true;
        } else if (is_run && a == "--trace") {
            args.trace_path = value(a);
        } else if (is_run && a == "--csv") {
            args.csv_path = value(a);
        } else if (is_run && a == "--timeout") {
            args.timeout_s = parse_seconds(a, value(a));
        } else if (is_run && a == "--stall") {
            std::string v = value(a);
            args.stall_s = v == "0" ? 0 : parse_seconds(a, v);
        } else if (is_run && a == "--max-events") {
            args.max_events = parse_count(a, value(a));
        } else if (a.rfind("--", 0) == 0 || (a.size() > 1 && a[0] == '-')) {
            throw UsageError("unknown option '" + a + "' for '" + cmd + "'");
        } else if (args.command != Args::Command::List && args.scenario.empty()) {
            args.scenario = a;
        } else if (is_run && a.find('=') != std::string::npos) {
            args.assignments.push_back(a);
        } else {
            throw UsageError("unexpected argument '" + a + "'" +
                             (is_run ? "; parameters are given as name=value" : ""));
        }
    }
    if (args.command != Args::Command::List && args.scenario.empty())
        throw UsageError("'" + cmd + "' needs a scenario id; see 'interleave list'");
    return args;
}

} // namespace il::cli
