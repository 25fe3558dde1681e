// Colours Python source in a QTextDocument (the scenario's sketch): keywords,
// builtins, strings (triple-quoted ones across lines), comments, numbers,
// decorators and the names that def/class introduce. Attached to one
// document, which owns it through QObject parenting; GUI thread only.
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace il::ui {

class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Role { Keyword, Builtin, String, Comment, Number, Decorator, Definition, Count };

    explicit PythonHighlighter(QTextDocument* document);

    // The format used for a role under the current palette (tests compare with it).
    QTextCharFormat format(Role role) const { return formats_[int(role)]; }
    // Picks light or dark colours from the application palette and re-colours.
    void updatePalette();

protected:
    void highlightBlock(const QString& text) override;

private:
    // Block states carry an open triple-quoted string into the next line.
    enum State { Normal = 0, InSingleTriple = 1, InDoubleTriple = 2 };

    int string_at(const QString& text, int i);
    int close_triple(const QString& text, int from, QChar quote);

    QTextCharFormat formats_[int(Role::Count)];
};

} // namespace il::ui
