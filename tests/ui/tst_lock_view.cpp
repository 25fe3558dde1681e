// The lock view on real runs: the owner follows the playhead (counter), a
// deadlock shows its banner and the jump button moves the playhead to the
// moment the cycle closed (dining philosophers), handoffs animate on small
// steps only, clicks and selection, the empty state.
#include "objects/lock_canvas.h"
#include "objects/lock_view.h"
#include "view_fixture.h"

#include <QHelpEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolTip>
#include <QtTest>

#include <set>

using namespace il;

namespace {

using il::test::drawn;
using il::test::first_object;
using il::test::run_data;

struct Fixture : il::test::ViewFixture<ui::LockView> {
    explicit Fixture(ui::RunDataPtr data) : ViewFixture(std::move(data), QSize(900, 500)) {}
};

} // namespace

class TestLockView : public QObject {
    Q_OBJECT

    ui::RunDataPtr counter_;
    ui::RunDataPtr dining_;

private slots:
    void initTestCase() {
        counter_ = run_data("counter", {"threads=3", "increments=40", "locked=true"});
        QVERIFY(counter_);
        dining_ = run_data("dining-philosophers", {"philosophers=4", "variant=naive", "think_ms=1",
                                                   "eat_ms=1", "pause_ms=5"});
        QVERIFY(dining_);
    }

    void ownerFollowsPlayhead() {
        Fixture f(counter_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        QCOMPARE(f.view.objectName(), QString("lockView"));
        const trace::ObjectId lock = first_object(counter_->snapshot, trace::ObjectKind::Lock);
        QVERIFY(lock);
        QVERIFY(f.view.node(lock));
        QVERIFY(f.view.findChild<QLabel*>("lockEmptyLabel")->isHidden());
        const analysis::ObjectOwnership* own = counter_->summary.ownership_of(lock);
        QVERIFY(own && own->holds.size() >= 3);
        std::set<trace::LaneId> owners;
        for (const analysis::HoldInterval& h : own->holds) {
            const std::int64_t t = h.t0 + h.duration() / 2;
            f.window.setPlayhead(t);
            const ui::LockNode* n = f.view.node(lock);
            QVERIFY(n);
            const analysis::OwnershipState st = analysis::state_at(*own, t);
            QCOMPARE(n->owner, st.owner);
            QCOMPARE(n->waiters.size(), st.waiters.size());
            for (std::size_t i = 0; i < st.waiters.size(); ++i)
                QCOMPARE(n->waiters[i].lane, st.waiters[i].lane);
            if (h.duration() > 0)
                QCOMPARE(n->owner, h.lane);
            owners.insert(n->owner);
        }
        QVERIFY(owners.size() >= 2); // the owner changed hands
        QVERIFY(drawn(f.view.grab().toImage()));
    }

    void handoffAnimatesOnSmallStepsOnly() {
        Fixture f(counter_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const auto& range = counter_->summary.range;
        std::vector<ui::LockHandoff> hs = f.view.scene().handoffs(range.begin, range.end);
        QVERIFY(!hs.empty());
        const ui::LockHandoff h = hs.back();
        f.window.setPlayhead(h.t - 1);
        QTRY_VERIFY(!f.view.animating());
        f.window.setPlayhead(h.t); // a playback-sized step over the handoff
        QVERIFY(f.view.animating());
        QVERIFY(!f.view.canvas()->tokenPosition(0).isNull());
        QVERIFY(drawn(f.view.canvas()->grab().toImage()));
        QTRY_VERIFY_WITH_TIMEOUT(!f.view.animating(), 3000);
        QVERIFY(f.view.canvas()->tokenPosition(0).isNull());
        // Jumps never animate: back, then across the whole run.
        f.window.setPlayhead(range.begin);
        QVERIFY(!f.view.animating());
        f.window.setPlayhead(range.end);
        QVERIFY(!f.view.animating());
    }

    void clickSelectsLatestRecordOnNode() {
        Fixture f(counter_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const trace::ObjectId lock = first_object(counter_->snapshot, trace::ObjectKind::Lock);
        const analysis::ObjectOwnership* own = counter_->summary.ownership_of(lock);
        QVERIFY(own && !own->holds.empty());
        const analysis::HoldInterval& h = own->holds[own->holds.size() / 2];
        const std::int64_t t = h.t0 + h.duration() / 2;
        f.window.setPlayhead(t);
        const QRect card = f.view.nodeRect(lock);
        QVERIFY(!card.isEmpty());
        QTest::mouseClick(f.view.canvas(), Qt::LeftButton, {}, card.center());
        const std::size_t sel = f.window.selectedRecord();
        QVERIFY(sel < counter_->snapshot.records.size());
        const trace::Record& r = counter_->snapshot.records[sel];
        QCOMPARE(r.object, lock);
        QVERIFY(r.t_ns <= t);
        QCOMPARE(sel, f.view.scene().last_record(lock, t));
        QCOMPARE(f.view.canvas()->selectedObject(), lock);
    }

    void deadlockBannerAndJump() {
        QCOMPARE(dining_->status, scenario::RunStatus::Deadlocked);
        const analysis::Diagnostic* d = nullptr;
        for (const auto& x : dining_->summary.diagnostics)
            if (x.kind == "deadlock")
                d = &x;
        QVERIFY(d);
        QCOMPARE(d->objects.size(), std::size_t(4));
        Fixture f(dining_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        f.window.setPlayhead(dining_->summary.range.begin);
        auto* banner = f.view.findChild<QLabel*>("deadlockBanner");
        auto* jump = f.view.findChild<QPushButton*>("jumpToDeadlock");
        QVERIFY(banner && jump);
        QVERIFY(banner->isVisible());
        QVERIFY(jump->isVisible());
        QVERIFY2(banner->text().contains("fork"), qPrintable(banner->text()));
        // Before the cycle closes nothing is red.
        for (trace::ObjectId o : d->objects)
            QVERIFY(!f.view.node(o)->in_deadlock);

        QVERIFY(f.window.playhead() < d->t_ns);
        QCOMPARE(f.view.scene().deadlocks().size(), std::size_t(1));
        const std::int64_t closed = f.view.scene().deadlocks()[0].t;
        QTest::mouseClick(jump, Qt::LeftButton);
        // The diagnostic's t_ns, unless the trace shows the closing wait a few
        // ns later (a live diagnostic's clock calibration).
        QCOMPARE(f.window.playhead(), closed);
        QVERIFY(closed >= d->t_ns && closed - d->t_ns < 10'000);
        QVERIFY(f.window.windowStart() <= closed && closed <= f.window.windowEnd());
        const std::size_t sel = f.window.selectedRecord();
        QVERIFY(sel < dining_->snapshot.records.size());
        const trace::Record& r = dining_->snapshot.records[sel];
        QCOMPARE(r.kind, trace::Kind::WaitBegin);
        QVERIFY(r.t_ns <= closed);
        QVERIFY(std::find(d->lanes.begin(), d->lanes.end(), r.lane) != d->lanes.end());
        QVERIFY(std::find(d->objects.begin(), d->objects.end(), r.object) != d->objects.end());

        // Every fork on the cycle is marked, with its owner and waiter on it.
        for (trace::ObjectId o : d->objects) {
            const ui::LockNode* n = f.view.node(o);
            QVERIFY(n);
            QVERIFY(n->in_deadlock);
            QVERIFY(n->owner != 0);
            QVERIFY(!n->holders.empty() && n->holders[0].in_cycle);
            QCOMPARE(n->waiters.size(), std::size_t(1));
            QVERIFY(n->waiters[0].in_cycle);
        }
        QVERIFY(banner->text().contains("closed"));

        // A card's tooltip says it is on the cycle.
        const QRect card = f.view.nodeRect(d->objects[0]);
        QHelpEvent help(QEvent::ToolTip, card.center(),
                        f.view.canvas()->mapToGlobal(card.center()));
        QApplication::sendEvent(f.view.canvas(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains("deadlock cycle"), qPrintable(QToolTip::text()));
        QToolTip::hideText();
        QVERIFY(drawn(f.view.grab().toImage()));
    }

    void selectionScrollsNodeIntoView() {
        ui::RunDataPtr many =
            run_data("dining-philosophers", {"philosophers=12", "variant=ordered", "meals=1",
                                             "think_ms=0", "eat_ms=0", "pause_ms=0"});
        QVERIFY(many);
        Fixture f(many);
        f.view.resize(700, 220);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        auto* scroll = f.view.findChild<QScrollArea*>("lockScroll");
        QVERIFY(scroll);
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
        QCOMPARE(scroll->verticalScrollBar()->value(), 0);
        // The last lock shown, selected through the time window.
        const trace::ObjectId last = f.view.scene().objects().back();
        const std::size_t rec = f.view.scene().last_record(last, many->summary.range.end);
        QVERIFY(rec != ui::LockScene::kNoRecord);
        f.window.select(rec, many->snapshot.records[rec].t_ns);
        QCOMPARE(f.view.canvas()->selectedObject(), last);
        QVERIFY(scroll->verticalScrollBar()->value() > 0);
        f.window.clearSelection();
        QCOMPARE(f.view.canvas()->selectedObject(), trace::ObjectId(0));
    }

    void emptyState() {
        auto data = std::make_shared<ui::RunData>();
        data->snapshot.lanes.emplace_back();
        data->snapshot.objects.emplace_back();
        Fixture f(data);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        auto* empty = f.view.findChild<QLabel*>("lockEmptyLabel");
        QVERIFY(empty && empty->isVisible());
        QCOMPARE(empty->text(), QString("This run uses no locks or semaphores"));
        QVERIFY(f.view.nodes().empty());
        QVERIFY(f.view.findChild<QLabel*>("deadlockBanner")->isHidden() ||
                !f.view.findChild<QLabel*>("deadlockBanner")->isVisible());
        // A new run replaces it.
        f.model.setData(counter_);
        QVERIFY(!empty->isVisible());
        QVERIFY(!f.view.nodes().empty());
    }
};

QTEST_MAIN(TestLockView)
#include "tst_lock_view.moc"
