#include "style/units.h"

#include <QCoreApplication>

#include <cstdlib>

namespace il::ui {

namespace {
QString with_unit(double value, int decimals, const char* unit) {
    return QCoreApplication::translate("il::ui::Units", "%1 %2")
        .arg(QString::number(value, 'f', decimals), QString::fromUtf8(unit));
}
} // namespace

QString duration_text(std::int64_t ns) {
    const std::int64_t mag = std::llabs(ns);
    // Three significant digits or so: enough to compare, few enough to read.
    if (mag < 1'000)
        return with_unit(double(ns), 0, "ns");
    if (mag < 1'000'000)
        return with_unit(double(ns) / 1e3, mag < 10'000 ? 2 : 1, "µs");
    if (mag < 1'000'000'000)
        return with_unit(double(ns) / 1e6, mag < 10'000'000 ? 2 : 1, "ms");
    return with_unit(double(ns) / 1e9, 3, "s");
}

} // namespace il::ui
