#include "open_command.h"

#include "chart_output.h"
#include "run_output.h"

#include "export/export_error.h"
#include "runfile/runfile.h"

namespace il::cli {

int open_command(const Args& args) {
    check_chart_requests(args.charts, false);
    scenario::RunResult result;
    try {
        result = runfile::open_run(args.run_file);
    } catch (const runfile::RunFileError& e) {
        throw InputError(e.what());
    } catch (const exporter::ExportError& e) {
        throw InputError(e.what());
    }
    return write_and_report(result, args);
}

} // namespace il::cli
