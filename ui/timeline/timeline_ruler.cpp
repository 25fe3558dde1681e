#include "timeline/timeline_ruler.h"

#include <QCoreApplication>

namespace il::ui {

namespace {
QString unit(const char* text) {
    return QCoreApplication::translate("il::ui::TimelineRuler", text);
}

struct Unit {
    std::int64_t ns;
    const char* name;
};
// Largest first.
constexpr Unit kUnits[] = {{1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "µs"}, {1, "ns"}};

QString number(double v, int decimals, const char* name) {
    return QStringLiteral("%1 %2").arg(QString::number(v, 'f', decimals), unit(name));
}
} // namespace

std::int64_t ruler_step(std::int64_t span_ns, int width_px, int min_px) {
    if (span_ns <= 0 || width_px <= 0)
        return 1;
    // The step must be >= span * min_px / width.
    const double want = double(span_ns) * min_px / width_px;
    std::int64_t base = 1;
    while (true) {
        for (std::int64_t m : {1, 2, 5})
            if (double(base * m) >= want)
                return base * m;
        if (base > (std::int64_t(1) << 58))
            return base;
        base *= 10;
    }
}

QString ruler_label(std::int64_t rel_ns, std::int64_t step_ns) {
    // The largest unit not bigger than the step: every tick is a whole number.
    for (const Unit& u : kUnits)
        if (step_ns >= u.ns || u.ns == 1)
            return number(double(rel_ns) / double(u.ns), 0, u.name);
    return {};
}

} // namespace il::ui
