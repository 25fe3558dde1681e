// Saved runs are read without trusting a size in them: a count or length that
// claims gigabytes is refused before anything that large is allocated. What
// tests/runfile/tst_runfile_damage.cpp checks (each known count field made
// wrong, truncation, checksum) is not repeated; this suite adds the memory
// bound, measured: every 4- and 8-byte position of a real file is set to huge,
// past-the-end and wrapping values (with and without the checksum redone, so
// the damage reaches every check), and the largest single allocation the
// reader makes is recorded by this executable's operator new. A file on disk
// larger than a run can be is refused from its size, without reading it.
#include "runfile/runfile_fixture.h"

#include "common/resources.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <fcntl.h>
#include <new>
#include <unistd.h>

// ---- the allocation probe: the largest request while armed ----
namespace {
std::atomic<bool> g_armed{false};
std::atomic<std::size_t> g_largest{0};

void* allocate(std::size_t n) {
    if (g_armed.load(std::memory_order_relaxed)) {
        std::size_t was = g_largest.load(std::memory_order_relaxed);
        while (n > was && !g_largest.compare_exchange_weak(was, n)) {
        }
    }
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
} // namespace

void* operator new(std::size_t n) {
    return allocate(n);
}
void* operator new[](std::size_t n) {
    return allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}

using namespace il;
using namespace il::runfile;
using namespace il::test;

namespace {

struct Decoded {
    bool refused = false;
    std::size_t largest = 0; // bytes of the largest single allocation
};

Decoded decode_measured(const std::string& bytes) {
    Decoded d;
    g_largest = 0;
    g_armed = true;
    try {
        runfile::decode_run(bytes, "hostile.ilrun");
    } catch (const runfile::RunFileError&) {
        d.refused = true;
    }
    g_armed = false;
    d.largest = g_largest.load();
    return d;
}

// What a reader that trusts nothing may need: a few times the file (entries
// are larger in memory than their smallest encoding), plus a little.
std::size_t allowance(const std::string& file) {
    return 8 * file.size() + (std::size_t(1) << 20);
}

} // namespace

class TestRunFileSizes : public QObject {
    Q_OBJECT
private slots:
    void hugeValuesAnywhereAllocateLittle_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<quint64>("value");
        QTest::addColumn<bool>("resealed");
        // Counts and string lengths are u32, section lengths and the record count u64.
        for (bool reseal : {false, true}) {
            const char* r = reseal ? " resealed" : "";
            QTest::addRow("u32 all ones%s", r) << 4 << quint64(0xFFFFFFFF) << reseal;
            QTest::addRow("u32 2^31%s", r) << 4 << quint64(0x80000000) << reseal;
            QTest::addRow("u32 16 MiB%s", r) << 4 << (quint64(1) << 24) << reseal;
            QTest::addRow("u64 all ones%s", r) << 8 << ~quint64(0) << reseal;
            // header + length wraps past 2^64 to a small offset
            QTest::addRow("u64 wraps by 12%s", r) << 8 << (~quint64(0) - 11) << reseal;
            // times 32 (a record's bytes) wraps to 32
            QTest::addRow("u64 records wrap%s", r) << 8 << ((quint64(1) << 59) + 1) << reseal;
            QTest::addRow("u64 4 GiB%s", r) << 8 << (quint64(1) << 32) << reseal;
        }
    }
    void hugeValuesAnywhereAllocateLittle() {
        QFETCH(int, width);
        QFETCH(quint64, value);
        QFETCH(bool, resealed);
        const std::string good = encode_run(hand_run());
        const SectionAt sums = section(sections(good), "SUMS");
        int refused = 0, tried = 0;
        std::size_t worst = 0;
        // Every position from the first section's header up to the checksum's.
        for (std::size_t at = 12; at + static_cast<std::size_t>(width) <= sums.payload; ++at) {
            std::string bad = good;
            put_le(bad, at, value, width);
            if (bad == good)
                continue;
            if (resealed)
                reseal(bad, sums);
            const Decoded d = decode_measured(bad);
            ++tried;
            refused += d.refused;
            worst = std::max(worst, d.largest);
            QVERIFY2(d.largest <= allowance(good),
                     qPrintable(QString("offset %1: allocated %2 bytes for a %3-byte file")
                                    .arg(at)
                                    .arg(d.largest)
                                    .arg(good.size())));
            // Without the checksum redone, any change at all is refused.
            if (!resealed)
                QVERIFY2(d.refused, qPrintable(QString("offset %1 decoded").arg(at)));
        }
        QVERIFY(tried > 100);
        // The probe works: a real decode allocates something.
        QVERIFY(decode_measured(good).largest > 0);
        qInfo("%d positions, %d refused, largest allocation %zu bytes (file %zu bytes)", tried,
              refused, worst, good.size());
    }

    void oversizedFileIsRefusedFromItsSize() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("huge.ilrun").toStdString();
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        QVERIFY(fd >= 0);
        const std::string head = encode_run(hand_run()).substr(0, 64); // looks like a run
        QVERIFY(::write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()));
        // Sparse: 5 GiB that take no space.
        const bool sized = ::ftruncate(fd, off_t(5) << 30) == 0;
        ::close(fd);
        if (!sized)
            QSKIP("this file system cannot hold a sparse 5 GiB file");
        const long rss_before = resident_kib();
        g_largest = 0;
        g_armed = true;
        QString message;
        try {
            runfile::open_run(path);
        } catch (const runfile::RunFileError& e) {
            message = e.what();
        }
        g_armed = false;
        QVERIFY2(message.contains("more than the 4 GiB"), qPrintable(message));
        QVERIFY2(g_largest.load() < (std::size_t(1) << 20), qPrintable(QString::number(g_largest)));
        QVERIFY(resident_kib() - rss_before < 64 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestRunFileSizes)
#include "tst_runfile_sizes.moc"
