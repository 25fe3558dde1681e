#include "browser/param_form.h"
#include "scenario/catalog.h"
#include "shell/language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using il::scenario::ParamSpec;
using il::ui::ParamForm;
using Strings = std::vector<std::string>;

namespace {

std::vector<ParamSpec> specs() {
    return {ParamSpec::integer("threads", 5, 1, 64, "threads that run"),
            ParamSpec::real("think_ms", 5, 0, 1000, "thinking time (ms)"),
            ParamSpec::boolean("locked", true, "hold the lock"),
            ParamSpec::choice("variant", "naive", {"naive", "ordered", "butler"}, "the fix"),
            ParamSpec::text("label", "hi", "a name")};
}

// Replaces a line edit's text by typing, as a user would.
void retype(QLineEdit* line, const QString& text) {
    line->setFocus();
    QTest::keyClick(line, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, text);
}

// Clicks a check box on its indicator.
void clickBox(QCheckBox* box) {
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
}

} // namespace

class TestParamForm : public QObject {
    Q_OBJECT
private slots:
    void fieldsFromSpecs() {
        ParamForm form;
        form.setSpecs(specs());
        auto* threads = form.findChild<QLineEdit*>("param_threads");
        auto* think = form.findChild<QLineEdit*>("param_think_ms");
        auto* label = form.findChild<QLineEdit*>("param_label");
        auto* locked = form.findChild<QCheckBox*>("param_locked");
        auto* variant = form.findChild<QComboBox*>("param_variant");
        QVERIFY(threads && think && label && locked && variant);
        QCOMPARE(threads->text(), QString("5"));
        QCOMPARE(threads->placeholderText(), QString("an integer in 1..64"));
        QVERIFY(threads->toolTip().contains("1..64"));
        QCOMPARE(think->placeholderText(), QString("a number in 0..1000"));
        QVERIFY(locked->isChecked());
        QCOMPARE(variant->count(), 3);
        QCOMPARE(variant->currentText(), QString("naive"));
        QCOMPARE(label->text(), QString("hi"));
        // Help texts are shown.
        bool help = false;
        for (QLabel* l : form.findChildren<QLabel*>())
            help = help || l->text() == "threads that run";
        QVERIFY(help);
        for (const char* name : {"threads", "think_ms", "locked", "variant", "label"})
            QVERIFY(form.findChild<QLabel*>(QString("error_") + name));
        QVERIFY(form.isValid());
        QCOMPARE(form.assignments(), Strings{});
        QCOMPARE(form.assignments(true),
                 (Strings{"threads=5", "think_ms=5", "locked=true", "variant=naive", "label=hi"}));
        QVERIFY(form.findChild<QLabel*>("noParams")->isHidden());
    }

    void invalidValueShowsEngineMessage() {
        ParamForm form;
        form.setSpecs(specs());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        auto* threads = form.findChild<QLineEdit*>("param_threads");
        auto* error = form.findChild<QLabel*>("error_threads");
        QSignalSpy validity(&form, &ParamForm::validityChanged);
        QSignalSpy changed(&form, &ParamForm::changed);

        retype(threads, "0");
        QCOMPARE(threads->text(), QString("0"));
        QVERIFY(!form.isValid());
        QVERIFY(error->isVisible());
        QString expected;
        try {
            il::scenario::parse_value(specs()[0], "0");
        } catch (const il::scenario::ParamError& e) {
            expected = QString::fromStdString(e.what());
        }
        QCOMPARE(error->text(), expected);
        QVERIFY(error->text().contains("threads"));
        QVERIFY(error->text().contains("1..64"));
        QCOMPARE(validity.count(), 1);
        QCOMPARE(validity.at(0).at(0).toBool(), false);
        QVERIFY(changed.count() >= 1);
        // An invalid field is passed on as typed, so running would report it.
        QCOMPARE(form.assignments(), Strings{"threads=0"});

        QTest::keyClick(threads, Qt::Key_Backspace);
        QTest::keyClicks(threads, "12");
        QVERIFY(form.isValid());
        QVERIFY(!error->isVisible());
        QCOMPARE(validity.count(), 2);
        QCOMPARE(validity.at(1).at(0).toBool(), true);
        QCOMPARE(form.assignments(), Strings{"threads=12"});

        // Not a number at all; then two fields wrong: valid only once both are fixed.
        auto* think = form.findChild<QLineEdit*>("param_think_ms");
        retype(think, "abc");
        QVERIFY(form.findChild<QLabel*>("error_think_ms")->text().contains("not a number"));
        retype(threads, "65");
        QVERIFY(!form.isValid());
        retype(think, "2.50");
        QVERIFY(!form.isValid());
        retype(threads, "05");
        QVERIFY(form.isValid());
        // Canonical values; "05" equals the default 5 and is not listed.
        QCOMPARE(form.assignments(), Strings{"think_ms=2.5"});
    }

    void resetRestoresDefaults() {
        ParamForm form;
        form.setSpecs(specs());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        retype(form.findChild<QLineEdit*>("param_threads"), "0");
        retype(form.findChild<QLineEdit*>("param_label"), "other");
        clickBox(form.findChild<QCheckBox*>("param_locked"));
        QVERIFY(!form.findChild<QCheckBox*>("param_locked")->isChecked());
        QVERIFY(!form.isValid());
        QSignalSpy changed(&form, &ParamForm::changed);
        QTest::mouseClick(form.findChild<QPushButton*>("resetParams"), Qt::LeftButton);
        QVERIFY(form.isValid());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(form.assignments(), Strings{});
        QCOMPARE(form.findChild<QLineEdit*>("param_threads")->text(), QString("5"));
        QVERIFY(form.findChild<QCheckBox*>("param_locked")->isChecked());
        QVERIFY(!form.findChild<QLabel*>("error_threads")->isVisible());
    }

    void boolAndChoiceAssignments() {
        ParamForm form;
        form.setSpecs(specs());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        clickBox(form.findChild<QCheckBox*>("param_locked"));
        QCOMPARE(form.assignments(), Strings{"locked=false"});
        auto* variant = form.findChild<QComboBox*>("param_variant");
        variant->setFocus();
        QTest::keyClick(variant, Qt::Key_Down);
        QCOMPARE(variant->currentText(), QString("ordered"));
        QCOMPARE(form.assignments(), (Strings{"locked=false", "variant=ordered"}));
        clickBox(form.findChild<QCheckBox*>("param_locked"));
        QCOMPARE(form.assignments(), Strings{"variant=ordered"});
        // The result is what the engine accepts.
        const auto params = il::scenario::parse_params(specs(), form.assignments(true));
        QCOMPARE(params.text("variant"), std::string("ordered"));
        QCOMPARE(params.boolean("locked"), true);
    }

    void setAssignmentsRoundTrip() {
        ParamForm a;
        a.setSpecs(specs());
        retype(a.findChild<QLineEdit*>("param_threads"), "7");
        retype(a.findChild<QLineEdit*>("param_think_ms"), "0.25");
        a.findChild<QCheckBox*>("param_locked")->setChecked(false);
        a.findChild<QComboBox*>("param_variant")->setCurrentText("butler");
        retype(a.findChild<QLineEdit*>("param_label"), "x y");
        const Strings saved = a.assignments();
        QCOMPARE(saved, (Strings{"threads=7", "think_ms=0.25", "locked=false", "variant=butler",
                                 "label=x y"}));

        ParamForm b;
        b.setSpecs(specs());
        QSignalSpy changed(&b, &ParamForm::changed);
        b.setAssignments(saved);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(b.assignments(), saved);
        QVERIFY(b.isValid());

        // Restoring replaces everything: unlisted fields go back to defaults;
        // unknown names and malformed items are ignored.
        b.setAssignments({"threads=3", "nope=1", "garbage"});
        QCOMPARE(b.assignments(), Strings{"threads=3"});
        QVERIFY(b.isValid());

        // An invalid saved value shows as an error in its field.
        b.setAssignments({"threads=100", "variant=bogus", "locked=maybe"});
        QVERIFY(!b.isValid());
        QCOMPARE(b.findChild<QLineEdit*>("param_threads")->text(), QString("100"));
        QVERIFY(b.findChild<QLabel*>("error_threads")->text().contains("out of range"));
        // A combo or check box cannot show a bad value: it keeps the default
        // and says why.
        QCOMPARE(b.findChild<QComboBox*>("param_variant")->currentText(), QString("naive"));
        QVERIFY(b.findChild<QLabel*>("error_variant")->text().contains("bogus"));
        QVERIFY(b.findChild<QLabel*>("error_locked")->text().contains("maybe"));
        QCOMPARE(b.assignments(), Strings{"threads=100"});
        b.setAssignments({});
        QVERIFY(b.isValid());
        QVERIFY(b.findChild<QLabel*>("error_variant")->text().isEmpty());
    }

    void messagesInChinese() {
        // The engine words its messages in English; the form says the same
        // facts in the interface's language.
        QVERIFY(il::ui::apply_language("zh_CN"));
        ParamForm form;
        form.setSpecs(specs());
        form.show();
        auto* threads = form.findChild<QLineEdit*>("param_threads");
        QCOMPARE(threads->placeholderText(), QString("1..64 之间的整数"));
        retype(threads, "0");
        const QString message = form.findChild<QLabel*>("error_threads")->text();
        QVERIFY2(message.contains("threads") && message.contains("参数") &&
                     message.contains("1..64"),
                 qPrintable(message));
        QVERIFY(!form.isValid());
        QVERIFY(il::ui::apply_language("en"));
    }

    void realScenarioSpecs() {
        ParamForm form;
        const auto& info = il::scenario::find_scenario("dining-philosophers")->info();
        form.setSpecs(info.params);
        for (const ParamSpec& s : info.params)
            QVERIFY(form.findChild<QWidget*>(QString::fromStdString("param_" + s.name)));
        QVERIFY(form.isValid());
        QCOMPARE(form.assignments(true).size(), info.params.size());
        // Switching scenarios rebuilds: the old fields are gone.
        form.setSpecs({});
        QVERIFY(!form.findChild<QWidget*>("param_philosophers"));
        QVERIFY(!form.findChild<QLabel*>("noParams")->isHidden());
        QVERIFY(form.isValid());
        QCOMPARE(form.assignments(), Strings{});
    }
};

QTEST_MAIN(TestParamForm)
#include "tst_param_form.moc"
