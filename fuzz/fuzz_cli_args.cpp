// fuzz_cli_args: the CLI's command line, as `interleave` handles it before
// running anything: il::cli::parse_args, then for run and sweep the checks
// main() does next (the scenario must exist, its parameters parse, a sweep's
// range parses). Input: the arguments after the program name, separated by
// '\n'. UsageError and InputError (and the ParamError / SweepError those
// later checks answer with) are expected; anything else is a finding, and
// so is a parsed command that breaks what the commands rely on.
#include "fuzz_check.h"

#include "../app/cli/args.h"
#include "scenario/catalog.h"
#include "scenario/param.h"
#include "sweep/sweep.h"

namespace il::fuzz::cli_args {

void check(const il::cli::Args& a) {
    using C = il::cli::Args::Command;
    const bool needs_scenario =
        a.command == C::Describe || a.command == C::Run || a.command == C::Sweep;
    require(!needs_scenario || !a.scenario.empty(),
            "a command that needs a scenario parsed without one");
    require(a.command != C::Open || !a.run_file.empty(), "'open' parsed without a file");
    require(a.command != C::Sweep || !a.sweep_range.empty(), "'sweep' parsed without a range");
    require(!a.timeout_s || (*a.timeout_s > 0 && *a.timeout_s <= 1e6), "--timeout out of range");
    require(a.stall_s >= 0 && a.stall_s <= 1e6, "--stall out of range");
    require(a.repeat >= 1 && a.repeat <= 100, "--repeat out of range");
    require(a.port >= 0 && a.port <= 65535, "--port out of range");
    require(a.model == "thread" || a.model == "pool" || a.model == "async", "--model not a model");
    for (const auto& [kind, file] : a.charts)
        require(!kind.empty() && !file.empty(), "--chart with an empty kind or file");
}

} // namespace il::fuzz::cli_args

extern "C" int FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
    using namespace il;
    using C = cli::Args::Command;
    fuzz::Input in(data, size);
    std::vector<std::string> argv;
    if (!in.empty())
        argv = fuzz::split(in.rest(), '\n');
    cli::Args args;
    try {
        args = cli::parse_args(argv);
    } catch (const cli::UsageError&) {
        return 0;
    } catch (const cli::InputError&) {
        return 0;
    }
    fuzz::cli_args::check(args);
    if (args.command != C::Run && args.command != C::Sweep)
        return 0;
    const scenario::Scenario* s = scenario::find_scenario(args.scenario);
    if (!s)
        return 0; // main() answers with a UsageError listing the scenarios
    try {
        if (args.command == C::Run)
            scenario::parse_params(s->info().params, args.assignments);
        else
            sweep::parse_sweep(*s, args.sweep_range, args.repeat, args.seed, args.assignments);
    } catch (const scenario::ParamError&) {
    } catch (const sweep::SweepError&) {
    }
    return 0;
}
