// Runs the `interleave` executable as a user would and collects what it
// said: exit code, stdout, stderr. For the CLI test suites.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace cli_test {

struct Result {
    int code = -1;
    QString out;
    QString err;
};

inline Result cli(const QStringList& args, int timeout_ms = 60000) {
    QProcess p;
    p.start(INTERLEAVE_CLI_PATH, args);
    if (!p.waitForFinished(timeout_ms)) {
        p.kill();
        p.waitForFinished();
        return {-2, {}, "timed out"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

inline QJsonObject json_of(const Result& r) {
    QJsonParseError e;
    auto doc = QJsonDocument::fromJson(r.out.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << e.errorString() << r.out.left(500);
    return doc.object();
}

} // namespace cli_test
