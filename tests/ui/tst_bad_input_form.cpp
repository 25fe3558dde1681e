// Bad input typed into the desktop app's forms, through the real widgets: the
// parameter form (ui/browser/param_form) and the sweep form (ui/sweep). Each
// row types into fields as a user would and checks the message shown next to
// the field: what was wrong and what is allowed. The CLI's cases are in
// tests/badinput/tst_bad_input.cpp; this is the GUI's smaller list.
#include "browser/param_form.h"
#include "scenario/catalog.h"
#include "sweep/sweep_form.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

#include <memory>

using il::ui::ParamForm;
using il::ui::SweepForm;

namespace {

const il::scenario::Scenario& scenario(const QString& id) {
    const il::scenario::Scenario* s = il::scenario::find_scenario(id.toStdString());
    if (!s)
        qFatal("no scenario %s", qPrintable(id));
    return *s;
}

// Replaces a line edit's text by typing, as a user would.
void retype(QLineEdit* line, const QString& text) {
    line->setFocus();
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, text);
}

void row(const char* name, const char* form, const char* id, const QStringList& typing,
         const char* label, const QStringList& says) {
    QTest::newRow(name) << QString(form) << QString(id) << typing << QString(label) << says;
}

} // namespace

class TestBadInputForm : public QObject {
    Q_OBJECT
private slots:
    void fieldSaysWhatIsWrong_data() {
        QTest::addColumn<QString>("form");       // "params" or "sweep"
        QTest::addColumn<QString>("scenario");   // whose parameters
        QTest::addColumn<QStringList>("typing"); // "objectName=text", typed in order
        QTest::addColumn<QString>("label");      // the message label checked
        QTest::addColumn<QStringList>("says");

        row("not an integer", "params", "counter", {"param_threads=four"}, "error_threads",
            {"'four' is not an integer", "an integer in 1..64"});
        row("empty", "params", "counter", {"param_threads="}, "error_threads",
            {"'' is not an integer", "1..64"});
        row("negative", "params", "counter", {"param_threads=-3"}, "error_threads",
            {"-3 is out of range", "1..64"});
        row("too large", "params", "counter", {"param_increments=1000001"}, "error_increments",
            {"out of range", "an integer in 1..1000000"});
        row("overflowing", "params", "counter", {"param_threads=99999999999999999999"},
            "error_threads", {"'99999999999999999999'", "1..64"});
        row("real text", "params", "dining-philosophers", {"param_think_ms=slow"}, "error_think_ms",
            {"'slow' is not a number", "a number in 0..1000"});
        row("real NaN", "params", "dining-philosophers", {"param_eat_ms=nan"}, "error_eat_ms",
            {"'nan' is not a number", "0..1000"});
        row("real overflowing", "params", "dining-philosophers", {"param_eat_ms=1e999"},
            "error_eat_ms", {"'1e999' is not a number", "0..1000"});

        row("sweep from text", "sweep", "counter", {"sweepFrom=a", "sweepTo=4"}, "sweepFromError",
            {"'a' is not an integer", "an integer in 1..64"});
        row("sweep to out of range", "sweep", "counter", {"sweepFrom=1", "sweepTo=70"},
            "sweepToError", {"70 is out of range", "1..64"});
        row("sweep empty range", "sweep", "counter", {"sweepFrom=5", "sweepTo=2"}, "sweepToError",
            {"below", "5"});
        row("sweep step 0", "sweep", "counter", {"sweepFrom=1", "sweepTo=4", "sweepStep=0"},
            "sweepStepError", {"above 0"});
        row("sweep step fraction", "sweep", "counter",
            {"sweepFrom=1", "sweepTo=4", "sweepStep=0.5"}, "sweepStepError", {"whole number"});
        row("sweep single value", "sweep", "counter", {"sweepFrom=1", "sweepTo=2", "sweepStep=5"},
            "sweepError", {"only 1 value", "at least 2"});
        row("sweep too many", "sweep", "counter",
            {"sweepParam=increments", "sweepFrom=1", "sweepTo=100000"}, "sweepError",
            {"gives 100000 values", "at most 1000"});
        row("sweep seed negative", "sweep", "counter", {"sweepFrom=1", "sweepTo=2", "sweepSeed=-3"},
            "sweepSeedError", {"seed", "whole number from 0"});
    }

    void fieldSaysWhatIsWrong() {
        QFETCH(QString, form);
        QFETCH(QString, scenario);
        QFETCH(QStringList, typing);
        QFETCH(QString, label);
        QFETCH(QStringList, says);
        std::unique_ptr<QWidget> w;
        if (form == "params") {
            auto* f = new ParamForm;
            f->setSpecs(::scenario(scenario).info().params);
            w.reset(f);
        } else {
            w = std::make_unique<SweepForm>(::scenario(scenario), std::vector<std::string>{});
        }
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        for (const QString& t : typing) {
            const QString name = t.section('=', 0, 0), text = t.section('=', 1);
            if (auto* combo = w->findChild<QComboBox*>(name)) {
                const int i = combo->findText(text);
                QVERIFY2(i >= 0, qPrintable(text));
                combo->setCurrentIndex(i);
                continue;
            }
            auto* line = w->findChild<QLineEdit*>(name);
            QVERIFY2(line, qPrintable("no field " + name));
            retype(line, text);
            QCOMPARE(line->text(), text);
        }
        const auto* shown = w->findChild<QLabel*>(label);
        QVERIFY2(shown, qPrintable("no label " + label));
        QVERIFY2(shown->isVisible(), qPrintable(label + " is hidden"));
        for (const QString& part : says)
            QVERIFY2(shown->text().contains(part),
                     qPrintable("'" + part + "' not in: " + shown->text()));
        if (auto* f = qobject_cast<ParamForm*>(w.get()))
            QVERIFY(!f->isValid());
        else
            QVERIFY(!static_cast<SweepForm*>(w.get())->isValid());
    }
};

QTEST_MAIN(TestBadInputForm)
#include "tst_bad_input_form.moc"
