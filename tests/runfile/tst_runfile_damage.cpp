// Damaged, hostile and foreign files: every one is a RunFileError naming the
// file and what is wrong with it, never a crash, a hang or a huge allocation.
// Structural damage is named precisely; quiet damage is caught by the checksum.
#include "runfile_fixture.h"

#include "analysis/stats.h"
#include "runfile/detail/bytes.h"
#include "runfile/detail/validate.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace il;
using namespace il::runfile;
using namespace il::test;

class TestRunFileDamage : public QObject {
    Q_OBJECT
private slots:
    void truncatedAtEverySectionBoundary() {
        const std::string bytes = encode_run(real_run("producer-consumer", {"items=20"}));
        const auto all = sections(bytes);
        QCOMPARE(all.size(), std::size_t(9));
        QCOMPARE(all.back().payload + all.back().length, bytes.size());
        for (const SectionAt& s : all) {
            for (std::size_t cut :
                 {s.header, s.header + 1, s.header + 4, s.header + 11, s.payload,
                  s.payload + s.length / 2, s.payload + s.length - (s.length ? 1 : 0)}) {
                if (cut >= bytes.size())
                    continue;
                EXPECT_DAMAGE(bytes.substr(0, cut), "truncated");
            }
            EXPECT_DAMAGE(bytes.substr(0, s.header), "file ends before");
        }
        for (std::size_t cut : {std::size_t(0), std::size_t(3), std::size_t(8), std::size_t(10)})
            QVERIFY(!decode_error(bytes.substr(0, cut)).isEmpty());
    }

    void truncatedAnywhere() {
        const std::string small = encode_run(hand_run());
        for (std::size_t cut = 0; cut < small.size(); ++cut)
            QVERIFY2(!decode_error(small.substr(0, cut)).isEmpty(),
                     qPrintable(QString::number(cut)));
        const std::string big = encode_run(real_run("lock-convoy", {"threads=2", "ops=20"}));
        std::mt19937_64 rng(20240607);
        for (int i = 0; i < 300; ++i) {
            const std::size_t cut = rng() % big.size();
            QVERIFY2(!decode_error(big.substr(0, cut)).isEmpty(), qPrintable(QString::number(cut)));
        }
    }

    void damagedCounts_data() {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<int>("offset"); // into the payload
        QTest::addColumn<int>("width");
        QTest::newRow("scenario id length") << "META" << 0 << 4;
        QTest::newRow("parameter count") << "PARA" << 0 << 4;
        QTest::newRow("message length") << "OUTC" << 1 << 4;
        QTest::newRow("diagnostic count") << "DIAG" << 0 << 4;
        QTest::newRow("lane count") << "LANE" << 0 << 4;
        QTest::newRow("object count") << "OBJS" << 0 << 4;
        QTest::newRow("record count") << "RECS" << 0 << 8;
        QTest::newRow("section length") << "LANE" << -8 << 8;
    }
    void damagedCounts() {
        QFETCH(QString, tag);
        QFETCH(int, offset);
        QFETCH(int, width);
        const std::string good = encode_run(hand_run());
        const SectionAt s = section(sections(good), tag.toStdString());
        const std::size_t at = static_cast<std::size_t>(static_cast<long>(s.payload) + offset);
        const std::uint64_t was = get_le(good, at, width);
        const std::uint64_t all_ones = width == 4 ? 0xFFFFFFFFull : ~0ull;
        for (std::uint64_t v :
             {all_ones, was + 1, was ? was - 1 : 2, std::uint64_t(0), std::uint64_t(0x7FFFFFFF)}) {
            if (v == was)
                continue;
            std::string bad = good;
            put_le(bad, at, v, width);
            QVERIFY2(!decode_error(bad).isEmpty(), qPrintable(QString::number(v)));
        }
    }

    void inconsistentContent_data() {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("record lane") << 0 << "lane 9 of record 3 (put) does not exist";
        QTest::newRow("record object") << 1 << "object 40 of record 3 (put) does not exist";
        QTest::newRow("record kind") << 2 << "record 3 has an unknown kind (999)";
        QTest::newRow("wait reason") << 3 << "unknown wait reason (77)";
        QTest::newRow("time order") << 4 << "record 5 (release) is earlier than the record";
        QTest::newRow("time range") << 5 << "outside 0..";
        QTest::newRow("lane object") << 6 << "not that lane's own object";
        QTest::newRow("lane parent") << 7 << "a parent must be an earlier lane";
        QTest::newRow("object related") << 8 << "refers to object 99, which does not exist";
        QTest::newRow("object kind") << 9 << "unknown kind (200)";
        QTest::newRow("diagnostic lane") << 10 << "diagnostic 0 names lane 12";
        QTest::newRow("lane id") << 11 << "lane 2 says it is lane 5";
        QTest::newRow("param range") << 12 << "parameter 'threads': 1000 is out of range";
        QTest::newRow("param type") << 13 << "'threads' was saved as the wrong type";
        QTest::newRow("param unknown") << 14 << "'bogus' is not a parameter of scenario 'counter'";
        QTest::newRow("param nan") << 15 << "not a finite number";
        QTest::newRow("run status") << 16 << "run status is unknown (9)";
        QTest::newRow("sleep length") << 17 << "asks for a sleep of";
        QTest::newRow("queue order") << 18 << "unknown queue order (7)";
    }
    void inconsistentContent() {
        QFETCH(int, damage);
        QFETCH(QString, expected);
        scenario::RunResult r = hand_run();
        auto& recs = r.trace.records;
        const auto find = [&](trace::Kind k) {
            for (auto& rec : recs)
                if (rec.kind == k)
                    return &rec;
            throw std::runtime_error("no such record");
        };
        switch (damage) {
        case 0:
            recs[3].lane = 9;
            break;
        case 1:
            recs[3].object = 40;
            break;
        case 2:
            recs[3].kind = trace::Kind(999);
            break;
        case 3:
            find(trace::Kind::WaitBegin)->c = 77;
            break;
        case 4:
            recs[5].t_ns = 10;
            break;
        case 5:
            recs.back().t_ns = std::int64_t(1) << 62 | 1;
            break;
        case 6:
            r.trace.lanes[2].object = 3;
            break;
        case 7:
            r.trace.lanes[1].parent = 2;
            break;
        case 8:
            r.trace.objects[3].related = 99;
            break;
        case 9:
            r.trace.objects[3].kind = trace::ObjectKind(200);
            break;
        case 10:
            r.diagnostics[0].lanes.push_back(12);
            break;
        case 11:
            r.trace.lanes[2].id = 5;
            break;
        case 12:
            r.params.set("threads", std::int64_t(1000));
            break;
        case 13:
            r.params.set("threads", std::string("two"));
            break;
        case 14:
            r.params.set("bogus", true);
            break;
        case 15:
            r.scenario = "elsewhere";
            r.params.set("x", std::nan(""));
            break;
        case 16:
            r.status = scenario::RunStatus(9);
            break;
        case 17:
            find(trace::Kind::SleepBegin)->a = INT64_MAX;
            break;
        case 18:
            r.trace.objects[4].detail = 7;
            break;
        }
        EXPECT_DAMAGE(encode_run(r), expected);
    }

    void emptyScenarioIsRefusedBothWays() {
        // The writer refuses a run without a scenario (what an unfinished
        // window would hand it)...
        scenario::RunResult r = hand_run();
        r.scenario.clear();
        QVERIFY_THROWS_EXCEPTION(runfile::RunFileError, encode_run(r));
        // ...and the reader refuses one written by anything else.
        const std::string good = encode_run(hand_run());
        const SectionAt meta = sections(good).front();
        QCOMPARE(get_le(good, meta.payload, 4), std::uint64_t(7)); // "counter"
        std::string bad = good;
        bad.erase(meta.payload + 4, 7);
        put_le(bad, meta.payload, 0, 4);
        put_le(bad, meta.header + 4, meta.length - 7, 8);
        reseal(bad, sections(bad).back());
        EXPECT_DAMAGE(bad, "the scenario id is empty");
    }

    void notARun() {
        EXPECT_DAMAGE(std::string(), "is not an Interleave run: the file is empty");
        EXPECT_DAMAGE(std::string("hello, world\n"), "is not an Interleave run: it does not begin");
        EXPECT_DAMAGE(std::string("\x89PNG\r\n\x1a\n0000", 12), "does not begin with the run");
        const std::string good = encode_run(hand_run());
        EXPECT_DAMAGE(good.substr(0, 8), "truncated");
        std::string v0 = good;
        put_le(v0, 8, 0, 4);
        EXPECT_DAMAGE(v0, "format version is 0");
        std::string v2 = good;
        put_le(v2, 8, 2, 4);
        EXPECT_DAMAGE(v2, "saved by a newer version of Interleave (run file format 2); this build "
                          "reads format 1");
        std::string tagged = good;
        tagged[section(sections(good), "PARA").header] = 'X';
        EXPECT_DAMAGE(tagged, "section 2 should be the parameters section ('PARA') but is "
                              "tagged 'XARA'");
        EXPECT_DAMAGE(good + "x", "1 unexpected bytes after the checksum");
    }

    void checksumCatchesQuietDamage() {
        const std::string good = encode_run(hand_run());
        const SectionAt recs = section(sections(good), "RECS");
        std::string bad = good;
        bad[recs.payload + 8 + 24] ^= 0x01; // the first record's `a`: any value is valid
        EXPECT_DAMAGE(bad, "checksum does not match");
        reseal(bad, section(sections(good), "SUMS"));
        QVERIFY(decode_error(bad).isEmpty());
    }

    void randomDamageNeverCrashes() {
        const std::string good = encode_run(real_run("producer-consumer", {"items=20"}));
        const SectionAt sums = section(sections(good), "SUMS");
        std::mt19937_64 rng(77);
        int opened = 0;
        for (int i = 0; i < 600; ++i) {
            std::string bad = good;
            const int flips = 1 + int(rng() % 4);
            for (int k = 0; k < flips; ++k)
                bad[rng() % sums.header] ^= static_cast<char>(1 + rng() % 255);
            // Without its checksum fixed, every change is caught.
            QVERIFY(!decode_error(bad).isEmpty());
            // With it fixed, the structural checks alone must hold: whatever
            // they let through must be safe to analyse.
            reseal(bad, sums);
            try {
                const scenario::RunResult r = decode_run(bad);
                const analysis::Summary s = analysis::analyze(r.trace);
                QVERIFY(s.timelines.size() + 1 >= r.trace.lanes.size());
                ++opened;
            } catch (const RunFileError&) {
            }
        }
        qInfo("%d of 600 damaged files still made sense", opened);
    }

    void outcomeValuesAreCheckedJson() {
        using il::runfile::detail::Damage;
        using il::runfile::detail::parse_values;
        QCOMPARE(parse_values("{\"a\":[1,2]}").at("a").size(), std::size_t(2));
        const std::string deep =
            "{\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
        for (const std::string& bad : {std::string("{"), std::string("[1]"), std::string(),
                                       std::string("{\"a\":nan}"), deep}) {
            try {
                parse_values(bad);
                QFAIL(qPrintable("accepted: " + QString::fromStdString(bad.substr(0, 20))));
            } catch (const Damage&) {
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestRunFileDamage)
#include "tst_runfile_damage.moc"
