#include "scenario/param.h"

#include <QtTest>

using namespace il::scenario;

class TestParams : public QObject {
    Q_OBJECT
    std::vector<ParamSpec> specs() const {
        return {ParamSpec::integer("threads", 5, 1, 64, "threads"),
                ParamSpec::real("delay", 0.5, 0, 10, "seconds"),
                ParamSpec::boolean("locked", true, "use a lock"),
                ParamSpec::choice("variant", "naive", {"naive", "ordered"}, "which"),
                ParamSpec::text("input", "", "a folder")};
    }

private slots:
    void defaultsApply() {
        Params p = parse_params(specs(), {});
        QCOMPARE(p.integer("threads"), std::int64_t(5));
        QCOMPARE(p.real("delay"), 0.5);
        QCOMPARE(p.boolean("locked"), true);
        QCOMPARE(p.text("variant"), std::string("naive"));
        QCOMPARE(p.text("input"), std::string(""));
    }

    void assignmentsOverride() {
        Params p = parse_params(specs(), {"threads=64", "delay=1e-3", "locked=false",
                                          "variant=ordered", "input=/tmp/a=b"});
        QCOMPARE(p.integer("threads"), std::int64_t(64));
        QCOMPARE(p.real("delay"), 0.001);
        QCOMPARE(p.boolean("locked"), false);
        QCOMPARE(p.text("variant"), std::string("ordered"));
        QCOMPARE(p.text("input"), std::string("/tmp/a=b")); // only the first '=' splits
    }

    void badInputIsNamed_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("unknown name") << "thread=4"
                                      << "unknown parameter 'thread'; parameters: threads, delay";
        QTest::newRow("not name=value") << "threads"
                                        << "expected name=value";
        QTest::newRow("empty name") << "=3"
                                    << "expected name=value";
        QTest::newRow("not an integer")
            << "threads=four"
            << "parameter 'threads': 'four' is not an integer; allowed: an integer in 1..64";
        QTest::newRow("trailing junk") << "threads=4x"
                                       << "'4x' is not an integer";
        QTest::newRow("empty value") << "threads="
                                     << "'' is not an integer";
        QTest::newRow("below range") << "threads=0"
                                     << "0 is out of range; allowed: an integer in 1..64";
        QTest::newRow("above range") << "threads=65"
                                     << "65 is out of range";
        QTest::newRow("huge") << "threads=99999999999999999999"
                              << "is not an integer";
        QTest::newRow("real not a number") << "delay=fast"
                                           << "parameter 'delay': 'fast' is not a number";
        QTest::newRow("real nan") << "delay=nan"
                                  << "is not a number";
        QTest::newRow("real out of range") << "delay=11"
                                           << "allowed: a number in 0..10";
        QTest::newRow("bool") << "locked=maybe"
                              << "'maybe' is not a boolean; allowed: true or false";
        QTest::newRow("choice") << "variant=smart"
                                << "'smart' is not a choice; allowed: one of naive, ordered";
    }
    void badInputIsNamed() {
        QFETCH(QString, assignment);
        QFETCH(QString, mustMention);
        try {
            parse_params(specs(), {assignment.toStdString()});
            QFAIL("no error");
        } catch (const ParamError& e) {
            QVERIFY2(QString(e.what()).contains(mustMention), e.what());
        }
    }

    void boolSpellings() {
        for (const char* t : {"true", "1", "yes", "on", "TRUE"})
            QCOMPARE(std::get<bool>(parse_value(specs()[2], t)), true);
        for (const char* f : {"false", "0", "no", "off", "False"})
            QCOMPARE(std::get<bool>(parse_value(specs()[2], f)), false);
    }

    void wrongTypeAccessThrows() {
        Params p = parse_params(specs(), {});
        QVERIFY_THROWS_EXCEPTION(ParamError, p.boolean("threads"));
        QVERIFY_THROWS_EXCEPTION(ParamError, p.integer("nope"));
        QCOMPARE(p.real("threads"), 5.0); // an integer reads as a number
    }

    void valueText() {
        QCOMPARE(value_text(ParamValue(std::int64_t(3))), std::string("3"));
        QCOMPARE(value_text(ParamValue(true)), std::string("true"));
        QCOMPARE(value_text(ParamValue(0.25)), std::string("0.25"));
        QCOMPARE(value_text(ParamValue(std::string("x"))), std::string("x"));
    }
};

QTEST_GUILESS_MAIN(TestParams)
#include "tst_params.moc"
