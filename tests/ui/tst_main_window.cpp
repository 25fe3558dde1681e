#include "main_window.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void selectRunAndSeeOutcome() {
        il::ui::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* list = w.findChild<QListWidget*>("scenarioList");
        auto* run = w.findChild<QPushButton*>("runButton");
        auto* outcome = w.findChild<QLabel*>("outcomeLabel");
        auto* python = w.findChild<QPlainTextEdit*>();
        QVERIFY(list && run && outcome && python);
        QVERIFY(list->count() >= 1);

        // Click the counter scenario in the list like a user would.
        QListWidgetItem* counter = nullptr;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == "counter")
                counter = list->item(i);
        QVERIFY(counter);
        QRect r = list->visualItemRect(counter);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(list->currentItem(), counter);
        QVERIFY(python->toPlainText().contains("threading.Lock()"));

        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(!run->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 30000);
        QVERIFY2(outcome->text().startsWith("OK"), qPrintable(outcome->text()));
        QVERIFY(outcome->text().contains("counter reached 5000 exactly"));

        QImage shot = w.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() > 500);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
