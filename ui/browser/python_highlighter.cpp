#include "browser/python_highlighter.h"

#include "style/colors.h"

#include <QRegularExpression>
#include <QSet>

namespace il::ui {

namespace {

const QSet<QString>& keywords() {
    static const QSet<QString> k{
        "False",   "None",     "True",     "and",    "as",   "assert", "async",  "await",
        "break",   "class",    "continue", "def",    "del",  "elif",   "else",   "except",
        "finally", "for",      "from",     "global", "if",   "import", "in",     "is",
        "lambda",  "nonlocal", "not",      "or",     "pass", "raise",  "return", "try",
        "while",   "with",     "yield",    "match",  "case"};
    return k;
}

const QSet<QString>& builtins() {
    static const QSet<QString> b{
        "abs",          "all",        "any",      "bool",         "bytes",        "callable",
        "dict",         "enumerate",  "filter",   "float",        "getattr",      "hasattr",
        "hash",         "id",         "input",    "int",          "isinstance",   "iter",
        "len",          "list",       "map",      "max",          "min",          "next",
        "object",       "open",       "print",    "range",        "repr",         "reversed",
        "round",        "set",        "setattr",  "sorted",       "str",          "sum",
        "super",        "tuple",      "type",     "zip",          "self",         "Exception",
        "RuntimeError", "ValueError", "KeyError", "TimeoutError", "StopIteration"};
    return b;
}

bool is_ident_start(QChar c) {
    return c.isLetter() || c == '_';
}
bool is_ident(QChar c) {
    return c.isLetterOrNumber() || c == '_';
}

// Syntax colours are an editor's concern, not the trace's, so they live here
// rather than in style/colors.h; light and dark pairs follow the palette.
QColor pick(QColor light, QColor dark) {
    return dark_palette() ? dark : light;
}

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
    updatePalette();
}

void PythonHighlighter::updatePalette() {
    auto make = [](QColor c, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    formats_[int(Role::Keyword)] =
        make(pick(QColor(0x00, 0x33, 0xb3), QColor(0xcf, 0x8e, 0x6d)), true);
    formats_[int(Role::Builtin)] = make(pick(QColor(0x00, 0x80, 0x80), QColor(0x56, 0xb6, 0xc2)));
    formats_[int(Role::String)] = make(pick(QColor(0x06, 0x7d, 0x17), QColor(0x98, 0xc3, 0x79)));
    formats_[int(Role::Comment)] =
        make(pick(QColor(0x8c, 0x8c, 0x8c), QColor(0x7f, 0x84, 0x8e)), false, true);
    formats_[int(Role::Number)] = make(pick(QColor(0x17, 0x50, 0xeb), QColor(0xd1, 0x9a, 0x66)));
    formats_[int(Role::Decorator)] = make(pick(QColor(0x9e, 0x88, 0x0d), QColor(0xe5, 0xc0, 0x7b)));
    formats_[int(Role::Definition)] =
        make(pick(QColor(0x00, 0x62, 0x7a), QColor(0x61, 0xaf, 0xef)), true);
    rehighlight();
}

// Where the triple-quoted string opened before `from` ends (just past its
// closing quotes), or -1 when it runs past this line.
int PythonHighlighter::close_triple(const QString& text, int from, QChar quote) {
    const QString close(3, quote);
    for (int i = from; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
            continue;
        }
        if (text.mid(i, 3) == close)
            return i + 3;
    }
    return -1;
}

// A string literal starting at its quote character `i`: formats it and
// returns the index just past it (the line's end when it stays open).
int PythonHighlighter::string_at(const QString& text, int i) {
    const QChar q = text[i];
    if (text.mid(i, 3) == QString(3, q)) {
        const int end = close_triple(text, i + 3, q);
        if (end < 0) {
            setFormat(i, text.size() - i, formats_[int(Role::String)]);
            setCurrentBlockState(q == '\'' ? InSingleTriple : InDoubleTriple);
            return text.size();
        }
        setFormat(i, end - i, formats_[int(Role::String)]);
        return end;
    }
    int j = i + 1;
    while (j < text.size() && text[j] != q)
        j += text[j] == '\\' ? 2 : 1;
    j = std::min<int>(j + 1, text.size());
    setFormat(i, j - i, formats_[int(Role::String)]);
    return j;
}

void PythonHighlighter::highlightBlock(const QString& text) {
    static const QRegularExpression number(
        R"(0[xX][0-9a-fA-F_]+|0[oObB][0-7_]+|(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?[jJ]?)");
    setCurrentBlockState(Normal);
    int i = 0;
    const int open = previousBlockState();
    if (open == InSingleTriple || open == InDoubleTriple) {
        const QChar q = open == InSingleTriple ? '\'' : '"';
        const int end = close_triple(text, 0, q);
        if (end < 0) {
            setFormat(0, text.size(), formats_[int(Role::String)]);
            setCurrentBlockState(open);
            return;
        }
        setFormat(0, end, formats_[int(Role::String)]);
        i = end;
    }
    bool name_follows = false; // the previous word was def or class
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == '#') {
            setFormat(i, text.size() - i, formats_[int(Role::Comment)]);
            return;
        }
        if (c == '"' || c == '\'') {
            i = string_at(text, i);
            continue;
        }
        if (c == '@' && text.left(i).trimmed().isEmpty()) {
            int j = i + 1;
            while (j < text.size() && (is_ident(text[j]) || text[j] == '.'))
                ++j;
            setFormat(i, j - i, formats_[int(Role::Decorator)]);
            i = j;
            continue;
        }
        if (c.isDigit() || (c == '.' && i + 1 < text.size() && text[i + 1].isDigit())) {
            auto m = number.match(text, i, QRegularExpression::NormalMatch,
                                  QRegularExpression::AnchorAtOffsetMatchOption);
            const int len = m.hasMatch() ? int(m.capturedLength()) : 1;
            setFormat(i, len, formats_[int(Role::Number)]);
            i += len;
            continue;
        }
        if (is_ident_start(c)) {
            int j = i;
            while (j < text.size() && is_ident(text[j]))
                ++j;
            const QString word = text.mid(i, j - i);
            // String prefixes: r"..", b'..', f"..", rb"..".
            if (j < text.size() && (text[j] == '"' || text[j] == '\'') && word.size() <= 2 &&
                QStringLiteral("rRbBfFuU").contains(word[0])) {
                setFormat(i, j - i, formats_[int(Role::String)]);
                i = string_at(text, j);
                continue;
            }
            if (name_follows) {
                setFormat(i, j - i, formats_[int(Role::Definition)]);
                name_follows = false;
            } else if (keywords().contains(word)) {
                setFormat(i, j - i, formats_[int(Role::Keyword)]);
                name_follows = word == "def" || word == "class";
            } else if (builtins().contains(word) && (i == 0 || text[i - 1] != '.')) {
                setFormat(i, j - i, formats_[int(Role::Builtin)]);
            }
            i = j;
            continue;
        }
        if (!c.isSpace())
            name_follows = false;
        ++i;
    }
}

} // namespace il::ui
