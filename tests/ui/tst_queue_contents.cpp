// Items in a queue at a time t, on hand-made snapshots: FIFO, LIFO and
// priority orders, limits, and agreement with the recorded levels.
#include "analysis/levels.h"
#include "objects/queue_contents.h"

#include <QtTest>

using namespace il;
using trace::Kind;

namespace {

trace::ObjectId add_queue(trace::Snapshot& s, const char* name, trace::QueueOrder order,
                          std::int64_t cap) {
    trace::ObjectInfo o;
    o.id = static_cast<trace::ObjectId>(s.objects.size());
    o.kind = trace::ObjectKind::Queue;
    o.name = name;
    o.capacity = cap;
    o.detail = static_cast<std::uint16_t>(order);
    s.objects.push_back(o);
    return o.id;
}

using Seqs = std::vector<std::int64_t>;

} // namespace

class TestQueueContents : public QObject {
    Q_OBJECT

    trace::Snapshot s;
    trace::ObjectId F = 0, L = 0, P = 0;
    std::vector<std::int32_t> size_; // per object id, to record b = size after

    void put(std::int64_t t, trace::ObjectId q, std::int64_t seq) {
        s.records.push_back({t, 1, q, Kind::Put, 0, ++size_[q], seq});
    }
    void get(std::int64_t t, trace::ObjectId q, std::int64_t seq) {
        s.records.push_back({t, 2, q, Kind::Get, 0, --size_[q], seq});
    }

private slots:
    void initTestCase() {
        s.lanes.resize(3);
        s.objects.emplace_back();
        F = add_queue(s, "fifo", trace::QueueOrder::Fifo, 3);
        L = add_queue(s, "lifo", trace::QueueOrder::Lifo, 0);
        P = add_queue(s, "prio", trace::QueueOrder::Priority, 0);
        size_.assign(s.objects.size(), 0);
        // Interleaved in time, as a trace would be.
        put(10, F, 1);
        put(10, L, 1);
        put(10, P, 1);
        put(11, L, 2);
        put(11, P, 2);
        put(12, L, 3);
        put(12, P, 3);
        put(15, P, 4); // never taken
        put(20, F, 2);
        get(20, L, 3);
        get(20, P, 2); // priority: 2 < 3 < 1
        put(21, L, 4);
        get(21, P, 3);
        get(22, P, 1);
        get(30, F, 1);
        get(30, L, 4);
        get(31, L, 2);
        put(40, F, 3);
        put(45, L, 5);
        get(45, L, 5); // in and out at the same instant: never seen
        put(50, F, 4);
        get(60, F, 2);
        s.end_ns = 100;
    }

    void fifo() {
        auto all = ui::QueueContents::build(s);
        QCOMPARE(all.size(), std::size_t(3));
        const ui::QueueContents& q = all[0];
        QCOMPARE(q.object(), F);
        QCOMPARE(q.order(), trace::QueueOrder::Fifo);
        QCOMPARE(q.items_at(5), Seqs{});
        QCOMPARE(q.items_at(10), (Seqs{1}));
        QCOMPARE(q.items_at(25), (Seqs{1, 2}));
        QCOMPARE(q.items_at(30), (Seqs{2}));
        QCOMPARE(q.items_at(45), (Seqs{2, 3}));
        QCOMPARE(q.items_at(55), (Seqs{2, 3, 4}));
        QCOMPARE(q.items_at(55, 2), (Seqs{2, 3}));
        QCOMPARE(q.count_at(55), std::size_t(3));
        std::size_t total = 0;
        QCOMPARE(q.items_at(55, 1, &total), (Seqs{2}));
        QCOMPARE(total, std::size_t(3));
        QCOMPARE(q.items_at(60), (Seqs{3, 4}));
        QCOMPARE(q.items_at(1000), (Seqs{3, 4}));
        QCOMPARE(q.items().size(), std::size_t(4));
    }

    void lifo() {
        auto all = ui::QueueContents::build(s);
        const ui::QueueContents& q = all[1];
        QCOMPARE(q.order(), trace::QueueOrder::Lifo);
        QCOMPARE(q.items_at(12), (Seqs{3, 2, 1}));
        QCOMPARE(q.items_at(20), (Seqs{2, 1}));
        QCOMPARE(q.items_at(21), (Seqs{4, 2, 1}));
        QCOMPARE(q.items_at(30), (Seqs{2, 1}));
        QCOMPARE(q.items_at(31), (Seqs{1}));
        QCOMPARE(q.items_at(45), (Seqs{1}));
    }

    void priority() {
        auto all = ui::QueueContents::build(s);
        const ui::QueueContents& q = all[2];
        QCOMPARE(q.order(), trace::QueueOrder::Priority);
        QCOMPARE(q.items_at(12), (Seqs{2, 3, 1}));
        QCOMPARE(q.items_at(15), (Seqs{2, 3, 1, 4}));
        QCOMPARE(q.items_at(20), (Seqs{3, 1, 4}));
        QCOMPARE(q.items_at(22), (Seqs{4}));
    }

    void agreesWithLevels() {
        auto all = ui::QueueContents::build(s);
        auto levels = analysis::levels(s);
        QCOMPARE(levels.size(), all.size());
        for (std::size_t k = 0; k < all.size(); ++k)
            for (std::int64_t t = 0; t <= 100; ++t)
                QCOMPARE(std::int64_t(all[k].count_at(t)), analysis::value_at(levels[k], t));
    }

    void noQueues() {
        trace::Snapshot empty;
        empty.objects.emplace_back();
        QVERIFY(ui::QueueContents::build(empty).empty());
        QCOMPARE(ui::QueueContents().items_at(5), Seqs{});
    }
};

QTEST_MAIN(TestQueueContents)
#include "tst_queue_contents.moc"
