// What the learner reads about the chosen scenario: its title and chapter,
// what it teaches, what to watch for, and the Python sketch of the same idea
// (highlighted). Reads the static catalog only; GUI thread only.
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTextBrowser;

namespace il::ui {

class PythonHighlighter;

class ScenarioPage : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioPage(QWidget* parent = nullptr);

    // Shows a scenario of the catalog; an unknown id empties the page.
    void setScenario(const QString& id);
    QString scenario() const { return id_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    QString id_;
    QLabel* title_;
    QLabel* chapter_;
    QTextBrowser* about_;
    QPlainTextEdit* python_;
    PythonHighlighter* highlighter_;
};

} // namespace il::ui
