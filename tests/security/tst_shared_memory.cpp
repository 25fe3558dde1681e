// Shared memory between a run and its child processes is anonymous: every
// segment is a memfd (trace buffers, shared values and queues, the worker's
// start data), close-on-exec, with no name anyone else could open. A run that
// starts processes creates nothing in /dev/shm, not even for a moment
// (inotify sees every creation). Named POSIX shared memory and semaphores
// are not used at all; if they ever are, the source check below fails and
// says what they would need (0600, an unguessable name, unlinked at once).
#include "process/boot.h"
#include "process/detail/shm.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "trace/shared_buffer.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QtTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>

using namespace il;

namespace {

QString link_of(int fd) {
    char buf[512];
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    const ssize_t n = ::readlink(path.c_str(), buf, sizeof buf - 1);
    return n < 0 ? QString() : QString::fromUtf8(buf, static_cast<int>(n));
}

// A descriptor of an anonymous segment: close-on-exec, a memfd, no name on disk.
void expect_anonymous(int fd, const char* name) {
    QVERIFY(fd >= 0);
    const int flags = ::fcntl(fd, F_GETFD);
    QVERIFY2(flags >= 0 && (flags & FD_CLOEXEC), name);
    const QString link = link_of(fd);
    QVERIFY2(link.startsWith("/memfd:") && link.endsWith("(deleted)"), qPrintable(link));
    // The memfd's label is not a path: nothing of that name can be opened.
    const QString label = link.mid(7).section(' ', 0, 0);
    for (const char* dir : {"/dev/shm/", "/tmp/", "/"}) {
        errno = 0;
        QVERIFY2(::open(qPrintable(QString(dir) + label), O_RDONLY | O_CLOEXEC) < 0 &&
                     errno == ENOENT,
                 qPrintable(QString(dir) + label));
    }
}

} // namespace

class TestSharedMemory : public QObject {
    Q_OBJECT
private slots:
    void segmentsAreAnonymousAndCloseOnExec() {
        auto trace = trace::SharedBuffer::create(4096, 1);
        expect_anonymous(trace->fd(), "trace buffer");
        auto shm = process::detail::SharedMemory::create(4096, "a shared value");
        expect_anonymous(shm.fd(), "shared memory");
        const int boot = process::detail::make_boot_fd();
        expect_anonymous(boot, "boot data");
        ::close(boot);
    }

    void processRunCreatesNothingInDevShm_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("assignments");
        QTest::newRow("shared value")
            << "shared-counter" << QStringList{"processes=2", "increments=200"};
        QTest::newRow("queue") << "process-sum" << QStringList{"n=100000", "processes=2"};
        QTest::newRow("pipe") << "pipe-pingpong" << QStringList{};
    }
    void processRunCreatesNothingInDevShm() {
        QFETCH(QString, scenario);
        QFETCH(QStringList, assignments);
        const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        QVERIFY(watch >= 0);
        if (::inotify_add_watch(watch, "/dev/shm", IN_CREATE | IN_MOVED_TO) < 0) {
            ::close(watch);
            QSKIP("/dev/shm cannot be watched here");
        }
        const scenario::Scenario* s = scenario::find_scenario(scenario.toStdString());
        QVERIFY(s);
        std::vector<std::string> list;
        for (const QString& a : assignments)
            list.push_back(a.toStdString());
        scenario::RunOptions o;
        o.timeout = std::chrono::seconds(60);
        const auto run =
            scenario::run_scenario(*s, scenario::parse_params(s->info().params, list), o);
        QVERIFY2(run.status == scenario::RunStatus::Finished, run.error.c_str());
        bool children = false;
        for (const auto& l : run.trace.lanes)
            children = children || l.pid > 0;
        QVERIFY2(children, "the run started no process: it proves nothing");
        // Any creation in /dev/shm during the run is waiting to be read.
        alignas(inotify_event) char buf[4096];
        const ssize_t n = ::read(watch, buf, sizeof buf);
        const int e = errno;
        ::close(watch);
        QString created;
        for (ssize_t at = 0; n > 0 && at < n;) {
            const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
            created += QString(" ") + (ev->len ? ev->name : "?");
            at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
        }
        QVERIFY2(n < 0 && e == EAGAIN, qPrintable("created in /dev/shm:" + created));
    }

    void noNamedSharedMemoryOrSemaphores() {
        const QRegularExpression named(R"(\b(shm_open|sem_open|shm_unlink|sem_unlink)\s*\()");
        QVERIFY(named.match("int fd = shm_open(name, O_CREAT, 0600);").hasMatch());
        QStringList hits;
        for (const char* top : {"engine", "app", "ui"}) {
            QDirIterator it(QString(INTERLEAVE_SOURCE_DIR) + "/" + top, {"*.cpp", "*.h"},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QString text = QString::fromUtf8(f.readAll());
                if (named.match(text).hasMatch())
                    hits << f.fileName();
            }
        }
        QVERIFY2(hits.isEmpty(),
                 qPrintable("named shared memory or semaphores in: " + hits.join(", ") +
                            "; they must be mode 0600, have an unguessable name and be unlinked "
                            "at once (add that check here), or use memfd_create as the rest "
                            "of the engine does"));
    }
};

QTEST_GUILESS_MAIN(TestSharedMemory)
#include "tst_shared_memory.moc"
