// The data processor: its pure core (word rules, binary and unreadable
// files, merging, top-N, the wire format, the corpus) and the scenario run
// for real with small parameters.
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "wordcount/codec.h"
#include "wordcount/corpus.h"
#include "wordcount/count.h"
#include "wordcount/list_files.h"
#include "wordcount/temp_dir.h"
#include "wordcount/top.h"

#include <QtTest>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <csignal>
#include <unistd.h>

using namespace il;
using namespace il::wordcount;
namespace fs = std::filesystem;

namespace {

void writeFile(const std::string& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), std::streamsize(content.size()));
}

scenario::RunResult runScenario(const std::vector<std::string>& assignments,
                                std::stop_token stop = {}) {
    const scenario::Scenario* s = scenario::find_scenario("data-processor");
    if (!s)
        throw std::runtime_error("no scenario data-processor");
    scenario::RunOptions o;
    o.timeout = std::chrono::seconds(60);
    o.stop = stop;
    return scenario::run_scenario(*s, scenario::parse_params(s->info().params, assignments), o);
}

WordCounts countOf(std::string text) {
    WordCounts w;
    count_text(text.data(), text.size(), w);
    return w;
}

// Generated corpora still in $TMPDIR.
std::size_t corporaLeft() {
    const char* base = std::getenv("TMPDIR");
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(base && *base ? base : "/tmp"))
        n += e.path().filename().string().rfind("interleave-corpus-", 0) == 0;
    return n;
}

// Every file of a folder, read in one go and concatenated: the counts must
// not depend on where reads split the text.
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

class TestDataProcessor : public QObject {
    Q_OBJECT
private slots:
    void wordRules_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("words"); // "word=count"
        QTest::newRow("empty") << QByteArray() << QStringList{};
        QTest::newRow("only separators") << QByteArray(" ,.;\n\t-") << QStringList{};
        QTest::newRow("lower-cased") << QByteArray("The the THE tHe") << QStringList{"the=4"};
        QTest::newRow("digits belong")
            << QByteArray("abc123 123 x86-64") << QStringList{"abc123=1", "123=1", "x86=1", "64=1"};
        QTest::newRow("apostrophe splits") << QByteArray("don't") << QStringList{"don=1", "t=1"};
        QTest::newRow("underscore splits")
            << QByteArray("snake_case") << QStringList{"snake=1", "case=1"};
        QTest::newRow("utf-8 splits")
            << QByteArray("caf\xc3\xa9 na\xc3\xafve") << QStringList{"caf=1", "na=1", "ve=1"};
        QTest::newRow("edges") << QByteArray("a") << QStringList{"a=1"};
        QTest::newRow("newlines") << QByteArray("one\ntwo\r\none") << QStringList{"one=2", "two=1"};
    }
    void wordRules() {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, words);
        WordCounts w = countOf(text.toStdString());
        std::int64_t total = 0;
        for (const QString& entry : words) {
            const QStringList kv = entry.split('=');
            QCOMPARE(w.count(kv[0].toStdString()), kv[1].toLongLong());
            total += kv[1].toLongLong();
        }
        QCOMPARE(w.total(), total);
        QCOMPARE(w.distinct(), std::size_t(words.size()));
    }

    void tableGrowsAndMerges() {
        WordCounts a, b;
        for (int i = 0; i < 5000; ++i)
            a.add("w" + std::to_string(i), i + 1);
        for (int i = 2500; i < 7500; ++i)
            b.add("w" + std::to_string(i));
        QCOMPARE(a.distinct(), std::size_t(5000));
        QCOMPARE(a.count("w4999"), std::int64_t(5000));
        QCOMPARE(a.count("nope"), std::int64_t(0));
        WordCounts ab = a, ba = b;
        ab.merge(b);
        ba.merge(a);
        QVERIFY(ab == ba); // order of merging does not matter
        QCOMPARE(ab.distinct(), std::size_t(7500));
        QCOMPARE(ab.count("w3000"), std::int64_t(3002));
        QCOMPARE(ab.count("w7000"), std::int64_t(1));
        QVERIFY(!(ab == a));
    }

    void topBreaksTiesByWord() {
        WordCounts w = countOf("b a c b a d d e");
        const std::vector<WordCount> top = top_words(w, 3);
        QCOMPARE(top, (std::vector<WordCount>{{"a", 2}, {"b", 2}, {"d", 2}}));
        QCOMPARE(top_words(w, 100).size(), std::size_t(5));
        QCOMPARE(top_words(w, 100).back(), (WordCount{"e", 1}));
        QVERIFY(top_words(WordCounts{}, 10).empty());
    }

    void filesBinaryEmptyAndUnreadable() {
        TempDir dir("tst-dp");
        const std::string d = dir.path();
        writeFile(d + "/a.txt", "Hello, hello WORLD\n");
        writeFile(d + "/empty.txt", "");
        std::string bin = "text at first";
        bin += '\0';
        bin += "hello hidden";
        writeFile(d + "/image.bin", bin);
        // A NUL after the probe window does not make a file binary.
        std::string late(kBinaryProbe + 10, ' ');
        late += "late";
        late[kBinaryProbe + 2] = '\0';
        writeFile(d + "/late.txt", late);
        fs::create_directory(d + "/folder.txt");             // a folder named like a file
        fs::create_symlink(d + "/missing", d + "/dangling"); // a link to nothing
        writeFile(d + "/folder.txt/inner.txt", "hello");

        const Listing listing = list_files(d);
        QCOMPARE(listing.files,
                 (std::vector<std::string>{d + "/a.txt", d + "/dangling", d + "/empty.txt",
                                           d + "/folder.txt/inner.txt", d + "/image.bin",
                                           d + "/late.txt"}));
        QVERIFY(listing.failed.empty());

        std::vector<std::string> paths = listing.files;
        paths.push_back(d + "/folder.txt"); // asked for directly: unreadable
        const CountResult r = count_files(paths);
        QCOMPARE(r.files_read, std::int64_t(4)); // a, empty, inner, late
        QCOMPARE(r.words.count("hello"), std::int64_t(3));
        QCOMPARE(r.words.count("world"), std::int64_t(1));
        QCOMPARE(r.words.count("late"), std::int64_t(1));
        QCOMPARE(r.words.count("hidden"), std::int64_t(0));
        QCOMPARE(r.skipped, (std::vector<std::string>{d + "/image.bin"}));
        QCOMPARE(r.failed.size(), std::size_t(2));
        QCOMPARE(r.failed[0].path, d + "/dangling");
        QCOMPARE(QString::fromStdString(r.failed[0].reason), QString("No such file or directory"));
        QCOMPARE(r.failed[1].path, d + "/folder.txt");
        QCOMPARE(QString::fromStdString(r.failed[1].reason), QString("Is a directory"));
        QCOMPARE(r.bytes, std::int64_t(19 + 0 + 5 + late.size()));
    }

    void permissionDenied() {
        if (::geteuid() == 0)
            QSKIP("running as root: chmod 000 does not stop root from reading");
        TempDir dir("tst-dp");
        writeFile(dir.path() + "/secret.txt", "hidden");
        fs::permissions(dir.path() + "/secret.txt", fs::perms::none);
        const CountResult r = count_files({dir.path() + "/secret.txt"});
        QCOMPARE(r.failed.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(r.failed[0].reason), QString("Permission denied"));
    }

    void missingFolderIsAClearError() {
        QVERIFY_THROWS_EXCEPTION(NotAFolder, list_files("/nonexistent/interleave"));
        TempDir dir("tst-dp");
        writeFile(dir.path() + "/f", "x");
        try {
            list_files(dir.path() + "/f");
            QFAIL("a file is not a folder");
        } catch (const NotAFolder& e) {
            QVERIFY(std::string(e.what()).find("is not a folder") != std::string::npos);
        }
    }

    void chunksCoverEveryFileOnce() {
        std::vector<std::string> files{"a", "b", "c", "d", "e"};
        auto c = chunks_of(files, 2);
        QCOMPARE(c.size(), std::size_t(3));
        QCOMPARE(c[2], std::vector<std::string>{"e"});
        QCOMPARE(chunks_of(files, 10).size(), std::size_t(1));
        QVERIFY(chunks_of({}, 3).empty());
    }

    void codecRoundTripsAndRejectsGarbage() {
        CountResult r;
        r.words = countOf("alpha beta beta gamma");
        r.files_read = 3;
        r.bytes = 12345;
        r.skipped = {"/x/y.bin"};
        r.failed = {{"/x/z", "Permission denied"}};
        const std::string bytes = encode_result(r);
        const CountResult back = decode_result(bytes);
        QVERIFY(back.words == r.words);
        QCOMPARE(back.files_read, r.files_read);
        QCOMPARE(back.bytes, r.bytes);
        QCOMPARE(back.skipped, r.skipped);
        QCOMPARE(back.failed, r.failed);
        for (std::size_t cut : {std::size_t(0), std::size_t(7), bytes.size() - 1})
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, decode_result(bytes.substr(0, cut)));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, decode_result(bytes + "x"));
        std::string huge(8, '\xff'); // a count no message could hold
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, decode_paths(huge));
        const std::vector<std::string> paths{"/a", "", "/b c"};
        QCOMPARE(decode_paths(encode_paths(paths)), paths);
    }

    void corpusIsDeterministicAndZipfLike() {
        TempCorpus a = make_temp_corpus(7, 300'000);
        TempCorpus b = make_temp_corpus(7, 300'000);
        TempCorpus c = make_temp_corpus(8, 300'000);
        QVERIFY(a.folder() != b.folder());
        QCOMPARE(a.files.files.size(), b.files.files.size());
        QVERIFY(a.files.files.size() >= 20); // about 64 files at any size
        QVERIFY(a.files.bytes >= 300'000 && a.files.bytes < 310'000);
        for (std::size_t i = 0; i < a.files.files.size(); ++i) {
            QCOMPARE(fs::path(a.files.files[i]).filename(), fs::path(b.files.files[i]).filename());
            QVERIFY(slurp(a.files.files[i]) == slurp(b.files.files[i]));
            QCOMPARE(std::uint64_t(fs::file_size(a.files.files[i])),
                     std::uint64_t(slurp(a.files.files[i]).size()));
        }
        QVERIFY(slurp(a.files.files[0]) != slurp(c.files.files[0]));
        QCOMPARE(list_files(a.folder()).files, a.files.files); // no ".part" left behind

        const CountResult r = count_files(a.files.files);
        QCOMPARE(r.bytes, std::int64_t(a.files.bytes));
        QVERIFY(r.skipped.empty() && r.failed.empty());
        const std::vector<WordCount> top = top_words(r.words, 3);
        QCOMPARE(top[0].word, std::string("the")); // rank 1 of the law
        // Zipf: the top word is far more common than the 100th.
        QVERIFY(top[0].count > 20 * top_words(r.words, 100).back().count);

        // Counting all at once == counting chunks and merging.
        CountResult merged;
        for (const auto& chunk : chunks_of(a.files.files, 5))
            merged.merge(count_files(chunk));
        QVERIFY(merged.words == r.words);
        QCOMPARE(merged.bytes, r.bytes);
        // And == counting the concatenated text in one buffer.
        std::string all;
        for (const std::string& f : a.files.files)
            all += slurp(f) + "\n";
        QVERIFY(countOf(all) == r.words);

        const std::string gone = a.folder();
        { TempCorpus moved = std::move(a); }
        QVERIFY(!fs::exists(gone));
    }

    void longWordsCrossReadBlocks() {
        TempDir dir("tst-dp");
        // A word longer than the reader's block, and words straddling blocks.
        std::string text(3 << 20, 'x');
        text[1 << 20] = ' ';
        text += " end";
        writeFile(dir.path() + "/long.txt", text);
        const CountResult r = count_files({dir.path() + "/long.txt"});
        QCOMPARE(r.words.total(), std::int64_t(3));
        QCOMPARE(r.words.count(std::string(1 << 20, 'x')), std::int64_t(1));
        QCOMPARE(r.words.count(std::string((3 << 20) - (1 << 20) - 1, 'x')), std::int64_t(1));
        QCOMPARE(r.words.count("end"), std::int64_t(1));
    }

    void scenarioOnAGeneratedCorpus() {
        scenario::RunResult r =
            runScenario({"size_mb=0.5", "seed=3", "workers=2", "chunksize=3", "top=5"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.status, scenario::RunStatus::Finished);
        const auto& v = r.outcome.values;
        QVERIFY(v.at("matches_single_process").get<bool>());
        QCOMPARE(v.at("top").size(), std::size_t(5));
        QCOMPARE(v.at("top")[0].at("word").get<std::string>(), std::string("the"));
        QVERIFY(v.at("files_read").get<std::int64_t>() >= 20);
        QCOMPARE(v.at("files").get<std::int64_t>(), v.at("files_read").get<std::int64_t>());
        QVERIFY(v.at("bytes").get<std::int64_t>() >= 500'000);
        QVERIFY(v.at("skipped_binary").empty() && v.at("failed").empty());
        QCOMPARE(v.at("workers_started").get<std::int64_t>(), std::int64_t(2));
        QVERIFY(v.at("mb_per_s").get<double>() > 0);
        // The message names the top words with their counts.
        const std::string top0 = v.at("top")[0].at("word").get<std::string>() + " " +
                                 std::to_string(v.at("top")[0].at("count").get<std::int64_t>());
        QVERIFY2(r.outcome.message.find(top0) != std::string::npos, r.outcome.message.c_str());
        // The same seed gives the same counts.
        scenario::RunResult again =
            runScenario({"size_mb=0.5", "seed=3", "workers=1", "chunksize=100", "top=5"});
        QCOMPARE(again.outcome.values.at("top"), v.at("top"));
        // Workers are process lanes; each chunk ran on one of them.
        std::size_t processes = 0;
        for (const trace::LaneInfo& l : r.trace.lanes)
            processes += l.kind == trace::LaneKind::Process;
        QCOMPARE(processes, std::size_t(2));
    }

    void scenarioOnAFolderWithBadFiles() {
        TempDir dir("tst-dp");
        const std::string d = dir.path();
        writeFile(d + "/one.txt", "Apple banana apple. APPLE!");
        writeFile(d + "/two.txt", "banana cherry 42");
        writeFile(d + "/blob.bin", std::string("PK\0\3 apple", 10));
        fs::create_symlink(d + "/gone", d + "/broken-link");
        fs::create_directory(d + "/sub");
        writeFile(d + "/sub/three.txt", "cherry apple");
        scenario::RunResult r = runScenario({"input=" + d, "workers=2", "chunksize=1", "top=3"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto& v = r.outcome.values;
        QCOMPARE(v.at("files_read").get<std::int64_t>(), std::int64_t(3));
        QCOMPARE(v.at("skipped_binary").size(), std::size_t(1));
        QCOMPARE(v.at("skipped_binary")[0].get<std::string>(), d + "/blob.bin");
        QCOMPARE(v.at("failed").size(), std::size_t(1));
        QCOMPARE(v.at("failed")[0].at("path").get<std::string>(), d + "/broken-link");
        QCOMPARE(v.at("failed")[0].at("reason").get<std::string>(),
                 std::string("No such file or directory"));
        QCOMPARE(v.at("top")[0].at("word").get<std::string>(), std::string("apple"));
        QCOMPARE(v.at("top")[0].at("count").get<std::int64_t>(), std::int64_t(4));
        QCOMPARE(v.at("top")[1].at("word").get<std::string>(), std::string("banana"));
        QCOMPARE(v.at("top")[2].at("word").get<std::string>(), std::string("cherry"));
        QVERIFY2(r.outcome.message.find("apple 4") != std::string::npos, r.outcome.message.c_str());
        QVERIFY2(r.outcome.message.find("1 skipped (binary), 1 unreadable") != std::string::npos,
                 r.outcome.message.c_str());
    }

    void scenarioInputMustBeAFolder() {
        for (const std::string bad : {"/nonexistent/interleave-input", "/etc/passwd"}) {
            scenario::RunResult r = runScenario({"input=" + bad});
            QCOMPARE(r.status, scenario::RunStatus::Failed);
            QVERIFY2(r.error.find("parameter 'input'") != std::string::npos, r.error.c_str());
            QVERIFY2(r.error.find(bad) != std::string::npos, r.error.c_str());
        }
        TempDir empty("tst-dp");
        scenario::RunResult r = runScenario({"input=" + empty.path()});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str()); // nothing to count is not an error
        QCOMPARE(r.outcome.values.at("files").get<std::int64_t>(), std::int64_t(0));
    }

    void stoppedRunLeavesNothingBehind_data() {
        QTest::addColumn<int>("after_ms");
        QTest::newRow("while generating") << 5;
        QTest::newRow("while counting") << 150;
    }
    void stoppedRunLeavesNothingBehind() {
        QFETCH(int, after_ms);
        const std::size_t before = corporaLeft();
        std::stop_source stop;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(after_ms));
            stop.request_stop();
        });
        const auto t0 = std::chrono::steady_clock::now();
        scenario::RunResult r =
            runScenario({"size_mb=20", "workers=2", "chunksize=1"}, stop.get_token());
        stopper.join();
        qInfo("run status: %s", std::string(scenario::run_status_name(r.status)).c_str());
        // Either it was stopped, or (a very fast machine) it finished first.
        QVERIFY2(r.status == scenario::RunStatus::Stopped ||
                     r.status == scenario::RunStatus::Finished,
                 std::string(scenario::run_status_name(r.status)).c_str());
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20)); // no hang
        QCOMPARE(corporaLeft(), before);
        for (const trace::LaneInfo& l : r.trace.lanes)
            if (l.kind == trace::LaneKind::Process && l.pid > 0)
                QVERIFY(::kill(l.pid, 0) != 0); // reaped
    }
};

QTEST_GUILESS_MAIN(TestDataProcessor)
#include "tst_data_processor.moc"
