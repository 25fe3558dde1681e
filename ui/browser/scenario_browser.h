// The scenario browser: a search field over a tree of chapters and their
// scenarios, from il::scenario::catalog(). Reads the static catalog only;
// GUI thread only.
#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace il::ui {

class ScenarioBrowser : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioBrowser(QWidget* parent = nullptr);

    // The selected scenario's id, or empty when a chapter or nothing is selected.
    QString currentScenario() const;
    // Selects (and emits scenarioSelected for) a scenario; clears the search
    // when it hides that scenario. Unknown ids are ignored.
    void setCurrentScenario(const QString& id);
    // The chapters in browser order (the fixed order, then any others).
    static QStringList chapterOrder();

public slots:
    void focusSearch(); // Ctrl+F also does this while the window is active

signals:
    void scenarioSelected(const QString& id);

private:
    void build();
    void filter(const QString& text);
    void select_first_match();
    QTreeWidgetItem* find_item(const QString& id) const;

    QLineEdit* search_;
    QTreeWidget* tree_;
};

} // namespace il::ui
