// Times as people read them, in one place for every view: "850 ns",
// "12.5 µs", "3.20 ms", "1.250 s". Translated units. Stateless.
#pragma once

#include <QString>

#include <cstdint>

namespace il::ui {

// A duration (or a time since the run's start) with an adaptive unit.
QString duration_text(std::int64_t ns);

} // namespace il::ui
