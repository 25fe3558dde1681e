#include "compare/compare_text.h"

#include "events/event_text.h"
#include "style/units.h"
#include "trace/registry.h"

#include <QCoreApplication>

#include <cmath>

namespace il::ui {

namespace {

// The engine's stable metric keys and the words people read for them
// (translated at display time, so a language switch takes effect at once).
struct MetricName {
    std::string_view key;
    const char* text;
};
constexpr MetricName kMetrics[] = {
    {"duration", QT_TRANSLATE_NOOP("il::ui::CompareText", "Duration")},
    {"events", QT_TRANSLATE_NOOP("il::ui::CompareText", "Events recorded")},
    {"dropped", QT_TRANSLATE_NOOP("il::ui::CompareText", "Events dropped")},
    {"lanes", QT_TRANSLATE_NOOP("il::ui::CompareText", "Lanes")},
    {"acquisitions", QT_TRANSLATE_NOOP("il::ui::CompareText", "Acquisitions")},
    {"contended", QT_TRANSLATE_NOOP("il::ui::CompareText", "Contended acquisitions")},
    {"wait_total", QT_TRANSLATE_NOOP("il::ui::CompareText", "Total wait")},
    {"wait_p50", QT_TRANSLATE_NOOP("il::ui::CompareText", "Wait p50")},
    {"wait_p95", QT_TRANSLATE_NOOP("il::ui::CompareText", "Wait p95")},
    {"wait_max", QT_TRANSLATE_NOOP("il::ui::CompareText", "Longest wait")},
    {"hold_p50", QT_TRANSLATE_NOOP("il::ui::CompareText", "Hold p50")},
    {"hold_max", QT_TRANSLATE_NOOP("il::ui::CompareText", "Longest hold")},
    {"puts", QT_TRANSLATE_NOOP("il::ui::CompareText", "Puts")},
    {"gets", QT_TRANSLATE_NOOP("il::ui::CompareText", "Gets")},
    {"mean_fill", QT_TRANSLATE_NOOP("il::ui::CompareText", "Mean fill (items)")},
    {"max_fill", QT_TRANSLATE_NOOP("il::ui::CompareText", "Highest fill (items)")},
    {"time_full", QT_TRANSLATE_NOOP("il::ui::CompareText", "Time full")},
    {"time_empty", QT_TRANSLATE_NOOP("il::ui::CompareText", "Time empty")},
    {"utilisation", QT_TRANSLATE_NOOP("il::ui::CompareText", "Utilisation")},
    {"running", QT_TRANSLATE_NOOP("il::ui::CompareText", "Running")},
    {"blocked", QT_TRANSLATE_NOOP("il::ui::CompareText", "Blocked")},
    {"ready", QT_TRANSLATE_NOOP("il::ui::CompareText", "Ready")},
    {"sleeping", QT_TRANSLATE_NOOP("il::ui::CompareText", "Sleeping")},
};

const MetricName* find_metric(std::string_view key) {
    for (const MetricName& m : kMetrics)
        if (m.key == key)
            return &m;
    return nullptr;
}

// The kind a row names by the engine's stable word ("rlock"), if any.
std::optional<trace::ObjectKind> object_kind(const std::string& name) {
    using K = trace::ObjectKind;
    for (K k : {K::Lock, K::RLock, K::Semaphore, K::BoundedSemaphore, K::Condition, K::Queue})
        if (trace::object_kind_name(k) == name)
            return k;
    return std::nullopt;
}

// "12", "2.50": whole numbers without decimals.
QString number_text(double v) {
    if (std::abs(v - std::round(v)) < 1e-9)
        return QString::number(std::llround(v));
    return QString::number(v, 'f', 2);
}

} // namespace

QString CompareText::what(const compare::Row& row) {
    const QString subject = QString::fromStdString(row.subject);
    switch (row.section) {
    case compare::Section::Run:
        return tr("Run");
    case compare::Section::Lock:
        // The lock section holds RLocks, conditions and semaphores too: name the kind.
        if (const std::optional<trace::ObjectKind> k = object_kind(row.kind)) {
            QString kind = object_kind_label(*k);
            kind[0] = kind[0].toUpper();
            return tr("%1: %2").arg(kind, subject);
        }
        return tr("Lock: %1").arg(subject);
    case compare::Section::Queue:
        return tr("Queue: %1").arg(subject);
    case compare::Section::Lane:
        return tr("Lane: %1").arg(subject);
    }
    return subject;
}

QString CompareText::metric(std::string_view key) {
    const MetricName* m = find_metric(key);
    return m ? tr(m->text) : tr("Other measure");
}

bool CompareText::knownMetric(std::string_view key) {
    return find_metric(key) != nullptr;
}

QString CompareText::value(compare::Unit unit, const std::optional<double>& value) {
    if (!value)
        return QStringLiteral("—");
    const double v = *value;
    switch (unit) {
    case compare::Unit::Nanoseconds:
        return duration_text(std::llround(v));
    case compare::Unit::Count:
        return number_text(v);
    case compare::Unit::Ratio:
        return tr("%1 %").arg(QString::number(v * 100, 'f', 1));
    case compare::Unit::Items:
        return number_text(v); // the measure's name says "(items)"
    }
    return number_text(v);
}

QString CompareText::change(const compare::Row& row) {
    if (row.left && !row.right)
        return tr("top run only");
    if (!row.left && row.right)
        return tr("bottom run only");
    if (!row.left)
        return QStringLiteral("—");
    const std::optional<double> change = row.change();
    if (!change)
        return *row.right == 0 ? tr("±0 %") : tr("new");
    const double pct = *change * 100;
    // One decimal below 10 % (judged after rounding: 9.9999 % reads "10 %").
    const double mag = std::abs(pct);
    const QString digits = QString::number(mag, 'f', std::round(mag * 10) < 100 ? 1 : 0);
    if (digits.toDouble() == 0)
        return tr("±0 %");
    // U+2212 MINUS SIGN: lines up with "+" in a proportional font.
    return tr("%1%2 %").arg(pct > 0 ? QStringLiteral("+") : QStringLiteral("\u2212"), digits);
}

} // namespace il::ui
