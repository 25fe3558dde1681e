#include "browser/scenario_browser.h"
#include "browser/scenario_page.h"
#include "scenario/catalog.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>
#include <QTranslator>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtTest>

using il::ui::ScenarioBrowser;
using il::ui::ScenarioPage;

namespace {

// A translation for two scenario texts, as the lead's catalogue would give.
class FakeTranslator : public QTranslator {
public:
    QString translate(const char* context, const char* source, const char*, int) const override {
        if (QByteArray(context) != "il::ui::Scenario")
            return {};
        if (QByteArray(source) == "Classic problems")
            return QString::fromUtf8("经典问题");
        if (QByteArray(source) == "The sleeping barber")
            return QString::fromUtf8("睡觉的理发师");
        return {};
    }
    bool isEmpty() const override { return false; }
};

QTreeWidgetItem* itemFor(QTreeWidget* tree, const QString& id) {
    for (int c = 0; c < tree->topLevelItemCount(); ++c)
        for (int i = 0; i < tree->topLevelItem(c)->childCount(); ++i)
            if (tree->topLevelItem(c)->child(i)->data(0, Qt::UserRole).toString() == id)
                return tree->topLevelItem(c)->child(i);
    return nullptr;
}

QStringList visibleIds(QTreeWidget* tree) {
    QStringList ids;
    for (int c = 0; c < tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* chapter = tree->topLevelItem(c);
        for (int i = 0; i < chapter->childCount(); ++i)
            if (!chapter->isHidden() && !chapter->child(i)->isHidden())
                ids << chapter->child(i)->data(0, Qt::UserRole).toString();
    }
    return ids;
}

// Catalog ids whose id, title, teaches or watch_for contain `word` (any case).
QStringList idsMentioning(const QString& word) {
    QStringList ids;
    for (const auto& s : il::scenario::catalog()) {
        const auto& i = s->info();
        const QString all =
            QString::fromStdString(i.id + '\n' + i.title + '\n' + i.teaches + '\n' + i.watch_for);
        if (all.contains(word, Qt::CaseInsensitive))
            ids << QString::fromStdString(i.id);
    }
    return ids;
}

} // namespace

class TestScenarioBrowser : public QObject {
    Q_OBJECT
private slots:
    void chaptersInOrderWithEveryScenario() {
        ScenarioBrowser b;
        auto* tree = b.findChild<QTreeWidget*>("scenarioTree");
        QVERIFY(tree);
        const QStringList fixed{"Concepts",         "Threading",          "Multiprocessing",
                                "Asyncio",          "concurrent.futures", "Primitives",
                                "Classic problems", "Practice projects"};
        QCOMPARE(ScenarioBrowser::chapterOrder().mid(0, 8), fixed);
        // Shown chapters: the ones with scenarios, in chapterOrder.
        QStringList expected;
        for (const QString& c : ScenarioBrowser::chapterOrder())
            for (const auto& s : il::scenario::catalog())
                if (QString::fromStdString(s->info().chapter) == c) {
                    expected << c;
                    break;
                }
        QStringList shown;
        for (int c = 0; c < tree->topLevelItemCount(); ++c)
            shown << tree->topLevelItem(c)->text(0);
        QCOMPARE(shown, expected);
        QCOMPARE(shown.first(), QString("Concepts")); // performance-comparison, ...
        // Each scenario once, under its chapter, in catalog order.
        int count = 0;
        for (const auto& s : il::scenario::catalog()) {
            QTreeWidgetItem* item = itemFor(tree, QString::fromStdString(s->info().id));
            QVERIFY(item);
            QCOMPARE(item->parent()->text(0), QString::fromStdString(s->info().chapter));
            QCOMPARE(item->text(0), QString::fromStdString(s->info().title));
            ++count;
        }
        int items = 0;
        for (int c = 0; c < tree->topLevelItemCount(); ++c)
            items += tree->topLevelItem(c)->childCount();
        QCOMPARE(items, count);
    }

    void clickSelectsScenario() {
        ScenarioBrowser b;
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        auto* tree = b.findChild<QTreeWidget*>("scenarioTree");
        QSignalSpy spy(&b, &ScenarioBrowser::scenarioSelected);
        QTreeWidgetItem* item = itemFor(tree, "semaphore");
        tree->scrollToItem(item);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualItemRect(item).center());
        QCOMPARE(b.currentScenario(), QString("semaphore"));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QString("semaphore"));
        // A chapter heading is not a scenario.
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualItemRect(item->parent()).center());
        QCOMPARE(spy.count(), 1);
        b.setCurrentScenario("counter");
        QCOMPARE(b.currentScenario(), QString("counter"));
        QCOMPARE(spy.count(), 2);
        b.setCurrentScenario("no-such-scenario");
        QCOMPARE(b.currentScenario(), QString("counter"));
    }

    void searchFiltersAndEnterSelects() {
        ScenarioBrowser b;
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        auto* search = b.findChild<QLineEdit*>("scenarioSearch");
        auto* tree = b.findChild<QTreeWidget*>("scenarioTree");
        QVERIFY(search && tree);
        QCOMPARE(search->placeholderText(), QString("Search scenarios (Ctrl+F)"));

        QTest::keyClicks(search, "PHILOSOPH");
        QCOMPARE(visibleIds(tree), idsMentioning("philosoph"));
        QVERIFY(visibleIds(tree).contains("dining-philosophers"));
        // Chapters with no match hide.
        for (int c = 0; c < tree->topLevelItemCount(); ++c) {
            QTreeWidgetItem* chapter = tree->topLevelItem(c);
            bool any = false;
            for (int i = 0; i < chapter->childCount(); ++i)
                any = any || !chapter->child(i)->isHidden();
            QCOMPARE(chapter->isHidden(), !any);
        }
        QVERIFY(tree->findItems("Threading", Qt::MatchExactly).value(0)->isHidden());

        // Words from what to watch for / what it teaches match too.
        search->clear();
        QTest::keyClicks(search, "deadlock");
        const QStringList deadlock = idsMentioning("deadlock");
        QVERIFY(deadlock.size() >= 2);
        QCOMPARE(visibleIds(tree), deadlock);

        QSignalSpy spy(&b, &ScenarioBrowser::scenarioSelected);
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), deadlock.first());
        QCOMPARE(b.currentScenario(), deadlock.first());

        // Nothing matches: every chapter hides, Enter selects nothing new.
        search->clear();
        QTest::keyClicks(search, "zzzz-nothing");
        QVERIFY(visibleIds(tree).isEmpty());
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);

        // Selecting a hidden scenario clears the search that hid it.
        b.setCurrentScenario("counter");
        QVERIFY(search->text().isEmpty());
        QVERIFY(!itemFor(tree, "counter")->isHidden());
        QCOMPARE(visibleIds(tree).size(), int(il::scenario::catalog().size()));
    }

    void ctrlFFocusesSearch() {
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* other = new QLineEdit;
        layout->addWidget(other);
        auto* b = new ScenarioBrowser;
        layout->addWidget(b);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        other->setFocus();
        QTest::keyClick(other, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(b->findChild<QLineEdit*>("scenarioSearch")->hasFocus());
    }

    void translatedTextsShowAndMatch() {
        FakeTranslator zh;
        QCoreApplication::installTranslator(&zh);
        ScenarioBrowser b;
        auto* tree = b.findChild<QTreeWidget*>("scenarioTree");
        QVERIFY(!tree->findItems(QString::fromUtf8("经典问题"), Qt::MatchExactly).isEmpty());
        QCOMPARE(itemFor(tree, "sleeping-barber")->text(0), QString::fromUtf8("睡觉的理发师"));
        auto* search = b.findChild<QLineEdit*>("scenarioSearch");
        search->setText(QString::fromUtf8("理发"));
        QCOMPARE(visibleIds(tree), QStringList{"sleeping-barber"});
        search->setText("barber"); // the English text still matches
        QVERIFY(visibleIds(tree).contains("sleeping-barber"));
        QCoreApplication::removeTranslator(&zh);
    }

    void pageShowsScenario() {
        ScenarioPage page;
        page.resize(700, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* about = page.findChild<QTextBrowser*>("scenarioAbout");
        auto* python = page.findChild<QPlainTextEdit*>("pythonSketch");
        auto* title = page.findChild<QLabel*>("scenarioTitle");
        auto* chapter = page.findChild<QLabel*>("scenarioChapter");
        QVERIFY(about && python && title && chapter);
        QVERIFY(python->isReadOnly());
        QCOMPARE(python->font().family(),
                 QFontDatabase::systemFont(QFontDatabase::FixedFont).family());

        page.setScenario("counter");
        const auto& info = il::scenario::find_scenario("counter")->info();
        QCOMPARE(page.scenario(), QString("counter"));
        QCOMPARE(title->text(), QString::fromStdString(info.title));
        QVERIFY(chapter->text().contains("Threading"));
        const QString text = about->toPlainText();
        QVERIFY(text.contains("What it teaches"));
        QVERIFY(text.contains("What to watch for"));
        // `code` in the texts is shown as code, without the backticks.
        const auto plain = [](const std::string& s) {
            return QString::fromStdString(s).remove('`');
        };
        QVERIFY(text.contains(plain(info.teaches)));
        QVERIFY(text.contains(plain(info.watch_for)));
        QVERIFY(about->toHtml().contains("counter += 1</span>"));
        QCOMPARE(python->toPlainText(), QString::fromStdString(info.python));
        QVERIFY(python->toPlainText().contains("threading.Lock()"));
        // The sketch is highlighted: some line has coloured ranges.
        int ranges = 0;
        for (QTextBlock b = python->document()->begin(); b.isValid(); b = b.next())
            ranges += int(b.layout()->formats().size());
        QVERIFY(ranges > 5);
        QVERIFY(!page.grab().isNull());

        page.setScenario("unknown");
        QVERIFY(python->toPlainText().isEmpty());
        QVERIFY(title->text().isEmpty());
    }

    void browserDrivesPage() {
        ScenarioBrowser b;
        ScenarioPage page;
        connect(&b, &ScenarioBrowser::scenarioSelected, &page, &ScenarioPage::setScenario);
        b.setCurrentScenario("dining-philosophers");
        QCOMPARE(page.scenario(), QString("dining-philosophers"));
        QVERIFY(page.findChild<QPlainTextEdit*>("pythonSketch")->toPlainText().size() > 20);
    }
};

QTEST_MAIN(TestScenarioBrowser)
#include "tst_scenario_browser.moc"
