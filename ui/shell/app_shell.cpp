#include "shell/app_shell.h"

#include "main_window.h"

#include "charts/chart_data.h"
#include "shell/language.h"
#include "shell/screenshot.h"

#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace il::ui {

AppShell::AppShell(LaunchOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)) {
    QString language = options_.language;
    if (language.isEmpty())
        language = QSettings().value("ui/language").toString();
    apply_language(resolve_language(language));
}

AppShell::~AppShell() {
    delete window_;
}

MainWindow* AppShell::window() const {
    return window_;
}

void AppShell::create_window() {
    window_ = new MainWindow;
    window_->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(window_, &MainWindow::languageChangeRequested, this, &AppShell::switchLanguage,
            Qt::QueuedConnection);
}

void AppShell::start() {
    create_window();
    if (!options_.scenario.isEmpty())
        window_->selectScenario(options_.scenario, options_.assignments);
    window_->show();
    const bool waits = options_.run || !options_.open.isEmpty();
    if (!options_.chart.isEmpty())
        connect(window_, &MainWindow::runFinished, this, [this] {
            if (auto kind = chart_kind_from_name(options_.chart.toStdString()))
                window_->showChart(*kind);
        });
    if (!options_.screenshot.isEmpty()) {
        if (waits)
            connect(window_, &MainWindow::runFinished, this,
                    [this] { QTimer::singleShot(400, this, &AppShell::take_screenshot); });
        else
            QTimer::singleShot(600, this, &AppShell::take_screenshot);
        // A saved run that cannot be opened: said on stderr, no window to save.
        connect(window_, &MainWindow::openFailed, this, [this](const QString& message) {
            std::fprintf(stderr, "interleave-gui: %s\n", qPrintable(message));
            emit finished(2);
        });
    }
    if (options_.run)
        QTimer::singleShot(0, window_, &MainWindow::run);
    if (!options_.open.isEmpty())
        window_->openRun(options_.open);
}

void AppShell::take_screenshot() {
    QString error;
    if (save_widget_image(window_, options_.screenshot, &error)) {
        std::fprintf(stdout, "%s\n", qPrintable(options_.screenshot));
        emit finished(0);
    } else {
        std::fprintf(stderr, "interleave-gui: %s\n", qPrintable(error));
        emit finished(1);
    }
}

void AppShell::switchLanguage(const QString& language) {
    QSettings().setValue("ui/language", language);
    MainWindow* old = window_;
    const QString scenario = old ? old->currentScenario() : QString();
    if (old)
        old->close(); // saves layout, parameters and the scenario
    apply_language(language);
    create_window();
    if (!scenario.isEmpty())
        window_->selectScenario(scenario);
    window_->show();
    delete old;
}

} // namespace il::ui
