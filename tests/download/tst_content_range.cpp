// The header parsers the downloader trusts any server's replies to:
// Content-Range, Accept-Ranges, Content-Length; and the SHA-256 helpers
// against published test vectors.
#include "download/content_range.h"
#include "download/sha256.h"
#include "run/errors.h"

#include <QtTest>

using namespace il;
using namespace il::download;
using Kind = ContentRange::Kind;

class TestContentRange : public QObject {
    Q_OBJECT
private slots:
    void parsesRanges_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint64>("first");
        QTest::addColumn<quint64>("last");
        QTest::addColumn<qint64>("total"); // -1: "*"
        QTest::newRow("plain") << "bytes 0-99/1000" << 0ull << 99ull << 1000ll;
        QTest::newRow("one byte") << "bytes 0-0/1" << 0ull << 0ull << 1ll;
        QTest::newRow("last byte") << "bytes 999-999/1000" << 999ull << 999ull << 1000ll;
        QTest::newRow("unknown total") << "bytes 10-19/*" << 10ull << 19ull << -1ll;
        QTest::newRow("upper-case unit") << "BYTES 5-6/7" << 5ull << 6ull << 7ll;
        QTest::newRow("spaces around") << "  bytes\t1-2/3 " << 1ull << 2ull << 3ll;
        QTest::newRow("huge") << "bytes 0-18446744073709551614/18446744073709551615" << 0ull
                              << 18446744073709551614ull << -2ll;
    }
    void parsesRanges() {
        QFETCH(QString, text);
        QFETCH(quint64, first);
        QFETCH(quint64, last);
        QFETCH(qint64, total);
        const auto r = parse_content_range(text.toStdString());
        QVERIFY(r);
        QCOMPARE(r->kind, Kind::Range);
        QCOMPARE(r->first, first);
        QCOMPARE(r->last, last);
        QCOMPARE(r->length(), last - first + 1);
        if (total == -1)
            QVERIFY(!r->total);
        else if (total == -2)
            QCOMPARE(*r->total, 18446744073709551615ull);
        else
            QCOMPARE(*r->total, static_cast<std::uint64_t>(total));
    }

    void parsesUnsatisfiable() {
        const auto r = parse_content_range("bytes */1000");
        QVERIFY(r);
        QCOMPARE(r->kind, Kind::Unsatisfiable);
        QCOMPARE(*r->total, 1000u);
        QVERIFY(parse_content_range("bytes */0"));
        QVERIFY(!parse_content_range("bytes */*")); // says nothing
    }

    void rejectsMalformed_data() {
        QTest::addColumn<QString>("text");
        for (const char* bad : {"",
                                "bytes",
                                "bytes ",
                                "bytes 0-99",
                                "bytes 0-99/",
                                "bytes -99/1000",
                                "bytes 0-/1000",
                                "bytes 99-0/1000",
                                "bytes 0-1000/1000",
                                "bytes 0-99/99",
                                "items 0-99/1000",
                                "bytes0-99/1000",
                                "bytes 0-99/1000x",
                                "bytes +0-99/1000",
                                "bytes 0 -99/1000",
                                "bytes 0-99/-1",
                                "bytes a-b/c",
                                "bytes 0-99,100-199/1000",
                                "bytes 0-18446744073709551616/*",
                                "bytes 0x1-2/3"})
            QTest::newRow(bad) << QString(bad);
    }
    void rejectsMalformed() {
        QFETCH(QString, text);
        QVERIFY2(!parse_content_range(text.toStdString()), qPrintable(text));
    }

    void readsAcceptRanges() {
        QVERIFY(accepts_byte_ranges({{"Accept-Ranges", "bytes"}}));
        QVERIFY(accepts_byte_ranges({{"accept-ranges", " Bytes "}}));
        QVERIFY(accepts_byte_ranges({{"Accept-Ranges", "pages, bytes"}}));
        QVERIFY(accepts_byte_ranges(
            {{"X", "y"}, {"Accept-Ranges", "none"}, {"Accept-Ranges", "bytes"}}));
        QVERIFY(!accepts_byte_ranges({{"Accept-Ranges", "none"}}));
        QVERIFY(!accepts_byte_ranges({{"Accept-Ranges", "bytesx"}}));
        QVERIFY(!accepts_byte_ranges({}));
    }

    void readsContentLength() {
        QCOMPARE(content_length({{"Content-Length", "1234"}}), std::optional<std::uint64_t>(1234));
        QCOMPARE(content_length({{"content-length", " 0 "}}), std::optional<std::uint64_t>(0));
        QCOMPARE(content_length({{"Content-Length", "5, 5"}}), std::optional<std::uint64_t>(5));
        QCOMPARE(content_length({{"Content-Length", "5"}, {"Content-Length", "5"}}),
                 std::optional<std::uint64_t>(5));
        QVERIFY(!content_length({}));
        QVERIFY(!content_length({{"Content-Length", "5, 6"}}));
        QVERIFY(!content_length({{"Content-Length", "5"}, {"Content-Length", "6"}}));
        QVERIFY(!content_length({{"Content-Length", "-1"}}));
        QVERIFY(!content_length({{"Content-Length", "12a"}}));
        QVERIFY(!content_length({{"Content-Length", ""}}));
        QVERIFY(!content_length({{"Content-Length", "99999999999999999999999"}}));
    }

    void sha256MatchesTestVectors() {
        // FIPS 180-2 examples.
        QCOMPARE(sha256_hex(""),
                 std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256_hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        Sha256 h; // the same, piece by piece
        h.update("a");
        h.update("");
        h.update("bc");
        QCOMPARE(h.hex_digest(), sha256_hex("abc"));
        QCOMPARE(h.hex_digest(), sha256_hex("")); // starts over
        const std::string million(1000000, 'a');
        QCOMPARE(sha256_hex(million),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void sha256OfBodyReadsTheGenerator() {
        net::GeneratedBody body(3 * 1024 * 1024 + 5, 9);
        std::string bytes(body.size(), '\0');
        body.read(0, bytes.data(), bytes.size());
        QCOMPARE(sha256_of_body(body), sha256_hex(bytes));
        QVERIFY(is_sha256_hex(sha256_of_body(body)));
        QVERIFY(is_sha256_hex(std::string(64, 'F')));
        QVERIFY(!is_sha256_hex(std::string(63, 'a')));
        QVERIFY(!is_sha256_hex(std::string(63, 'a') + "g"));
        std::stop_source stop;
        stop.request_stop();
        bool cancelled = false;
        try {
            sha256_of_body(body, stop.get_token());
        } catch (const il::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
    }
};

QTEST_GUILESS_MAIN(TestContentRange)
#include "tst_content_range.moc"
