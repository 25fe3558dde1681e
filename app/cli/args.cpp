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
  open FILE.ilrun [options]           a saved run: its summary, and the files of run's options
  sweep ID PARAM=FROM..TO[:STEP] [name=value ...] [options]
                                      run a scenario over a range of one numeric parameter
  serve [--model M] [--port P]        the practice web server on 127.0.0.1 until Ctrl-C
  help                                this text
  version                             the version

run options (open takes --json, --trace, --csv and --chart):
  --json               print one JSON object instead of the readable summary
  --trace FILE.json    write a Chrome Trace Event file (open it in Perfetto or chrome://tracing)
  --csv FILE.csv       write the statistics as CSV
  --chart KIND=FILE    write a chart; KIND: utilisation, lock-wait, lock-hold, queue-fill,
                       throughput, models; FILE ends in .png, .svg, .pdf or .csv (the data);
                       timeline=FILE.png|svg draws the whole timeline (repeatable)
  --save FILE.ilrun    save the run (the desktop app and 'interleave open' open it again)
  --timeout SECONDS    stop the run after this long (a number > 0)
  --stall SECONDS      report and stop a run that made no progress for this long
                       while lanes were blocked (default 3; 0 never)
  --max-events N       the event budget (default 4194304); past it events are counted as dropped

sweep options:
  --repeat R           runs per value (1..100, default 1); the median wall time counts
  --seed S             repeat r runs with seed S + r, for scenarios with a seed (default 1)
  --chart [KIND=]FILE  KIND: wall-time, speedup (the default), efficiency (repeatable)
  --csv FILE.csv       one row per value: wall time, speedup, efficiency, Amdahl fit
  --json               print the sweep as one JSON object
  --timeout SECONDS    stop any one run after this long
  progress goes to stderr

serve options:
  --model M            thread (a thread per connection), pool (a thread pool with a
                       bounded queue) or async (one event loop); default thread
  --port P             the port on 127.0.0.1 (0..65535, 0: any free port; default 8080)

exit status: 0 the outcome check holds, 1 it does not or the run failed, 2 usage error
             or a file that cannot be used (not a saved run, a port in use)
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

unsigned long long parse_integer(const std::string& flag, const std::string& text,
                                 unsigned long long min, unsigned long long max) {
    unsigned long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < min || v > max)
        throw UsageError(flag + ": '" + text + "' is not allowed; allowed: an integer in " +
                         std::to_string(min) + ".." + std::to_string(max));
    return v;
}

// "KIND=FILE", or "FILE" where a default kind exists (sweep).
std::pair<std::string, std::string> parse_chart(const std::string& text,
                                                const std::string& default_kind) {
    auto eq = text.find('=');
    if (text.empty()) // sweep's FILE form would take "" as a file name (found by fuzz_cli_args)
        throw UsageError("--chart: the FILE is missing (for instance lock-wait=waits.png; KINDs: "
                         "see 'interleave help')");
    if (eq == std::string::npos) {
        if (default_kind.empty())
            throw UsageError("--chart: '" + text + "' is not KIND=FILE (for instance lock-wait=" +
                             "waits.png; KINDs: see 'interleave help')");
        return {default_kind, text};
    }
    if (eq == 0 || eq + 1 == text.size())
        throw UsageError("--chart: '" + text + "' is not KIND=FILE" +
                         (eq == 0 ? ": the KIND is missing" : ": the FILE is missing") +
                         " (for instance lock-wait=waits.png; KINDs: see 'interleave help')");
    return {text.substr(0, eq), text.substr(eq + 1)};
}

constexpr const char* kCommands = "list, describe, run, open, sweep, serve, help, version";

// The options a command takes, for "unknown option" messages.
std::string options_of(Args::Command c) {
    using C = Args::Command;
    switch (c) {
    case C::List:
    case C::Describe:
        return "--json";
    case C::Run:
        return "--json, --trace, --csv, --chart, --save, --timeout, --stall, --max-events";
    case C::Open:
        return "--json, --trace, --csv, --chart";
    case C::Sweep:
        return "--repeat, --seed, --chart, --csv, --json, --timeout";
    case C::Serve:
        return "--model, --port";
    default:
        return "none";
    }
}

// What follows a flag, for "needs a value" messages.
std::string value_of(const std::string& flag) {
    if (flag == "--trace")
        return "FILE.json";
    if (flag == "--csv")
        return "FILE.csv";
    if (flag == "--chart")
        return "KIND=FILE";
    if (flag == "--save")
        return "FILE.ilrun";
    if (flag == "--timeout" || flag == "--stall")
        return "SECONDS";
    if (flag == "--max-events")
        return "N (1000..4294967295)";
    if (flag == "--repeat")
        return "R (1..100)";
    if (flag == "--seed")
        return "S (0..4294967295)";
    if (flag == "--model")
        return "thread, pool or async";
    if (flag == "--port")
        return "P (0..65535)";
    return "VALUE";
}

Args::Command command_of(const std::string& cmd) {
    if (cmd == "list")
        return Args::Command::List;
    if (cmd == "describe")
        return Args::Command::Describe;
    if (cmd == "run")
        return Args::Command::Run;
    if (cmd == "open")
        return Args::Command::Open;
    if (cmd == "sweep")
        return Args::Command::Sweep;
    if (cmd == "serve")
        return Args::Command::Serve;
    throw UsageError("unknown command '" + cmd + "'; commands: " + kCommands);
}

} // namespace

std::string usage() {
    return kUsage;
}

Args parse_args(const std::vector<std::string>& argv) {
    using C = Args::Command;
    Args args;
    if (argv.empty())
        throw UsageError(std::string("no command given; commands: ") + kCommands);
    const std::string& cmd = argv[0];
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
        args.command = C::Help;
        return args;
    }
    if (cmd == "version" || cmd == "--version") {
        args.command = C::Version;
        return args;
    }
    args.command = command_of(cmd);
    const C c = args.command;
    const bool is_run = c == C::Run;
    const bool writes = is_run || c == C::Open || c == C::Sweep; // --csv, --chart
    const bool takes_params = is_run || c == C::Sweep;

    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        auto value = [&](const std::string& flag) -> std::string {
            if (i + 1 >= argv.size())
                throw UsageError(flag + " needs a value: " + flag + " " + value_of(flag));
            return argv[++i];
        };
        if (a == "--json" && c != C::Serve) {
            args.json = true;
        } else if ((is_run || c == C::Open) && a == "--trace") {
            args.trace_path = value(a);
        } else if (writes && a == "--csv") {
            args.csv_path = value(a);
        } else if (writes && a == "--chart") {
            args.charts.push_back(parse_chart(value(a), c == C::Sweep ? "speedup" : ""));
        } else if (is_run && a == "--save") {
            args.save_path = value(a);
        } else if ((is_run || c == C::Sweep) && a == "--timeout") {
            args.timeout_s = parse_seconds(a, value(a));
        } else if (is_run && a == "--stall") {
            std::string v = value(a);
            args.stall_s = v == "0" ? 0 : parse_seconds(a, v);
        } else if (is_run && a == "--max-events") {
            args.max_events = parse_integer(a, value(a), 1000, 0xFFFFFFFFull);
        } else if (c == C::Sweep && a == "--repeat") {
            args.repeat = static_cast<int>(parse_integer(a, value(a), 1, 100));
        } else if (c == C::Sweep && a == "--seed") {
            args.seed = parse_integer(a, value(a), 0, 0xFFFFFFFFull);
        } else if (c == C::Serve && a == "--model") {
            args.model = value(a);
            if (args.model != "thread" && args.model != "pool" && args.model != "async")
                throw UsageError("--model: '" + args.model +
                                 "' is not a server model; allowed: thread, pool, async");
        } else if (c == C::Serve && a == "--port") {
            args.port = static_cast<int>(parse_integer(a, value(a), 0, 65535));
        } else if (a.rfind("--", 0) == 0 || (a.size() > 1 && a[0] == '-')) {
            throw UsageError("unknown option '" + a + "' for '" + cmd +
                             "'; its options: " + options_of(c));
        } else if (c == C::Open && args.run_file.empty()) {
            args.run_file = a;
        } else if ((c == C::Describe || takes_params) && args.scenario.empty()) {
            args.scenario = a;
        } else if (c == C::Sweep && args.sweep_range.empty() && a.find("..") != std::string::npos) {
            args.sweep_range = a;
        } else if (takes_params && a.find('=') != std::string::npos) {
            args.assignments.push_back(a);
        } else {
            std::string takes = "'" + cmd + "' takes options only";
            if (takes_params)
                takes = "parameters are given as name=value";
            else if (c == C::Describe)
                takes = "'describe' takes one scenario id";
            else if (c == C::Open)
                takes = "'open' takes one file";
            throw UsageError("unexpected argument '" + a + "'; " + takes);
        }
    }
    if ((c == C::Describe || takes_params) && args.scenario.empty())
        throw UsageError("'" + cmd + "' needs a scenario id; see 'interleave list'");
    if (c == C::Open && args.run_file.empty())
        throw UsageError("'open' needs a saved run file (FILE.ilrun, written by 'run --save' or "
                         "the desktop app)");
    if (c == C::Sweep && args.sweep_range.empty()) {
        std::string given;
        for (const auto& a : args.assignments)
            given += (given.empty() ? "'" : ", '") + a + "'";
        throw UsageError(
            "'sweep' needs a range PARAM=FROM..TO[:STEP], for instance workers=1..8" +
            (given.empty() ? std::string() : "; " + given + " has no '..' (a range has one)"));
    }
    return args;
}

} // namespace il::cli
