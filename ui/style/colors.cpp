#include "style/colors.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QPalette>

#include <iterator>

namespace il::ui {

namespace {
QColor pick(QColor light, QColor dark) {
    return dark_palette() ? dark : light;
}
} // namespace

bool dark_palette() {
    const QColor window = QGuiApplication::palette().color(QPalette::Window);
    return window.lightness() < 128;
}

QColor state_color(analysis::LaneState state) {
    using S = analysis::LaneState;
    switch (state) {
    case S::NotStarted:
        return pick(QColor(0xf2, 0xf2, 0xf2), QColor(0x2a, 0x2a, 0x2a));
    case S::Running:
        return pick(QColor(0x2e, 0xa0, 0x43), QColor(0x3f, 0xb9, 0x50));
    case S::Ready:
        return pick(QColor(0xa5, 0xd6, 0xa7), QColor(0x2f, 0x5f, 0x38));
    case S::Blocked:
        return pick(QColor(0xd3, 0x2f, 0x2f), QColor(0xe5, 0x53, 0x4b));
    case S::Sleeping:
        return pick(QColor(0x90, 0xa4, 0xae), QColor(0x60, 0x70, 0x78));
    case S::Done:
        return pick(QColor(0xdd, 0xdd, 0xdd), QColor(0x38, 0x38, 0x38));
    }
    return Qt::gray;
}

QColor blocked_color(trace::WaitReason reason) {
    using R = trace::WaitReason;
    switch (reason) {
    case R::Lock:
        return pick(QColor(0xd3, 0x2f, 0x2f), QColor(0xe5, 0x53, 0x4b));
    case R::Semaphore:
        return pick(QColor(0xe6, 0x4a, 0x19), QColor(0xf0, 0x6a, 0x3a));
    case R::Condition:
        return pick(QColor(0x8e, 0x24, 0xaa), QColor(0xab, 0x6b, 0xd6));
    case R::Event:
        return pick(QColor(0x5e, 0x35, 0xb1), QColor(0x8c, 0x6b, 0xe0));
    case R::QueuePut:
    case R::QueueGet:
    case R::QueueJoin:
        return pick(QColor(0xf9, 0xa8, 0x25), QColor(0xd2, 0x99, 0x22));
    case R::Barrier:
        return pick(QColor(0xc2, 0x18, 0x5b), QColor(0xdb, 0x61, 0xa2));
    case R::Join:
    case R::Future:
        return pick(QColor(0x15, 0x65, 0xc0), QColor(0x4d, 0x90, 0xe0));
    case R::Gil:
        return pick(QColor(0xa5, 0xd6, 0xa7), QColor(0x2f, 0x5f, 0x38));
    case R::Io:
        return pick(QColor(0x00, 0x83, 0x8f), QColor(0x26, 0xa6, 0xb0));
    case R::Send:
    case R::Receive:
        return pick(QColor(0x2e, 0x7d, 0x32), QColor(0x66, 0xbb, 0x6a));
    case R::Await:
        return pick(QColor(0x45, 0x5a, 0x64), QColor(0x90, 0xa4, 0xae));
    }
    return state_color(analysis::LaneState::Blocked);
}

QColor interval_color(const analysis::StateInterval& interval) {
    if (interval.state == analysis::LaneState::Blocked)
        return blocked_color(interval.reason);
    return state_color(interval.state);
}

QColor flow_color(analysis::FlowKind kind) {
    using F = analysis::FlowKind;
    switch (kind) {
    case F::ReleaseAcquire:
        return pick(QColor(0xb7, 0x1c, 0x1c), QColor(0xff, 0x8a, 0x80));
    case F::NotifyWake:
        return pick(QColor(0x6a, 0x1b, 0x9a), QColor(0xce, 0x93, 0xd8));
    case F::SetWake:
        return pick(QColor(0x45, 0x27, 0xa0), QColor(0xb3, 0x9d, 0xdb));
    case F::PutGet:
        return pick(QColor(0xe6, 0x51, 0x00), QColor(0xff, 0xb7, 0x4d));
    case F::LaneEndJoined:
        return pick(QColor(0x0d, 0x47, 0xa1), QColor(0x90, 0xca, 0xf9));
    case F::SendReceive:
        return pick(QColor(0x1b, 0x5e, 0x20), QColor(0xa5, 0xd6, 0xa7));
    }
    return Qt::black;
}

QColor deadlock_color() {
    return pick(QColor(0xc6, 0x28, 0x28), QColor(0xff, 0x52, 0x52));
}
QColor selection_color() {
    return pick(QColor(0x19, 0x76, 0xd2), QColor(0x64, 0xb5, 0xf6));
}
QColor playhead_color() {
    return pick(QColor(0x21, 0x21, 0x21), QColor(0xee, 0xee, 0xee));
}
QColor lock_held_color() {
    return pick(QColor(0xff, 0x8f, 0x00), QColor(0xff, 0xb3, 0x00));
}

QColor loop_step_color(trace::LaneId task) {
    static const QColor light[] = {QColor(0x00, 0x69, 0x5c), QColor(0x6a, 0x1b, 0x9a),
                                   QColor(0xef, 0x6c, 0x00), QColor(0x15, 0x65, 0xc0),
                                   QColor(0xad, 0x14, 0x57), QColor(0x55, 0x8b, 0x2f)};
    static const QColor dark[] = {QColor(0x4d, 0xb6, 0xac), QColor(0xba, 0x68, 0xc8),
                                  QColor(0xff, 0xb7, 0x4d), QColor(0x64, 0xb5, 0xf6),
                                  QColor(0xf0, 0x62, 0x92), QColor(0xae, 0xd5, 0x81)};
    const std::size_t i = task % std::size(light);
    return pick(light[i], dark[i]);
}

QColor mark_color() {
    return pick(QColor(0xff, 0xd6, 0x00), QColor(0xff, 0xee, 0x58));
}
QColor mark_outline_color() {
    return pick(QColor(0x21, 0x21, 0x21), QColor(0x10, 0x10, 0x10));
}

QString state_label(analysis::LaneState state) {
    using S = analysis::LaneState;
    switch (state) {
    case S::NotStarted:
        return QCoreApplication::translate("il::ui::Colors", "Not started");
    case S::Running:
        return QCoreApplication::translate("il::ui::Colors", "Running");
    case S::Ready:
        return QCoreApplication::translate("il::ui::Colors", "Ready");
    case S::Blocked:
        return QCoreApplication::translate("il::ui::Colors", "Blocked");
    case S::Sleeping:
        return QCoreApplication::translate("il::ui::Colors", "Sleeping");
    case S::Done:
        return QCoreApplication::translate("il::ui::Colors", "Done");
    }
    return {};
}

QString wait_reason_label(trace::WaitReason reason) {
    using R = trace::WaitReason;
    switch (reason) {
    case R::Lock:
        return QCoreApplication::translate("il::ui::Colors", "lock");
    case R::Semaphore:
        return QCoreApplication::translate("il::ui::Colors", "semaphore");
    case R::Condition:
        return QCoreApplication::translate("il::ui::Colors", "condition");
    case R::Event:
        return QCoreApplication::translate("il::ui::Colors", "event");
    case R::QueuePut:
        return QCoreApplication::translate("il::ui::Colors", "queue put");
    case R::QueueGet:
        return QCoreApplication::translate("il::ui::Colors", "queue get");
    case R::QueueJoin:
        return QCoreApplication::translate("il::ui::Colors", "queue join");
    case R::Barrier:
        return QCoreApplication::translate("il::ui::Colors", "barrier");
    case R::Join:
        return QCoreApplication::translate("il::ui::Colors", "join");
    case R::Future:
        return QCoreApplication::translate("il::ui::Colors", "future");
    case R::Gil:
        return QCoreApplication::translate("il::ui::Colors", "GIL");
    case R::Io:
        return QCoreApplication::translate("il::ui::Colors", "I/O");
    case R::Send:
        return QCoreApplication::translate("il::ui::Colors", "send");
    case R::Receive:
        return QCoreApplication::translate("il::ui::Colors", "receive");
    case R::Await:
        return QCoreApplication::translate("il::ui::Colors", "await");
    }
    return {};
}

QString flow_label(analysis::FlowKind kind) {
    using F = analysis::FlowKind;
    switch (kind) {
    case F::ReleaseAcquire:
        return QCoreApplication::translate("il::ui::Colors", "release → acquire");
    case F::NotifyWake:
        return QCoreApplication::translate("il::ui::Colors", "notify → wake");
    case F::SetWake:
        return QCoreApplication::translate("il::ui::Colors", "set → wake");
    case F::PutGet:
        return QCoreApplication::translate("il::ui::Colors", "put → get");
    case F::LaneEndJoined:
        return QCoreApplication::translate("il::ui::Colors", "end → join");
    case F::SendReceive:
        return QCoreApplication::translate("il::ui::Colors", "send → receive");
    }
    return {};
}

} // namespace il::ui
