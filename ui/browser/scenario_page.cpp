#include "browser/scenario_page.h"

#include "browser/python_highlighter.h"
#include "scenario/catalog.h"

#include "shell/language.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace il::ui {

namespace {

// Engine texts, translated by the lead's catalogue when it has them.

// Scenario texts mark code with `backticks`; show it as code.
QString rich_text(const QString& plain) {
    static const QRegularExpression code("`([^`]+)`");
    return plain.toHtmlEscaped().replace(code, "<code>\\1</code>");
}

} // namespace

ScenarioPage::ScenarioPage(QWidget* parent) : QWidget(parent) {
    setObjectName("scenarioPage");
    title_ = new QLabel;
    title_->setObjectName("scenarioTitle");
    title_->setWordWrap(true);
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title_->setFont(big);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    chapter_ = new QLabel;
    chapter_->setObjectName("scenarioChapter");

    about_ = new QTextBrowser;
    about_->setObjectName("scenarioAbout");
    about_->setOpenExternalLinks(true);

    python_ = new QPlainTextEdit;
    python_->setObjectName("pythonSketch");
    python_->setReadOnly(true);
    python_->setLineWrapMode(QPlainTextEdit::NoWrap);
    python_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    python_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    highlighter_ = new PythonHighlighter(python_->document());

    auto* sketch = new QWidget;
    auto* sketchLayout = new QVBoxLayout(sketch);
    sketchLayout->setContentsMargins(0, 0, 0, 0);
    sketchLayout->addWidget(new QLabel(tr("The same idea in Python:")));
    sketchLayout->addWidget(python_, 1);

    auto* split = new QSplitter(Qt::Vertical);
    split->setChildrenCollapsible(false);
    split->addWidget(about_);
    split->addWidget(sketch);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(chapter_);
    layout->addWidget(split, 1);
}

void ScenarioPage::setScenario(const QString& id) {
    id_ = id;
    const scenario::Scenario* s = scenario::find_scenario(id.toStdString());
    if (!s) {
        title_->clear();
        chapter_->clear();
        about_->clear();
        python_->clear();
        return;
    }
    const scenario::ScenarioInfo& info = s->info();
    title_->setText(scenario_text(info.title));
    chapter_->setText(tr("Chapter: %1").arg(scenario_text(info.chapter)));
    about_->setHtml(QStringLiteral("<h3>%1</h3><p>%2</p><h3>%3</h3><p>%4</p>")
                        .arg(tr("What it teaches"), rich_text(scenario_text(info.teaches)),
                             tr("What to watch for"), rich_text(scenario_text(info.watch_for))));
    // The sketch is code: it is shown as written, never translated.
    python_->setPlainText(QString::fromStdString(info.python));
}

void ScenarioPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        highlighter_->updatePalette();
    QWidget::changeEvent(event);
}

} // namespace il::ui
