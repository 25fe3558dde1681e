#include "main_window.h"

#include "scenario/catalog.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace il::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Interleave"));
    resize(1100, 700);

    list_ = new QListWidget;
    list_->setObjectName("scenarioList");
    for (const auto& s : scenario::catalog()) {
        auto* item = new QListWidgetItem(QString::fromStdString(s->info().title));
        item->setData(Qt::UserRole, QString::fromStdString(s->info().id));
        item->setToolTip(QString::fromStdString(s->info().chapter));
        list_->addItem(item);
    }

    about_ = new QTextBrowser;
    python_ = new QPlainTextEdit;
    python_->setReadOnly(true);
    python_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    run_ = new QPushButton(tr("&Run"));
    run_->setObjectName("runButton");
    stop_ = new QPushButton(tr("&Stop"));
    stop_->setObjectName("stopButton");
    stop_->setEnabled(false);
    outcome_ = new QLabel;
    outcome_->setObjectName("outcomeLabel");
    outcome_->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(stop_);
    buttons->addWidget(outcome_, 1);

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(about_, 2);
    rightLayout->addWidget(new QLabel(tr("The same idea in Python:")));
    rightLayout->addWidget(python_, 3);
    rightLayout->addLayout(buttons);

    auto* split = new QSplitter;
    split->addWidget(list_);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    setCentralWidget(split);

    connect(list_, &QListWidget::currentRowChanged, this, &MainWindow::show_scenario);
    connect(run_, &QPushButton::clicked, this, &MainWindow::run_selected);
    connect(stop_, &QPushButton::clicked, this, [this] { stop_source_.request_stop(); });
    connect(&watcher_, &QFutureWatcher<scenario::RunResult>::finished, this,
            &MainWindow::run_finished);
    list_->setCurrentRow(0);
    statusBar()->showMessage(tr("%n scenario(s)", "", list_->count()));
}

MainWindow::~MainWindow() {
    // A run still going must end before the window's state goes away.
    stop_source_.request_stop();
    watcher_.waitForFinished();
}

void MainWindow::show_scenario(int row) {
    if (row < 0 || row >= int(scenario::catalog().size()))
        return;
    const auto& info = scenario::catalog()[row]->info();
    about_->setHtml(
        QStringLiteral("<h2>%1</h2><p><i>%2</i></p><h3>%3</h3><p>%4</p><h3>%5</h3><p>%6</p>")
            .arg(QString::fromStdString(info.title).toHtmlEscaped(),
                 QString::fromStdString(info.chapter).toHtmlEscaped(), tr("What it teaches"),
                 QString::fromStdString(info.teaches).toHtmlEscaped(), tr("What to watch for"),
                 QString::fromStdString(info.watch_for).toHtmlEscaped()));
    python_->setPlainText(QString::fromStdString(info.python));
    outcome_->clear();
}

void MainWindow::run_selected() {
    int row = list_->currentRow();
    if (row < 0 || watcher_.isRunning())
        return;
    const scenario::Scenario* s = scenario::catalog()[row].get();
    stop_source_ = std::stop_source();
    scenario::RunOptions options;
    options.stop = stop_source_.get_token();
    run_->setEnabled(false);
    stop_->setEnabled(true);
    outcome_->setText(tr("Running %1…").arg(QString::fromStdString(s->info().id)));
    watcher_.setFuture(QtConcurrent::run([s, options] {
        return scenario::run_scenario(*s, scenario::parse_params(s->info().params, {}), options);
    }));
}

void MainWindow::run_finished() {
    const scenario::RunResult r = watcher_.result();
    run_->setEnabled(true);
    stop_->setEnabled(false);
    outcome_->setText(
        tr("%1 — %2 (%3 ms, %4 events)")
            .arg(r.outcome.ok ? tr("OK") : tr("NOT OK"), QString::fromStdString(r.outcome.message))
            .arg(double(r.duration_ns) / 1e6, 0, 'f', 1)
            .arg(qulonglong(r.trace.records.size())));
}

} // namespace il::ui
