#include "browser/scenario_browser.h"

#include "scenario/catalog.h"

#include "shell/language.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace il::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kSearchRole = Qt::UserRole + 1; // lower-cased text the search matches

// Scenario texts come from the engine; the lead's translation supplies them
// in this context (lupdate cannot see them, they are not literals here).

QString search_text(const scenario::ScenarioInfo& info) {
    QStringList parts;
    for (const std::string* s : {&info.title, &info.teaches, &info.watch_for}) {
        parts << QString::fromStdString(*s);
        parts << scenario_text(*s);
    }
    parts << QString::fromStdString(info.id);
    return parts.join('\n').toLower();
}

} // namespace

ScenarioBrowser::ScenarioBrowser(QWidget* parent) : QWidget(parent) {
    setObjectName("scenarioBrowser");
    search_ = new QLineEdit;
    search_->setObjectName("scenarioSearch");
    search_->setPlaceholderText(tr("Search scenarios (Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    tree_ = new QTreeWidget;
    tree_->setObjectName("scenarioTree");
    tree_->setHeaderHidden(true);
    tree_->setColumnCount(1);
    tree_->setRootIsDecorated(true);
    tree_->header()->setSectionResizeMode(QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(search_);
    layout->addWidget(tree_, 1);

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WindowShortcut);
    connect(find, &QShortcut::activated, this, &ScenarioBrowser::focusSearch);
    connect(search_, &QLineEdit::textChanged, this, &ScenarioBrowser::filter);
    connect(search_, &QLineEdit::returnPressed, this, &ScenarioBrowser::select_first_match);
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        const QString id = item ? item->data(0, kIdRole).toString() : QString();
        if (!id.isEmpty())
            emit scenarioSelected(id);
    });
    build();
}

QStringList ScenarioBrowser::chapterOrder() {
    QStringList order;
    for (const std::string& chapter : scenario::chapters())
        order << QString::fromStdString(chapter);
    return order;
}

void ScenarioBrowser::build() {
    QHash<QString, QTreeWidgetItem*> chapters;
    for (const QString& name : chapterOrder()) {
        auto* item = new QTreeWidgetItem(QStringList{scenario_text(name.toStdString())});
        item->setFlags(Qt::ItemIsEnabled); // a heading, not a choice
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        chapters.insert(name, item);
    }
    // Scenarios keep catalog order inside their chapter.
    for (const auto& s : scenario::catalog()) {
        const scenario::ScenarioInfo& info = s->info();
        auto* item = new QTreeWidgetItem(QStringList{scenario_text(info.title)});
        item->setData(0, kIdRole, QString::fromStdString(info.id));
        item->setData(0, kSearchRole, search_text(info));
        item->setToolTip(0, QStringLiteral("<b>%1</b><p>%2</p>")
                                .arg(scenario_text(info.title).toHtmlEscaped(),
                                     scenario_text(info.teaches).toHtmlEscaped()));
        chapters.value(QString::fromStdString(info.chapter))->addChild(item);
    }
    for (const QString& name : chapterOrder()) {
        QTreeWidgetItem* item = chapters.value(name);
        if (item->childCount() > 0)
            tree_->addTopLevelItem(item);
        else
            delete item;
    }
    tree_->expandAll();
}

void ScenarioBrowser::filter(const QString& text) {
    // Every word typed must appear somewhere in the scenario's texts.
    const QStringList words = text.toLower().split(' ', Qt::SkipEmptyParts);
    for (int c = 0; c < tree_->topLevelItemCount(); ++c) {
        QTreeWidgetItem* chapter = tree_->topLevelItem(c);
        bool any = false;
        for (int i = 0; i < chapter->childCount(); ++i) {
            QTreeWidgetItem* item = chapter->child(i);
            const QString hay = item->data(0, kSearchRole).toString();
            const bool match = std::all_of(words.begin(), words.end(),
                                           [&](const QString& w) { return hay.contains(w); });
            item->setHidden(!match);
            any = any || match;
        }
        chapter->setHidden(!any);
        if (any)
            chapter->setExpanded(true);
    }
}

void ScenarioBrowser::select_first_match() {
    for (int c = 0; c < tree_->topLevelItemCount(); ++c) {
        QTreeWidgetItem* chapter = tree_->topLevelItem(c);
        for (int i = 0; i < chapter->childCount(); ++i)
            if (!chapter->isHidden() && !chapter->child(i)->isHidden()) {
                tree_->setCurrentItem(chapter->child(i));
                tree_->setFocus();
                return;
            }
    }
}

QTreeWidgetItem* ScenarioBrowser::find_item(const QString& id) const {
    for (int c = 0; c < tree_->topLevelItemCount(); ++c) {
        QTreeWidgetItem* chapter = tree_->topLevelItem(c);
        for (int i = 0; i < chapter->childCount(); ++i)
            if (chapter->child(i)->data(0, kIdRole).toString() == id)
                return chapter->child(i);
    }
    return nullptr;
}

QString ScenarioBrowser::currentScenario() const {
    const QTreeWidgetItem* item = tree_->currentItem();
    return item ? item->data(0, kIdRole).toString() : QString();
}

void ScenarioBrowser::setCurrentScenario(const QString& id) {
    QTreeWidgetItem* item = find_item(id);
    if (!item)
        return;
    if (item->isHidden() || item->parent()->isHidden())
        search_->clear();
    tree_->setCurrentItem(item);
    tree_->scrollToItem(item);
}

void ScenarioBrowser::focusSearch() {
    search_->setFocus(Qt::ShortcutFocusReason);
    search_->selectAll();
}

} // namespace il::ui
