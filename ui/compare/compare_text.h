// How a comparison row reads: the section and subject ("Lock: L"), the
// metric's translated name (never the engine's stable key), values with
// their units and the relative change ("+25 %", "−10 %"). Stateless; GUI
// thread (translations).
#pragma once

#include "compare/compare.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string_view>

namespace il::ui {

class CompareText {
    Q_DECLARE_TR_FUNCTIONS(il::ui::CompareText)
public:
    // "Run", or "Lock: L", "RLock: R", "Semaphore: S", "Queue: jobs",
    // "Lane: worker-1".
    static QString what(const compare::Row& row);
    // The translated name of a metric key ("wait_p95" -> "Wait p95"). A key
    // this table does not know yet reads "Other measure", not the raw key.
    static QString metric(std::string_view key);
    static bool knownMetric(std::string_view key);
    // A value in its unit: a duration ("3.20 ms"), a count, a percentage for
    // a ratio (0..1), a number of items (the measure names the unit). "—" for
    // a missing side.
    static QString value(compare::Unit unit, const std::optional<double>& value);
    // "+25 %", "−10 %", "±0 %"; "top run only" / "bottom run only" when one is
    // missing; "new" when left is 0 and right is not.
    static QString change(const compare::Row& row);
};

} // namespace il::ui
