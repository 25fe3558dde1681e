// URL parsing (http_parser_parse_url), link resolution (RFC 3986) and link
// extraction from HTML: the crawler's building blocks.
#include "net/errors.h"
#include "net/links.h"
#include "net/url.h"

#include <QtTest>

using namespace il::net;

class TestUrl : public QObject {
    Q_OBJECT
private slots:
    void parsesHttpUrls() {
        Url u = parse_url("http://127.0.0.1:8080/a/b.html?x=1#frag");
        QCOMPARE(u.host, std::string("127.0.0.1"));
        QCOMPARE(u.port, std::uint16_t(8080));
        QCOMPARE(u.path, std::string("/a/b.html"));
        QCOMPARE(u.query, std::string("x=1"));
        QCOMPARE(u.target(), std::string("/a/b.html?x=1"));
        QCOMPARE(u.origin(), std::string("http://127.0.0.1:8080"));
        Url d = parse_url("HTTP://LocalHost");
        QCOMPARE(d.host, std::string("localhost"));
        QCOMPARE(d.port, std::uint16_t(80));
        QCOMPARE(d.path, std::string("/"));
        QCOMPARE(d.text(), std::string("http://localhost/"));
        Url v6 = parse_url("http://[::1]:9000/x");
        QCOMPARE(v6.host, std::string("::1"));
        QCOMPARE(v6.authority(), std::string("[::1]:9000"));
    }

    void refusesWhatItCannotFetch_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::newRow("https") << "https://a/"
                               << "http only";
        QTest::newRow("relative") << "a/b"
                                  << "not an absolute URL";
        QTest::newRow("port 0") << "http://a:0/"
                                << "port 0";
        QTest::newRow("empty") << ""
                               << "empty";
    }
    void refusesWhatItCannotFetch() {
        QFETCH(QString, url);
        QFETCH(QString, why);
        try {
            parse_url(url.toStdString());
            QFAIL("no error");
        } catch (const UrlError& e) {
            QVERIFY2(std::string(e.what()).find(why.toStdString()) != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("allowed: http://") != std::string::npos, e.what());
        }
    }

    void resolvesLinks_data() {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("expected"); // empty: not followable
        QTest::newRow("sibling") << "c.html"
                                 << "http://h:1/a/c.html";
        QTest::newRow("dot") << "./c.html"
                             << "http://h:1/a/c.html";
        QTest::newRow("parent") << "../c.html"
                                << "http://h:1/c.html";
        QTest::newRow("too many parents") << "../../../c.html"
                                          << "http://h:1/c.html";
        QTest::newRow("parent dir") << "../"
                                    << "http://h:1/";
        QTest::newRow("root relative") << "/x/y.html"
                                       << "http://h:1/x/y.html";
        QTest::newRow("dots inside") << "/x/./z/../y.html"
                                     << "http://h:1/x/y.html";
        QTest::newRow("absolute") << "http://h:1/q"
                                  << "http://h:1/q";
        QTest::newRow("other host") << "http://example.com/q"
                                    << "http://example.com/q";
        QTest::newRow("scheme relative") << "//other:5/p"
                                         << "http://other:5/p";
        QTest::newRow("fragment dropped") << "c.html#sec"
                                          << "http://h:1/a/c.html";
        QTest::newRow("fragment only") << "#top"
                                       << "http://h:1/a/b.html";
        QTest::newRow("query") << "c.html?k=v"
                               << "http://h:1/a/c.html?k=v";
        QTest::newRow("query only") << "?k=v"
                                    << "http://h:1/a/b.html?k=v";
        QTest::newRow("spaces around") << "  c.html "
                                       << "http://h:1/a/c.html";
        QTest::newRow("mailto") << "mailto:x@y"
                                << "";
        QTest::newRow("https") << "https://h:1/"
                               << "";
        QTest::newRow("javascript") << "javascript:void(0)"
                                    << "";
    }
    void resolvesLinks() {
        QFETCH(QString, ref);
        QFETCH(QString, expected);
        const Url base = parse_url("http://h:1/a/b.html");
        auto u = resolve(base, ref.toStdString());
        QCOMPARE(u ? QString::fromStdString(u->text()) : QString(), expected);
    }

    void extractsLinks() {
        const std::string html = "<html><a href=\"one.html\">1</a> <A HREF='two.html'>2</A>"
                                 "<a class=x href=three.html>3</a><a name=\"n\">no href</a>"
                                 "<!-- <a href=\"hidden.html\"> --><area href=\"no.html\">"
                                 "<a\nhref = \"four.html?a=1&amp;b=2\">4</a><abbr href=\"no2\">";
        const std::vector<std::string> expect = {"one.html", "two.html", "three.html",
                                                 "four.html?a=1&b=2"};
        QCOMPARE(extract_links(html), expect);
        QVERIFY(extract_links("").empty());
        QVERIFY(extract_links("<a href=\"unterminated").empty());
    }
};

QTEST_GUILESS_MAIN(TestUrl)
#include "tst_url.moc"
