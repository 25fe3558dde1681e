// The app's colours, in one place: lane states (timeline, legend, tables,
// lock view), flows, highlights. Light and dark variants follow the
// application palette. Stateless functions; call from the GUI thread.
#pragma once

#include "analysis/flows.h"
#include "analysis/states.h"

#include <QColor>
#include <QString>

namespace il::ui {

// True when the current application palette has a dark window background.
bool dark_palette();

QColor state_color(analysis::LaneState state);
// Blocked spans are tinted by what they wait on (a lock is red, a queue
// amber, ...), so the timeline tells waits apart at a glance.
QColor blocked_color(trace::WaitReason reason);
// The colour of an interval as the timeline draws it.
QColor interval_color(const analysis::StateInterval& interval);
QColor flow_color(analysis::FlowKind kind);
QColor deadlock_color();  // cycles, banners
QColor selection_color(); // the selected event / lane
QColor playhead_color();
QColor lock_held_color(); // "lock held" spans under a lane
// The coroutine an event loop runs, under the loop's lane: one of a few
// distinct hues per coroutine lane, so consecutive steps of different tasks
// tell apart.
QColor loop_step_color(trace::LaneId task);
// A scenario's mark (progress, a retry) on a lane's bar: a bright fill that
// carries on the dark states, ringed by a dark outline that carries on the
// light ones, so it reads on every state colour in both palettes.
QColor mark_color();
QColor mark_outline_color();

// Translated, for legends, tooltips and tables ("Running", "Blocked", ...).
QString state_label(analysis::LaneState state);
QString wait_reason_label(trace::WaitReason reason);
QString flow_label(analysis::FlowKind kind);

} // namespace il::ui
