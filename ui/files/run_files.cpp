#include "files/run_files.h"

#include "runfile/runfile.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QSettings>
#include <QtConcurrent>

#include <stdexcept>

namespace il::ui {

namespace {

QString filter() {
    return RunFiles::tr("Interleave runs (*%1)").arg(QString::fromLatin1(runfile::kExtension));
}

QString last_folder() {
    return QSettings().value("files/lastFolder").toString();
}

void remember_folder(const QString& path) {
    QSettings().setValue("files/lastFolder", QFileInfo(path).absolutePath());
}

} // namespace

RunFiles::RunFiles(QWidget* dialog_parent) : QObject(dialog_parent), parent_(dialog_parent) {
    connect(&watcher_, &QFutureWatcher<RunDataPtr>::finished, this, [this] {
        RunDataPtr data = watcher_.result();
        if (data)
            emit opened(std::move(data), opening_);
        else
            emit failed(opening_, error_);
    });
}

RunFiles::~RunFiles() {
    watcher_.waitForFinished(); // the worker writes error_
}

QString RunFiles::whyNotSavable(const RunData& data) {
    if (data.live || data.snapshot.records.empty() || data.scenario.empty())
        return tr("Nothing to save yet: run a scenario to its end first.");
    return {};
}

void RunFiles::save(const RunData& data, const QString& path) {
    if (const QString why = whyNotSavable(data); !why.isEmpty())
        throw std::runtime_error(why.toStdString());
    runfile::save_run(run_result_of(data), path.toStdString());
}

RunDataPtr RunFiles::load(const QString& path) {
    scenario::RunResult result = runfile::open_run(path.toStdString());
    std::string text = params_text(result.params);
    return make_run_data(std::move(result), std::move(text));
}

void RunFiles::saveAs(const RunDataPtr& data) {
    if (const QString why = whyNotSavable(data ? *data : RunData{}); !why.isEmpty()) {
        QMessageBox::information(parent_, tr("Save run"), why);
        return;
    }
    QString name = QDir(last_folder())
                       .filePath(QString::fromStdString(data->scenario) +
                                 QString::fromLatin1(runfile::kExtension));
    QString path = QFileDialog::getSaveFileName(parent_, tr("Save run"), name, filter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QString::fromLatin1(runfile::kExtension);
    try {
        save(*data, path);
        remember_folder(path);
        emit saved(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(parent_, tr("Save run"), QString::fromStdString(e.what()));
    }
}

void RunFiles::openWithDialog() {
    QString path = QFileDialog::getOpenFileName(parent_, tr("Open run"), last_folder(),
                                                filter() + ";;" + tr("All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void RunFiles::open(const QString& path) {
    if (watcher_.isRunning())
        return;
    opening_ = path;
    error_.clear();
    remember_folder(path);
    watcher_.setFuture(QtConcurrent::run([this, path]() -> RunDataPtr {
        try {
            return load(path);
        } catch (const std::exception& e) {
            error_ = QString::fromStdString(e.what());
        } catch (...) {
            error_ = tr("'%1' could not be opened").arg(path);
        }
        return nullptr;
    }));
}

} // namespace il::ui
