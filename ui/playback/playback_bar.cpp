#include "playback/playback_bar.h"

#include "model/time_window.h"
#include "playback/playback_controller.h"

#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace il::ui {

namespace {

QString speed_text(double speed) {
    if (speed >= 1)
        return PlaybackBar::tr("1×");
    return PlaybackBar::tr("1/%1×").arg(std::lround(1 / speed));
}

QString with_shortcut(const QString& text, const QKeySequence& key) {
    return PlaybackBar::tr("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
}

// Space plays and pauses and the arrow keys step, window-wide; but a focused
// control keeps the keys it needs: a button, check box or combo box keeps
// Space (keyboard users press it there), a list, table, slider or spin box
// keeps the arrows (a line edit already claims them itself). A widget that
// accepts ShortcutOverride receives the key instead of the shortcut, so this
// accepts it on their behalf.
class KeepKeysForControls : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* target, QEvent* event) override {
        if (event->type() != QEvent::ShortcutOverride)
            return false;
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() != Qt::NoModifier)
            return false;
        const bool space = key->key() == Qt::Key_Space;
        const bool arrow = key->key() == Qt::Key_Left || key->key() == Qt::Key_Right;
        if ((space &&
             (qobject_cast<QAbstractButton*>(target) || qobject_cast<QComboBox*>(target))) ||
            (arrow &&
             (qobject_cast<QAbstractItemView*>(target) || qobject_cast<QAbstractSlider*>(target) ||
              qobject_cast<QAbstractSpinBox*>(target) || qobject_cast<QComboBox*>(target))))
            event->accept();
        return false;
    }
};

void keep_space_for_controls() {
    static bool installed = false;
    if (!installed && qApp) {
        qApp->installEventFilter(new KeepKeysForControls(qApp));
        installed = true;
    }
}

} // namespace

PlaybackBar::PlaybackBar(PlaybackController* controller, TimeWindow* window, QWidget* parent)
    : QWidget(parent), controller_(controller), window_(window) {
    setObjectName("playbackBar");
    keep_space_for_controls();
    QStyle* s = style();
    step_back_ = make_action(s->standardIcon(QStyle::SP_MediaSkipBackward), tr("Previous event"),
                             QKeySequence(Qt::Key_Left));
    play_ =
        make_action(s->standardIcon(QStyle::SP_MediaPlay), tr("Play"), QKeySequence(Qt::Key_Space));
    step_ = make_action(s->standardIcon(QStyle::SP_MediaSkipForward), tr("Next event"),
                        QKeySequence(Qt::Key_Right));
    next_diag_ = make_action(s->standardIcon(QStyle::SP_MessageBoxWarning), tr("Next diagnostic"),
                             QKeySequence(Qt::Key_F8));
    prev_diag_ =
        make_action(QIcon(), tr("Previous diagnostic"), QKeySequence(Qt::SHIFT | Qt::Key_F8));
    slower_ = make_action(QIcon(), tr("Slower"), QKeySequence(Qt::Key_BracketLeft));
    faster_ = make_action(QIcon(), tr("Faster"), QKeySequence(Qt::Key_BracketRight));
    live_ = make_action(QIcon(), tr("Live"), QKeySequence(Qt::CTRL | Qt::Key_End));
    live_->setCheckable(true);
    live_->setChecked(controller_->followLive());
    live_->setToolTip(with_shortcut(tr("Follow the live run's head"), live_->shortcut()));

    speed_ = new QComboBox;
    speed_->setObjectName("speedCombo");
    speed_->setToolTip(tr("Playback speed, as a fraction of real time ([ slower, ] faster)"));
    for (double v : PlaybackController::speeds())
        speed_->addItem(speed_text(v), v);

    scrubber_ = new QSlider(Qt::Horizontal);
    scrubber_->setObjectName("scrubber");
    scrubber_->setRange(0, kScrubSteps);
    scrubber_->setPageStep(kScrubSteps / 20);
    scrubber_->setToolTip(tr("Drag to move the playhead through the run"));
    time_ = new QLabel;
    time_->setObjectName("timeLabel");
    time_->setToolTip(tr("Playhead time since the run started / the run's length"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(make_button(step_back_, "stepBackButton"));
    layout->addWidget(make_button(play_, "playButton"));
    layout->addWidget(make_button(step_, "stepButton"));
    layout->addWidget(make_button(next_diag_, "nextDiagnosticButton"));
    auto* live = make_button(live_, "followLiveButton");
    live->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(live);
    layout->addWidget(speed_);
    layout->addWidget(scrubber_, 1);
    layout->addWidget(time_);

    connect(play_, &QAction::triggered, controller_, &PlaybackController::togglePlay);
    connect(step_, &QAction::triggered, controller_, &PlaybackController::stepForward);
    connect(step_back_, &QAction::triggered, controller_, &PlaybackController::stepBackward);
    connect(next_diag_, &QAction::triggered, controller_, &PlaybackController::nextDiagnostic);
    connect(prev_diag_, &QAction::triggered, controller_, &PlaybackController::previousDiagnostic);
    connect(faster_, &QAction::triggered, controller_, &PlaybackController::faster);
    connect(slower_, &QAction::triggered, controller_, &PlaybackController::slower);
    connect(live_, &QAction::toggled, controller_, &PlaybackController::setFollowLive);
    connect(controller_, &PlaybackController::followLiveChanged, live_, &QAction::setChecked);
    connect(controller_, &PlaybackController::playingChanged, this, &PlaybackBar::playing_changed);
    connect(controller_, &PlaybackController::speedChanged, this, &PlaybackBar::speed_changed);
    connect(speed_, &QComboBox::activated, this,
            [this](int index) { controller_->setSpeed(speed_->itemData(index).toDouble()); });
    connect(scrubber_, &QSlider::valueChanged, this, &PlaybackBar::scrubbed);
    connect(window_, &TimeWindow::playheadChanged, this, &PlaybackBar::sync_to_playhead);
    connect(window_, &TimeWindow::rangeChanged, this, &PlaybackBar::sync_to_playhead);

    playing_changed(controller_->isPlaying());
    speed_changed(controller_->speed());
    sync_to_playhead();
}

QAction* PlaybackBar::make_action(const QIcon& icon, const QString& text, const QKeySequence& key) {
    auto* action = new QAction(icon, text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(with_shortcut(text, key));
    addAction(action); // so the shortcut works while the bar is in a window
    return action;
}

QToolButton* PlaybackBar::make_button(QAction* action, const char* objectName) {
    auto* button = new QToolButton;
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    return button;
}

void PlaybackBar::playing_changed(bool playing) {
    play_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    play_->setText(playing ? tr("Pause") : tr("Play"));
    play_->setToolTip(with_shortcut(play_->text(), play_->shortcut()));
}

void PlaybackBar::speed_changed(double speed) {
    const int index = speed_->findData(speed);
    if (index >= 0)
        speed_->setCurrentIndex(index);
}

void PlaybackBar::sync_to_playhead() {
    const std::int64_t start = window_->rangeStart();
    const std::int64_t span = window_->rangeEnd() - start;
    const std::int64_t since = window_->playhead() - start;
    time_->setText(timeText(since, span));
    scrubber_->setEnabled(span > 0);
    // The scrubber's own move already put it where the user wants it:
    // rounding the playhead back would make it jitter.
    if (scrubbing_)
        return;
    const QSignalBlocker block(scrubber_);
    scrubber_->setValue(span > 0 ? int(std::llround(double(since) * kScrubSteps / double(span)))
                                 : 0);
}

void PlaybackBar::scrubbed(int value) {
    const std::int64_t start = window_->rangeStart();
    const std::int64_t span = window_->rangeEnd() - start;
    const std::int64_t t = start + std::llround(double(value) * double(span) / kScrubSteps);
    scrubbing_ = true;
    window_->setPlayhead(t);
    window_->ensureVisible(t);
    scrubbing_ = false;
}

QString PlaybackBar::timeText(std::int64_t sinceStartNs, std::int64_t totalNs) {
    struct Unit {
        std::int64_t ns;
        const char* format;
    };
    static const Unit units[] = {{1'000'000'000, QT_TR_NOOP("%1 s")},
                                 {1'000'000, QT_TR_NOOP("%1 ms")},
                                 {1'000, QT_TR_NOOP("%1 µs")},
                                 {1, QT_TR_NOOP("%1 ns")}};
    const Unit* unit = &units[3];
    for (const Unit& u : units)
        if (totalNs >= u.ns) {
            unit = &u;
            break;
        }
    // Enough decimals for the playhead to visibly move, few enough to read.
    const double total = double(totalNs) / double(unit->ns);
    const int decimals = unit->ns == 1 ? 0 : total < 10 ? 3 : total < 100 ? 2 : 1;
    auto text = [&](std::int64_t ns) {
        return tr(unit->format).arg(double(ns) / double(unit->ns), 0, 'f', decimals);
    };
    return tr("%1 / %2").arg(text(sinceStartNs), text(totalNs));
}

} // namespace il::ui
