// The leak probe shared by the suites that check "nothing left behind":
// open descriptors, /dev/shm entries, children, threads and resident memory
// of this process, read from /proc. Test-only.
#pragma once

#include <QtTest>

#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <string>
#include <sys/wait.h>

namespace il::test {

inline int count_dir(const char* path) {
    int n = 0;
    if (DIR* d = ::opendir(path)) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.')
                ++n;
        ::closedir(d);
    }
    return n;
}

// Resident set size of this process in KiB (VmRSS of /proc/self/status), 0 if unknown.
inline long resident_kib() {
    long kib = 0;
    if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1)
                break;
        std::fclose(f);
    }
    return kib;
}

// What a run could leak. Counting /proc/self/fd opens one descriptor itself,
// the same one every time.
struct Resources {
    int fds = 0;
    int shm = 0;
    int threads = 0;
    long rss_kib = 0;
    bool children = false; // any child at all (running or zombie)

    static Resources now() {
        Resources r;
        r.fds = count_dir("/proc/self/fd");
        r.shm = count_dir("/dev/shm");
        r.threads = count_dir("/proc/self/task");
        r.rss_kib = resident_kib();
        errno = 0;
        int status = 0;
        pid_t p = ::waitpid(-1, &status, WNOHANG);
        // 0: a child exists and runs; > 0: we just reaped someone else's zombie (a leak too).
        r.children = !(p == -1 && errno == ECHILD);
        return r;
    }

    // Fails the calling test if a descriptor, /dev/shm entry or child was
    // left behind since `before` (threads and memory: see the soak suite).
    void expect_nothing_leaked_since(const Resources& before) const {
        QCOMPARE(fds, before.fds);
        QCOMPARE(shm, before.shm);
        QVERIFY(!children);
    }
};

} // namespace il::test
