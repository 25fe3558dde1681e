// interleave: the headless CLI. Lists, describes, runs and sweeps scenarios;
// opens saved runs; writes traces, statistics and charts; serves the practice
// web server. Exit status 0 (outcome holds), 1 (it does not, or the run
// failed), 2 (usage error, or a file or value that cannot be used).
#include "args.h"
#include "open_command.h"
#include "run_command.h"
#include "serve_command.h"
#include "stop_signals.h"
#include "sweep_command.h"

#include "report/scenario_text.h"
#include "scenario/catalog.h"

#include <iostream>

namespace {

const il::scenario::Scenario& scenario_or_throw(const std::string& id) {
    if (auto s = il::scenario::find_scenario(id))
        return *s;
    std::string known;
    for (const auto& s : il::scenario::catalog())
        known += (known.empty() ? "" : ", ") + s->info().id;
    throw il::cli::UsageError("unknown scenario '" + id + "'; scenarios: " + known);
}

} // namespace

int main(int argc, char** argv) {
    using il::cli::Args;
    // Before any thread exists, so every thread inherits the blocked signals
    // and only the run's signal watcher receives them.
    il::cli::block_stop_signals();
    try {
        Args args = il::cli::parse_args(std::vector<std::string>(argv + 1, argv + argc));
        switch (args.command) {
        case Args::Command::Help:
            std::cout << il::cli::usage();
            return 0;
        case Args::Command::Version:
            std::cout << "interleave 0.1.0\n";
            return 0;
        case Args::Command::List:
            if (args.json)
                std::cout << il::report::list_json().dump(2) << "\n";
            else
                std::cout << il::report::list_text();
            return 0;
        case Args::Command::Describe: {
            const auto& info = scenario_or_throw(args.scenario).info();
            if (args.json)
                std::cout << il::report::scenario_json(info).dump(2) << "\n";
            else
                std::cout << il::report::describe_text(info);
            return 0;
        }
        case Args::Command::Run:
            return il::cli::run_command(scenario_or_throw(args.scenario), args);
        case Args::Command::Open:
            return il::cli::open_command(args);
        case Args::Command::Sweep:
            return il::cli::sweep_command(scenario_or_throw(args.scenario), args);
        case Args::Command::Serve:
            return il::cli::serve_command(args);
        }
    } catch (const il::cli::UsageError& e) {
        std::cerr << "interleave: " << e.what() << "\n"
                  << "run 'interleave help' for usage\n";
        return 2;
    } catch (const il::cli::InputError& e) {
        std::cerr << "interleave: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "interleave: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
