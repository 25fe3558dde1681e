// Saved runs: a finished run (its trace, parameters, outcome, status and
// the live monitor's findings) written to one file and read back, so a run
// opens again later with its full timeline, views and charts.
//
// The reader trusts nothing in the file: every size, count, offset, id and
// enum is checked against the file and against what it refers to before it
// is used, so a damaged or hostile file is an error, never a crash. A SHA-256
// at the end catches damage that still looks well formed. The layout and its
// version rules are in runfile/detail/format.h.
//
// A run of a scenario this build does not have still opens (the views and
// charts need only the trace): its parameters stay as saved. When the
// scenario exists, each saved parameter must still be one of its parameters,
// of its type and in its range; parameters it has gained get their defaults.
// Text is stored as UTF-8: invalid bytes in a name are saved as U+FFFD.
// Stateless functions; any thread.
#pragma once

#include "scenario/runner.h"

#include <stdexcept>
#include <string>
#include <string_view>

namespace il::runfile {

// Not a run file, or a damaged one: the message names the file and what is
// wrong with it ("not an Interleave run (bad magic)", "truncated: ...",
// "lane 7 of record 1234 does not exist", "saved by a newer version ...").
struct RunFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The file name extension the GUI offers.
inline constexpr const char* kExtension = ".ilrun";

// Writes atomically (the whole file or nothing). Throws exporter::ExportError
// when the path cannot be written.
void save_run(const scenario::RunResult& run, const std::string& path);

// Throws RunFileError (invalid content, or more than 4 GiB) or
// exporter::ExportError (cannot read: missing, a directory, not a regular file).
scenario::RunResult open_run(const std::string& path);

// The same, from bytes already in memory (fuzzing, tests).
std::string encode_run(const scenario::RunResult& run);
scenario::RunResult decode_run(std::string_view bytes, const std::string& name = "<memory>");

} // namespace il::runfile
