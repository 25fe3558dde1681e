#include "analysis/trace_builder.h"
#include "export/csv.h"
#include "export/export_error.h"

#include <QtTest>

#include <fstream>
#include <map>
#include <sstream>

using namespace il::analysis;
using namespace il::exporter;
using namespace il::test;

namespace {

using Row = std::vector<std::string>;

// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
std::vector<Row> parse_csv(const std::string& text) {
    std::vector<Row> rows;
    Row row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.empty() || !row.empty())
        qFatal("CSV does not end with CRLF");
    return rows;
}

struct Table {
    std::vector<Row> rows;
    // (section, name, metric) -> value
    std::string value(const std::string& section, const std::string& name,
                      const std::string& metric) const {
        for (const Row& r : rows)
            if (r[0] == section && r[2] == name && r[4] == metric)
                return r[5];
        return "<missing>";
    }
};

Table make_table(std::string* text = nullptr) {
    TraceBuilder tb;
    LaneId a = tb.lane("alice"), b = tb.lane("bob, \"the\" builder");
    ObjectId lock = tb.object(ObjectKind::Lock, "counter_lock");
    ObjectId q = tb.object(ObjectKind::Queue, "jobs\nline two", 1);
    ObjectId sem = tb.object(ObjectKind::BoundedSemaphore, "slots", 2);
    tb.start(0, a).acquire(10, a, lock, 0).release(100, a, lock, 1).end(200, a);
    tb.start(0, b).wait(20, b, lock, WaitReason::Lock).wait_end(130, b, lock);
    tb.acquire(131, b, lock, 1).release(151, b, lock, 2);
    tb.put(160, b, q, 1, 1).get(180, a, q, 1, 0);
    tb.acquire(185, b, sem, 0, 1).release(190, b, sem, 1, 2).end(195, b);
    Snapshot s = tb.snapshot(300);
    std::ostringstream out;
    write_stats_csv(out, s, analyze(s));
    if (text)
        *text = out.str();
    return {parse_csv(out.str())};
}

} // namespace

class TestCsv : public QObject {
    Q_OBJECT
private slots:
    void fieldQuoting_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << "counter_lock"
                               << "counter_lock";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "two\nlines"
                                 << "\"two\nlines\"";
        QTest::newRow("carriage return") << "x\ry"
                                         << "\"x\ry\"";
        QTest::newRow("spaces kept") << " padded "
                                     << " padded ";
    }
    void fieldQuoting() {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(QString::fromStdString(csv_field(text.toStdString())), field);
    }

    void headerAndShape() {
        std::string text;
        Table t = make_table(&text);
        QVERIFY(text.rfind("section,id,name,kind,metric,value,unit\r\n", 0) == 0);
        QVERIFY(t.rows.size() > 1);
        for (const Row& r : t.rows)
            QCOMPARE(r.size(), std::size_t(7));
        std::map<std::string, int> sections;
        for (std::size_t i = 1; i < t.rows.size(); ++i)
            ++sections[t.rows[i][0]];
        QCOMPARE(sections.size(), std::size_t(4));
        QVERIFY(sections["lane"] > 0 && sections["lock"] > 0 && sections["semaphore"] > 0 &&
                sections["queue"] > 0);
    }

    void namesRoundTrip() {
        Table t = make_table();
        QCOMPARE(t.value("lane", "bob, \"the\" builder", "waits"), std::string("1"));
        QCOMPARE(t.value("queue", "jobs\nline two", "puts"), std::string("1"));
    }

    void values() {
        Table t = make_table();
        QCOMPARE(t.value("lane", "alice", "running_ns"), std::string("200"));
        QCOMPARE(t.value("lane", "alice", "utilisation"), std::string("1"));
        QCOMPARE(t.value("lane", "bob, \"the\" builder", "blocked_ns"), std::string("80"));
        QCOMPARE(t.value("lock", "counter_lock", "acquisitions"), std::string("2"));
        QCOMPARE(t.value("lock", "counter_lock", "contended_pct"), std::string("50"));
        QCOMPARE(t.value("lock", "counter_lock", "wait_max_ns"), std::string("110"));
        QCOMPARE(t.value("lock", "counter_lock", "hold_median_ns"), std::string("55"));
        QCOMPARE(t.value("semaphore", "slots", "capacity"), std::string("2"));
        QCOMPARE(t.value("semaphore", "slots", "min_free"), std::string("1"));
        QCOMPARE(t.value("semaphore", "slots", "wait_count"), std::string("0"));
        QCOMPARE(t.value("semaphore", "slots", "wait_min_ns"), std::string("<missing>"));
        QCOMPARE(t.value("queue", "jobs\nline two", "time_full_ns"), std::string("20"));
        QCOMPARE(t.value("queue", "jobs\nline two", "mean_fill"), std::string("0.067"));
        for (const Row& r : t.rows)
            if (r[0] == "semaphore")
                QCOMPARE(r[3], std::string("bounded_semaphore"));
    }

    void exportWritesTheFileAtomically() {
        QTemporaryDir dir;
        std::string path = dir.filePath("stats.csv").toStdString();
        { std::ofstream(path) << "old content that is much longer than nothing\n"; }
        Snapshot s = TraceBuilder().snapshot(0);
        export_stats_csv(path, s, analyze(s));
        std::ifstream in(path);
        std::stringstream ss;
        ss << in.rdbuf();
        QCOMPARE(ss.str(), std::string("section,id,name,kind,metric,value,unit\r\n"));
        QVERIFY_THROWS_EXCEPTION(
            ExportError, export_stats_csv("/nonexistent-interleave-dir/s.csv", s, analyze(s)));
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
