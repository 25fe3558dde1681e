#include "analysis/trace_builder.h"
#include "export/chrome_trace.h"
#include "export/export_error.h"

#include <QtTest>

#include <map>
#include <sstream>

using namespace il::analysis;
using namespace il::exporter;
using namespace il::test;

namespace {

struct Fixture {
    Snapshot snap;
    LaneId a, b, w;
    ObjectId lock, q, sem, note;
};

// Times in ns after start_ns = 1'000'000.
Fixture make_fixture() {
    const std::int64_t T = 1'000'000;
    TraceBuilder tb(T);
    Fixture f;
    f.a = tb.lane("alice");
    f.b = tb.lane("bob \"the\" builder\n");
    f.w = tb.lane("worker-1", 200);
    f.lock = tb.object(ObjectKind::Lock, "counter_lock");
    f.q = tb.object(ObjectKind::Queue, "jobs, \"urgent\"", 2);
    f.sem = tb.object(ObjectKind::Semaphore, "slots", 2);
    f.note = tb.object(ObjectKind::Annotation, "update lost here");
    tb.start(T, f.a).acquire(T + 10, f.a, f.lock, 0).put(T + 15, f.a, f.q, 1, 1);
    tb.release(T + 100, f.a, f.lock, 1).mark(T + 110, f.a, f.note, 41);
    tb.start(T, f.b).wait(T + 20, f.b, f.lock, WaitReason::Lock).wait_end(T + 1234, f.b, f.lock);
    tb.acquire(T + 1235, f.b, f.lock, 1).get(T + 1240, f.b, f.q, 1, 0);
    tb.release(T + 1300, f.b, f.lock, 2).end(T + 1400, f.b);
    tb.start(T + 5, f.w).acquire(T + 6, f.w, f.sem, 0, 1).release(T + 50, f.w, f.sem, 1, 2);
    tb.end(T + 60, f.w);
    tb.wait(T + 1410, f.a, tb.lane_object(f.b), WaitReason::Join);
    tb.wait_end(T + 1420, f.a, tb.lane_object(f.b)).joined(T + 1421, f.a, f.b);
    f.snap = tb.snapshot(T + 2000);
    f.snap.budget = 1000;
    return f;
}

QJsonObject export_json(const Snapshot& s, const Summary& sum, std::string* text = nullptr) {
    std::ostringstream out;
    write_chrome_trace(out, s, sum, {"lock_contention"});
    if (text)
        *text = out.str();
    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(out.str()), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("invalid JSON: %s", qPrintable(err.errorString()));
    return doc.object();
}

QList<QJsonObject> events(const QJsonObject& doc, const QString& ph) {
    QList<QJsonObject> out;
    for (const QJsonValue& v : doc["traceEvents"].toArray())
        if (v.toObject()["ph"].toString() == ph)
            out.append(v.toObject());
    return out;
}

QString metadata(const QJsonObject& doc, const QString& name, int pid, int tid = -1) {
    for (const QJsonObject& e : events(doc, "M"))
        if (e["name"].toString() == name && e["pid"].toInt() == pid &&
            (tid < 0 || e["tid"].toInt() == tid))
            return e["args"].toObject()["name"].toVariant().toString();
    return "<missing>";
}

} // namespace

class TestChromeTrace : public QObject {
    Q_OBJECT
private slots:
    void topLevelAndOtherData() {
        Fixture f = make_fixture();
        f.snap.dropped = 7;
        QJsonObject doc = export_json(f.snap, analyze(f.snap));
        QVERIFY(doc["traceEvents"].isArray());
        QCOMPARE(doc["displayTimeUnit"].toString(), QString("ns"));
        QJsonObject other = doc["otherData"].toObject();
        QCOMPARE(other["scenario"].toString(), QString("lock_contention"));
        QCOMPARE(other["dropped"].toInt(), 7);
        QCOMPARE(other["budget"].toInt(), 1000);
        QVERIFY(other["note"].toString().contains("7 records were dropped"));
        bool instant = false;
        for (const QJsonObject& e : events(doc, "i"))
            instant |= e["name"].toString() == "records dropped";
        QVERIFY(instant);
    }

    void noDropNoteWhenNothingDropped() {
        Fixture f = make_fixture();
        QJsonObject doc = export_json(f.snap, analyze(f.snap));
        QVERIFY(!doc["otherData"].toObject().contains("note"));
    }

    void processAndThreadNames() {
        Fixture f = make_fixture();
        QJsonObject doc = export_json(f.snap, analyze(f.snap));
        QCOMPARE(metadata(doc, "process_name", 100), QString("lock_contention"));
        QCOMPARE(metadata(doc, "process_name", 200), QString("worker"));
        QCOMPARE(metadata(doc, "thread_name", 100, f.a), QString("alice"));
        QCOMPARE(metadata(doc, "thread_name", 100, f.b), QString("bob \"the\" builder\n"));
        QCOMPARE(metadata(doc, "thread_name", 200, f.w), QString("worker-1"));
        int sort = 0;
        for (const QJsonObject& e : events(doc, "M"))
            if (e["name"].toString() == "thread_sort_index") {
                QCOMPARE(e["args"].toObject()["sort_index"].toInt(), e["tid"].toInt());
                ++sort;
            }
        QCOMPARE(sort, 3);
    }

    void slicePerStateInterval() {
        Fixture f = make_fixture();
        Summary sum = analyze(f.snap);
        std::string text;
        QJsonObject doc = export_json(f.snap, sum, &text);
        QList<QJsonObject> bob;
        int total = 0;
        for (const QJsonObject& e : events(doc, "X")) {
            ++total;
            QCOMPARE(e["cat"].toString(), QString("state"));
            if (e["tid"].toInt() == int(f.b))
                bob.append(e);
        }
        std::size_t drawn = 0;
        for (const LaneTimeline& tl : sum.timelines)
            for (const StateInterval& iv : tl.intervals)
                drawn += iv.state != LaneState::NotStarted && iv.state != LaneState::Done;
        QCOMPARE(std::size_t(total), drawn);

        QCOMPARE(bob.size(), 4);
        QCOMPARE(bob[0]["name"].toString(), QString("running"));
        QCOMPARE(bob[1]["name"].toString(), QString("blocked: lock counter_lock"));
        QCOMPARE(bob[1]["args"].toObject()["object"].toString(), QString("counter_lock"));
        QCOMPARE(bob[1]["args"].toObject()["reason"].toString(), QString("lock"));
        QCOMPARE(bob[1]["ts"].toDouble(), 0.020);
        QCOMPARE(bob[1]["dur"].toDouble(), 0.080);
        QCOMPARE(bob[2]["name"].toString(), QString("ready"));
        QCOMPARE(bob[2]["ts"].toDouble(), 0.100);
        QCOMPARE(bob[2]["dur"].toDouble(), 1.134);
        QCOMPARE(bob[3]["name"].toString(), QString("running"));
        QCOMPARE(bob[3]["pid"].toInt(), 100);
        // Nanosecond precision, written as exact decimals.
        QVERIFY(text.find(R"("ts":1.234,"dur":0.166)") != std::string::npos);
    }

    void countersForQueuesAndSemaphores() {
        Fixture f = make_fixture();
        QJsonObject doc = export_json(f.snap, analyze(f.snap));
        QList<double> queue, sem;
        for (const QJsonObject& e : events(doc, "C")) {
            QJsonObject args = e["args"].toObject();
            if (e["name"].toString() == "queue jobs, \"urgent\"")
                queue.append(args["size"].toDouble());
            else if (e["name"].toString() == "semaphore slots")
                sem.append(args["free"].toDouble());
            else
                QFAIL(qPrintable("unexpected counter " + e["name"].toString()));
        }
        QCOMPARE(queue, (QList<double>{0, 1, 0}));
        QCOMPARE(sem, (QList<double>{2, 1, 2}));
    }

    void flowStartFinishPairs() {
        Fixture f = make_fixture();
        Summary sum = analyze(f.snap);
        QJsonObject doc = export_json(f.snap, sum);
        std::map<int, QJsonObject> starts, finishes;
        for (const QJsonObject& e : events(doc, "s")) {
            QVERIFY(!starts.count(e["id"].toInt()));
            starts[e["id"].toInt()] = e;
        }
        for (const QJsonObject& e : events(doc, "f")) {
            QVERIFY(!finishes.count(e["id"].toInt()));
            QCOMPARE(e["bp"].toString(), QString("e"));
            finishes[e["id"].toInt()] = e;
        }
        QCOMPARE(starts.size(), sum.flows.size());
        QCOMPARE(finishes.size(), sum.flows.size());
        QCOMPARE(sum.flows.size(), std::size_t(3)); // release->acquire, put->get, end->joined
        for (auto& [id, s] : starts) {
            QVERIFY(finishes.count(id));
            QCOMPARE(s["name"].toString(), finishes[id]["name"].toString());
            QVERIFY(s["ts"].toDouble() <= finishes[id]["ts"].toDouble());
        }
        QJsonObject handoff = starts[1], got = finishes[1];
        QCOMPARE(handoff["name"].toString(), QString("release_acquire"));
        QCOMPARE(handoff["tid"].toInt(), int(f.a));
        QCOMPARE(handoff["ts"].toDouble(), 0.100);
        QCOMPARE(got["tid"].toInt(), int(f.b));
        QCOMPARE(got["ts"].toDouble(), 1.235);
        QVERIFY(got["args"].toObject()["handoff"].toBool());
        // A LaneEnd cause binds 1 ns inside the lane's last drawn slice.
        QJsonObject end = starts[3];
        QCOMPARE(end["name"].toString(), QString("lane_end_joined"));
        QCOMPARE(end["tid"].toInt(), int(f.b));
        QCOMPARE(end["ts"].toDouble(), 1.399);
    }

    void instantsForMarksAndDiagnostics() {
        Fixture f = make_fixture();
        Summary sum = analyze(f.snap);
        QJsonObject before = export_json(f.snap, sum);
        int diagnostics = 0;
        for (const QJsonObject& e : events(before, "i"))
            diagnostics += e["cat"].toString() == "diagnostic";
        QCOMPARE(diagnostics, 0);

        sum.diagnostics.push_back({"deadlock",
                                   "alice and bob wait for each other",
                                   {f.a, f.b},
                                   {f.lock},
                                   1'000'000 + 1500});
        QJsonObject doc = export_json(f.snap, sum);
        QList<QJsonObject> marks, found;
        for (const QJsonObject& e : events(doc, "i")) {
            if (e["cat"].toString() == "mark")
                marks.append(e);
            else if (e["cat"].toString() == "diagnostic")
                found.append(e);
        }
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks[0]["name"].toString(), QString("update lost here"));
        QCOMPARE(marks[0]["tid"].toInt(), int(f.a));
        QCOMPARE(marks[0]["ts"].toDouble(), 0.110);
        QCOMPARE(marks[0]["args"].toObject()["value"].toInt(), 41);

        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0]["name"].toString(), QString("deadlock"));
        QCOMPARE(found[0]["s"].toString(), QString("g"));
        QCOMPARE(found[0]["ts"].toDouble(), 1.5);
        QJsonObject args = found[0]["args"].toObject();
        QCOMPARE(args["message"].toString(), QString("alice and bob wait for each other"));
        QCOMPARE(args["lanes"].toArray().size(), 2);
        QCOMPARE(args["lanes"].toArray()[0].toString(), QString("alice"));
        QCOMPARE(args["objects"].toArray()[0].toString(), QString("counter_lock"));
    }

    void invalidUtf8NamesStillExport() {
        TraceBuilder tb;
        LaneId a = tb.lane(std::string("bad \xff name"));
        tb.start(0, a);
        Snapshot s = tb.snapshot(10);
        QJsonObject doc = export_json(s, analyze(s));
        QVERIFY(metadata(doc, "thread_name", 100, a).startsWith("bad "));
    }

    void bigTraceIsValidJson() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.start(0, a).start(0, b);
        std::int64_t t = 1;
        for (int i = 0; i < 20000; ++i) {
            LaneId h = i % 2 ? b : a, n = i % 2 ? a : b;
            tb.acquire(t, h, lock, i).wait(t + 1, n, lock, WaitReason::Lock);
            tb.release(t + 5, h, lock, i + 1).wait_end(t + 7, n, lock);
            t += 8;
        }
        Snapshot s = tb.snapshot(t);
        Summary sum = analyze(s);
        QJsonObject doc = export_json(s, sum);
        QCOMPARE(events(doc, "s").size(), qsizetype(sum.flows.size()));
        QVERIFY(events(doc, "X").size() > 40000);
    }

    void exportToFileAndToAnUnwritablePath() {
        Fixture f = make_fixture();
        Summary sum = analyze(f.snap);
        QTemporaryDir dir;
        std::string path = dir.filePath("trace.json").toStdString();
        export_chrome_trace(path, f.snap, sum, {"x"});
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(file.readAll()).isObject());

        const std::string bad = "/nonexistent-interleave-dir/trace.json";
        try {
            export_chrome_trace(bad, f.snap, sum);
            QFAIL("no ExportError");
        } catch (const ExportError& e) {
            QCOMPARE(std::string(e.what()),
                     "cannot write '" + bad + "': No such file or directory");
        }
    }
};

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrome_trace.moc"
