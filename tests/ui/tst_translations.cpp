// Every string a user sees has a Simplified Chinese translation: the app's
// own (checked against a fresh lupdate scan of the sources, so a new tr()
// without a translation fails here) and the engine's scenario texts.
#include "scenario/catalog.h"
#include "shell/language.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <map>

namespace {

struct Message {
    QString translation; // the first form for plurals
    bool finished = false;
};
using Catalog = std::map<std::pair<QString, QString>, Message>; // (context, source)

Catalog read_ts(const QString& path) {
    Catalog out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString context, source;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m = {};
            const auto type = xml.attributes().value("type");
            m.finished = type.isEmpty();
            m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            out[{context, source}] = m;
        }
    }
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void everyUiStringIsTranslated() {
        const QString lupdate = "/usr/lib/qt6/bin/lupdate";
        QVERIFY2(QFile::exists(lupdate),
                 "lupdate is missing: scripts/setup installs qt6-l10n-tools");
        QTemporaryDir dir;
        const QString fresh = dir.filePath("fresh.ts");
        const QString src = INTERLEAVE_SOURCE_DIR;
        QProcess p;
        p.start(lupdate, {"-silent", "-locations", "none", "-extensions", "cpp,h", "-I",
                          src + "/ui", src + "/ui", src + "/app/gui", "-ts", fresh});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const Catalog scanned = read_ts(fresh);
        QVERIFY(scanned.size() > 50);
        const Catalog committed = read_ts(src + "/resources/translations/interleave_zh_CN.ts");
        QStringList missing;
        for (const auto& [key, m] : scanned) {
            auto it = committed.find(key);
            if (it == committed.end() || !it->second.finished ||
                it->second.translation.trimmed().isEmpty())
                missing << key.first + ": " + key.second;
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QString("%1 string(s) without a translation (run `cmake --build build "
                                    "--target update_translations` and translate them):\n")
                                .arg(missing.size()) +
                            missing.join('\n')));
    }

    void scenarioTextsAreTranslated() {
        QVERIFY(il::ui::apply_language("zh_CN"));
        QCOMPARE(il::ui::current_language(), QString("zh_CN"));
        // Asked of the file itself: a translation may equal its source
        // ("concurrent.futures"), but it must be there and finished.
        const Catalog scenarios = read_ts(QString(INTERLEAVE_SOURCE_DIR) +
                                          "/resources/translations/interleave_scenarios_zh_CN.ts");
        QStringList missing;
        auto check = [&](const std::string& english) {
            if (english.empty())
                return;
            auto it = scenarios.find({"il::ui::Scenario", QString::fromStdString(english)});
            if (it == scenarios.end() || !it->second.finished ||
                it->second.translation.trimmed().isEmpty())
                missing << QString::fromStdString(english);
        };
        for (const auto& s : il::scenario::catalog()) {
            const auto& info = s->info();
            check(info.title);
            check(info.chapter);
            check(info.teaches);
            check(info.watch_for);
            for (const auto& p : info.params)
                check(p.help);
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable("run scripts/scenario-strings and translate:\n" + missing.join('\n')));
        QVERIFY(il::ui::scenario_text(il::scenario::catalog().front()->info().title) !=
                QString::fromStdString(il::scenario::catalog().front()->info().title));
        QVERIFY(il::ui::apply_language("en"));
        const auto& first = il::scenario::catalog().front()->info().title;
        QCOMPARE(il::ui::scenario_text(first), QString::fromStdString(first));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
