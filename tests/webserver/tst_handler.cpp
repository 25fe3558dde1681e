// The web server's one handler, without a server: every route's answer,
// parameters out of range refused with a message naming what is allowed,
// the bodies the load generator checks against, and the route list.
#include "webserver/handler.h"

#include <QtTest>

using namespace il;
using namespace il::webserver;

namespace {

net::Request get(const std::string& target) {
    net::Request q;
    q.method = "GET";
    q.target = target;
    const auto at = target.find('?');
    q.path = target.substr(0, at);
    q.query = at == std::string::npos ? "" : target.substr(at + 1);
    return q;
}

std::string body_of(const net::Response& r) {
    std::string s(r.body->size(), '\0');
    r.body->read(0, s.data(), s.size());
    return s;
}

} // namespace

class TestHandler : public QObject {
    Q_OBJECT
private slots:
    void routesAnswerWhatExpectedBodySays_data() {
        QTest::addColumn<QString>("target");
        QTest::newRow("index") << "/";
        QTest::newRow("hello") << "/hello";
        QTest::newRow("work") << "/work?ms=1";
        QTest::newRow("work, other parameters too") << "/work?x=1&ms=0&y";
        QTest::newRow("sleep") << "/sleep?ms=7";
        QTest::newRow("file") << "/file/1234";
        QTest::newRow("empty file") << "/file/0";
    }
    void routesAnswerWhatExpectedBodySays() {
        QFETCH(QString, target);
        const std::string t = target.toStdString();
        const net::Router router = make_router();
        const net::Response r = router.handle(get(t));
        QCOMPARE(r.status, 200);
        const auto want = expected_body(t);
        QVERIFY(want);
        QVERIFY(body_of(r) == *want);
    }

    void sleepIsADelayNotABlockedHandler() {
        const net::Response r = make_router().handle(get("/sleep?ms=250"));
        QCOMPARE(r.delay, std::chrono::nanoseconds(std::chrono::milliseconds(250)));
        QCOMPARE(body_of(r), std::string("slept 250 ms\n"));
        QCOMPARE(make_router().handle(get("/hello")).delay, std::chrono::nanoseconds(0));
    }

    void badParametersAreRefused_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("named");
        QTest::newRow("work without ms") << "/work"
                                         << "0..1000";
        QTest::newRow("work too long") << "/work?ms=1001"
                                       << "0..1000";
        QTest::newRow("work not a number") << "/work?ms=fast"
                                           << "0..1000";
        QTest::newRow("negative sleep") << "/sleep?ms=-1"
                                        << "0..10000";
        QTest::newRow("sleep too long") << "/sleep?ms=10001"
                                        << "0..10000";
        QTest::newRow("file not a number") << "/file/big"
                                           << "/file/N";
        QTest::newRow("file too big") << "/file/67108865"
                                      << "67108864";
    }
    void badParametersAreRefused() {
        QFETCH(QString, target);
        QFETCH(QString, named);
        const std::string t = target.toStdString();
        const net::Response r = make_router().handle(get(t));
        QCOMPARE(r.status, 400);
        QVERIFY2(body_of(r).find(named.toStdString()) != std::string::npos, body_of(r).c_str());
        QVERIFY(!expected_body(t));
    }

    void unknownPathsAndMethods() {
        QCOMPARE(make_router().handle(get("/nothing")).status, 404);
        QVERIFY(!expected_body("/nothing"));
        net::Request post = get("/hello");
        post.method = "POST";
        QCOMPARE(make_router().handle(post).status, 405);
    }

    void theLoadGeneratorsTargets() {
        QCOMPARE(work_target(false, 0), std::string("/hello"));
        QCOMPARE(work_target(true, 0), std::string("/hello"));
        QCOMPARE(work_target(false, 5), std::string("/sleep?ms=5"));
        QCOMPARE(work_target(true, 5), std::string("/work?ms=5"));
    }

    void theRouteListNamesEveryRoute() {
        const std::string help = route_help();
        for (const char* r : {"GET /hello", "GET /work?ms=N", "GET /sleep?ms=N", "GET /file/N"})
            QVERIFY2(help.find(r) != std::string::npos, r);
        QVERIFY(expected_body("/")->find("/sleep?ms=N") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestHandler)
#include "tst_handler.moc"
