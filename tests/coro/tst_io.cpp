// coro::io: awaiting asio operations (a loopback socket pair, a timer) from
// tasks: results, errors, the recorded Io wait, and cancellation reaching
// the operation (Task.cancel, wait_for, session stop).
#ifndef Q_MOC_RUN // moc cannot parse asio and <concepts>
#include "coro/coro.h"
#include "coro/coro_test_util.h"
#include "run/errors.h"
#endif

#include <QtTest>

#include <array>
#include <string>

using namespace il;
using namespace coro_test;
using asio::ip::tcp;
using trace::WaitReason;
using trace::WaitResult;

namespace {

struct Pair {
    tcp::socket a, b;
    explicit Pair(asio::io_context& ctx) : a(ctx), b(ctx) {
        tcp::acceptor acc(ctx, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        a.connect(acc.local_endpoint());
        acc.accept(b);
    }
};

} // namespace

class TestIo : public QObject {
    Q_OBJECT
private slots:
    void readWriteOverLoopback() {
        Session s;
        coro::Loop loop(s);
        Pair p(loop.context());
        ObjectId sa = s.registry().add_object(trace::ObjectKind::Socket, "a");
        ObjectId sb = s.registry().add_object(trace::ObjectKind::Socket, "b");
        auto reader = [&]() -> coro::Task<std::string> {
            std::array<char, 16> buf{};
            std::size_t n = co_await asio::async_read(p.b, asio::buffer(buf, 5), coro::io(sb));
            co_return std::string(buf.data(), n);
        };
        auto writer = [&]() -> coro::Task<std::size_t> {
            co_await coro::sleep(5ms);
            co_return co_await asio::async_write(p.a, asio::buffer(std::string("hello")),
                                                 coro::io(sa));
        };
        auto main = [&]() -> coro::Task<std::string> {
            auto [text, sent] =
                co_await coro::gather(reader().named("reader"), writer().named("writer"));
            CO_CHECK(sent == 5);
            co_return text;
        };
        QCOMPARE(loop.run(main()), std::string("hello"));
        auto snap = s.recorder().snapshot();
        LaneId r = lane_named(snap, "reader");
        QCOMPARE(lane_kinds(snap, r, sb), (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        auto begins = of(snap, Kind::WaitBegin, sb, r);
        QCOMPARE(begins[0].c, u16(WaitReason::Io));
        QCOMPARE(of(snap, Kind::WaitEnd, sb, r)[0].c, u16(WaitResult::Ok));
    }

    void acceptAndConnect() {
        Session s;
        coro::Loop loop(s);
        tcp::acceptor acc(loop.context(), tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        ObjectId lid = s.registry().add_object(trace::ObjectKind::Socket, "listen");
        auto server = [&]() -> coro::Task<std::string> {
            tcp::socket peer = co_await acc.async_accept(coro::io(lid));
            std::array<char, 2> buf{};
            co_await asio::async_read(peer, asio::buffer(buf), coro::io(lid));
            co_return std::string(buf.data(), 2);
        };
        auto client = [&]() -> coro::Task<void> {
            tcp::socket c(loop.context());
            std::array<tcp::endpoint, 1> eps{acc.local_endpoint()};
            co_await asio::async_connect(c, eps, coro::io());
            co_await asio::async_write(c, asio::buffer(std::string("hi")), coro::io());
        };
        auto main = [&]() -> coro::Task<std::string> {
            auto [got, none] = co_await coro::gather(server(), client());
            (void)none;
            co_return got;
        };
        QCOMPARE(loop.run(main()), std::string("hi"));
    }

    void errorsRaiseOrReturn() {
        Session s;
        coro::Loop loop(s);
        Pair p(loop.context());
        auto main = [&]() -> coro::Task<int> {
            p.a.close(); // the peer hangs up: reads see EOF
            std::array<char, 4> buf{};
            auto [ec, n] = co_await p.b.async_read_some(asio::buffer(buf), coro::io_nothrow());
            CO_CHECK(ec == asio::error::eof);
            CO_CHECK(n == 0);
            try {
                co_await p.b.async_read_some(asio::buffer(buf), coro::io());
            } catch (const std::system_error& e) {
                CO_CHECK(e.code() == asio::error::eof);
                co_return 1;
            }
            co_return 0;
        };
        QCOMPARE(loop.run(main()), 1);
    }

    void cancelReachesTheOperation() {
        Session s;
        coro::Loop loop(s);
        Pair p(loop.context());
        ObjectId sb = s.registry().add_object(trace::ObjectKind::Socket, "b");
        auto reader = [&]() -> coro::Task<int> {
            std::array<char, 4> buf{};
            try {
                co_await p.b.async_read_some(asio::buffer(buf), coro::io(sb)); // nobody writes
            } catch (const CancelledError&) {
                co_return -1; // cleanup ran at the await
            }
            co_return 0;
        };
        auto main = [&]() -> coro::Task<int> {
            auto t = coro::create_task(reader().named("reader"));
            co_await coro::sleep(2ms);
            CO_CHECK(t.cancel());
            co_return co_await t;
        };
        QCOMPARE(loop.run(main()), -1);
        auto snap = s.recorder().snapshot();
        auto ends = of(snap, Kind::WaitEnd, sb);
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(WaitResult::Cancelled));
    }

    void waitForTimesOutAnIo() {
        Session s;
        coro::Loop loop(s);
        Pair p(loop.context());
        ObjectId sb = s.registry().add_object(trace::ObjectKind::Socket, "b");
        auto main = [&]() -> coro::Task<bool> {
            std::array<char, 4> buf{};
            try {
                co_await coro::wait_for(p.b.async_read_some(asio::buffer(buf), coro::io(sb)), 5ms);
            } catch (const TimeoutError&) {
                co_return true;
            }
            co_return false;
        };
        QVERIFY(loop.run(main()));
        auto ends = of(s.recorder().snapshot(), Kind::WaitEnd, sb);
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(WaitResult::Timeout));
    }

    void timerThroughTheToken() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<void> {
            asio::steady_timer t(loop.context(), 1ms);
            co_await t.async_wait(coro::io());
        };
        loop.run(main());
        QCOMPARE(of(s.recorder().snapshot(), Kind::WaitBegin).size() >= 1, true);
    }

    void sessionStopEndsAnIoWait() {
        Session s;
        coro::Loop loop(s);
        Pair p(loop.context());
        auto main = [&]() -> coro::Task<void> {
            std::array<char, 4> buf{};
            co_await p.b.async_read_some(asio::buffer(buf), coro::io());
        };
        std::thread stopper([&] {
            std::this_thread::sleep_for(20ms);
            s.request_stop();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, loop.run(main()));
        stopper.join();
    }
};

QTEST_GUILESS_MAIN(TestIo)
#include "tst_io.moc"
