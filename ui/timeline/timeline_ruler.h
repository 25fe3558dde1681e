// The time ruler's arithmetic: a "nice" tick step (1, 2 or 5 times a power of
// ten ns) for a window and a width, and labels in ns / µs / ms / s relative to
// the run's start (durations: style/units.h). Stateless; labels translated.
#pragma once

#include "style/units.h" // duration_text, shared by every view

#include <QString>

#include <cstdint>

namespace il::ui {

// The smallest 1/2/5 x 10^k ns step that leaves at least `min_px` pixels
// between ticks when `span_ns` spreads over `width_px`. At least 1 ns.
std::int64_t ruler_step(std::int64_t span_ns, int width_px, int min_px = 90);

// "1500 µs", "250 µs", "12 s": `rel_ns` from the run's start in the largest
// unit not bigger than the step, so every tick reads as a whole number.
QString ruler_label(std::int64_t rel_ns, std::int64_t step_ns);

} // namespace il::ui
