// Writes a whole file or nothing: into a temporary file next to the target,
// flushed to disk, then renamed over it. Readers see the old file or the new
// one, never a part; a failure leaves the target as it was and no temporary
// behind. Thread-safe (each call uses its own temporary file).
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace il::exporter {

// Throws ExportError ("cannot write '<path>': <OS reason>") on any failure.
void write_file_atomically(const std::string& path, std::string_view content);

// Same, for content too big to hold in memory: `write` streams it. An
// exception thrown by `write` is passed on after the temporary is removed.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

} // namespace il::exporter
