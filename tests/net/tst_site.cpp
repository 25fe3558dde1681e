// The generated site: deterministic from its seed, and its own answer (the
// reachable set, the broken links) agrees with what a real crawl finds.
#include "net/http_client.h"
#include "net/links.h"
#include "net/server.h"
#include "net/site.h"
#include "net/url.h"
#include "run/errors.h"

#include <QtTest>

#include <deque>
#include <filesystem>
#include <fstream>
#include <set>

using namespace il;
using namespace il::net;

namespace {

const std::string kOrigin = "http://127.0.0.1:8080";

// A plain breadth-first crawl with the blocking client: the reference.
struct Crawl {
    std::set<std::string> fetched, missing;
};
Crawl crawl(const std::string& start) {
    Session session;
    HttpClient c(session);
    const Url root = parse_url(start);
    Crawl out;
    std::set<std::string> seen{root.path};
    std::deque<Url> todo{root};
    while (!todo.empty()) {
        Url u = todo.front();
        todo.pop_front();
        ClientResponse r = c.get(u.text());
        if (r.status == 404) {
            out.missing.insert(u.path);
            continue;
        }
        out.fetched.insert(u.path);
        if (r.header("Content-Type").value_or("").find("text/html") == std::string_view::npos)
            continue;
        for (const std::string& href : extract_links(r.body)) {
            auto next = resolve(u, href);
            if (next && next->origin() == root.origin() && seen.insert(next->path).second)
                todo.push_back(*next);
        }
    }
    return out;
}

} // namespace

class TestSite : public QObject {
    Q_OBJECT
private slots:
    void isDeterministic() {
        Site a({30, 5}), b({30, 5}), other({30, 6});
        QCOMPARE(a.paths(), b.paths());
        bool differs = false;
        for (const std::string& p : a.paths()) {
            QCOMPARE(a.render(p, kOrigin), b.render(p, kOrigin));
            differs = differs || a.render(p, kOrigin) != other.render(p, kOrigin);
        }
        QVERIFY(differs);
        QCOMPARE(a.reachable(), b.reachable());
        QCOMPARE(a.broken(), b.broken());
        // Absolute links name the origin it is served at.
        QVERIFY(a.render("/", kOrigin) != a.render("/", "http://127.0.0.1:9090") ||
                a.render("/pages/p1.html", kOrigin) !=
                    a.render("/pages/p1.html", "http://127.0.0.1:9090"));
    }

    void knowsItsReachableSet() {
        Site s({30, 1});
        const auto& r = s.reachable();
        auto has = [&](const std::string& p) {
            return std::find(r.begin(), r.end(), p) != r.end();
        };
        QVERIFY(has("/"));
        QVERIFY(has("/files/data.bin"));
        QVERIFY(has("/deep/level3/page.html")); // only through the chain
        QVERIFY(!has("/pages/orphan.html"));
        QCOMPARE(s.unreachable(), std::vector<std::string>{"/pages/orphan.html"});
        QCOMPARE(r.size(), std::size_t(30 - 1 + 1)); // every page but the orphan, plus the resource
        const std::vector<std::string> broken = {"/missing/m1.html", "/missing/m2.html",
                                                 "/missing/m3.html"};
        QCOMPARE(s.broken(), broken); // the orphan's own broken link is not among them
        QVERIFY(s.external_links() >= 30 / 6 + 1);
        for (const std::string& p : r)
            QVERIFY(s.serves(p));
        QCOMPARE(s.content_type("/files/data.bin"), std::string("application/octet-stream"));
    }

    void smallSitesToo_data() {
        QTest::addColumn<int>("pages");
        for (int p : {1, 2, 5, 9, 10, 57})
            QTest::newRow(std::to_string(p).c_str()) << p;
    }
    void smallSitesToo() {
        QFETCH(int, pages);
        Site s({pages, 3});
        QVERIFY(!s.reachable().empty());
        QVERIFY(!s.broken().empty());
        HttpServer server([&] {
            Router r;
            s.mount(r);
            return r;
        }());
        Crawl c = crawl(server.url("/"));
        QCOMPARE(std::vector<std::string>(c.fetched.begin(), c.fetched.end()), s.reachable());
        QCOMPARE(std::vector<std::string>(c.missing.begin(), c.missing.end()), s.broken());
    }

    void aRealCrawlAgreesWithTheAnswer() {
        Site s({40, 11});
        Router r;
        s.mount(r);
        HttpServer server(std::move(r));
        Crawl c = crawl(server.url("/"));
        QCOMPARE(std::vector<std::string>(c.fetched.begin(), c.fetched.end()), s.reachable());
        QCOMPARE(std::vector<std::string>(c.missing.begin(), c.missing.end()), s.broken());
        // Served bytes are the rendered bytes.
        Session session;
        HttpClient client(session);
        QCOMPARE(client.get(server.url("/pages/p2.html")).body,
                 s.render("/pages/p2.html", server.origin()));
    }

    void writesAFolderForAnyServer() {
        Site s({12, 2});
        const std::string dir = QDir::tempPath().toStdString() + "/interleave-site-test";
        std::filesystem::remove_all(dir);
        s.write_to(dir, kOrigin);
        for (const std::string& p : s.paths()) {
            const std::string file = dir + (p == "/" ? "/index.html" : p);
            std::ifstream in(file, std::ios::binary);
            std::string body((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
            QCOMPARE(body, s.render(p, kOrigin));
        }
        std::filesystem::remove_all(dir);
    }

    void refusesBadSizes() {
        auto throws = [](auto f) {
            try {
                f();
            } catch (const il::ValueError&) {
                return true;
            }
            return false;
        };
        QVERIFY(throws([] { Site(SiteOptions{0, 1}); }));
        QVERIFY(throws([] { Site(SiteOptions{10001, 1}); }));
        QVERIFY(throws([] { Site(SiteOptions{5, 1}).render("/nope", kOrigin); }));
    }
};

QTEST_GUILESS_MAIN(TestSite)
#include "tst_site.moc"
