#include "browser/python_highlighter.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

using il::ui::PythonHighlighter;
using Role = PythonHighlighter::Role;

class TestPythonHighlighter : public QObject {
    Q_OBJECT

    // The foreground colour the highlighter gave character `pos` of `line`
    // (invalid when the character has no format).
    static QColor colorAt(const QTextDocument& doc, int line, int pos) {
        const QTextBlock block = doc.findBlockByNumber(line);
        for (const QTextLayout::FormatRange& r : block.layout()->formats())
            if (pos >= r.start && pos < r.start + r.length)
                return r.format.foreground().color();
        return {};
    }
    static QColor roleColor(const PythonHighlighter& h, Role role) {
        return h.format(role).foreground().color();
    }
    // Column of `needle` in `line` (0-based), asserting that it is there.
    static int col(const QTextDocument& doc, int line, const QString& needle) {
        const int c = int(doc.findBlockByNumber(line).text().indexOf(needle));
        Q_ASSERT(c >= 0);
        return c;
    }

private slots:
    void rolesHaveDistinctColors() {
        QTextDocument doc;
        PythonHighlighter h(&doc);
        QSet<QRgb> colors;
        for (int r = 0; r < int(Role::Count); ++r)
            colors.insert(roleColor(h, Role(r)).rgb());
        QCOMPARE(colors.size(), int(Role::Count));
    }

    void tokensOnOneLine() {
        QTextDocument doc;
        doc.documentLayout(); // without a layout the document signals no changes
        PythonHighlighter h(&doc);
        doc.setPlainText("def work(n, locked=True):  # count 42\n"
                         "    total = len(items) + 3.5e2 + 0x1F\n"
                         "    print(f\"done {n}\", 'x\\'y')\n"
                         "@functools.cache\n"
                         "class Worker(threading.Thread):\n"
                         "    self.len = item.len\n");
        // def + its name, keyword constant, comment (with a number inside it).
        QCOMPARE(colorAt(doc, 0, 0), roleColor(h, Role::Keyword));
        QCOMPARE(colorAt(doc, 0, 4), roleColor(h, Role::Definition));
        QCOMPARE(colorAt(doc, 0, 7), roleColor(h, Role::Definition));
        QCOMPARE(colorAt(doc, 0, 9), QColor()); // n: a plain name
        QCOMPARE(colorAt(doc, 0, col(doc, 0, "True")), roleColor(h, Role::Keyword));
        QCOMPARE(colorAt(doc, 0, col(doc, 0, "#")), roleColor(h, Role::Comment));
        QCOMPARE(colorAt(doc, 0, col(doc, 0, "42")), roleColor(h, Role::Comment));
        // Builtin and numbers.
        QCOMPARE(colorAt(doc, 1, col(doc, 1, "total")), QColor());
        QCOMPARE(colorAt(doc, 1, col(doc, 1, "len")), roleColor(h, Role::Builtin));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(colorAt(doc, 1, col(doc, 1, "3.5e2") + i), roleColor(h, Role::Number));
        QCOMPARE(colorAt(doc, 1, col(doc, 1, "0x1F") + 3), roleColor(h, Role::Number));
        // An f-string with its prefix, and an escaped quote inside a string.
        QCOMPARE(colorAt(doc, 2, col(doc, 2, "f\"")), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 2, col(doc, 2, "done")), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 2, col(doc, 2, "y'")), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 2, col(doc, 2, ")")), QColor());
        // Decorator, class and its name; attributes named like builtins stay plain.
        QCOMPARE(colorAt(doc, 3, 0), roleColor(h, Role::Decorator));
        QCOMPARE(colorAt(doc, 3, col(doc, 3, "cache")), roleColor(h, Role::Decorator));
        QCOMPARE(colorAt(doc, 4, 0), roleColor(h, Role::Keyword));
        QCOMPARE(colorAt(doc, 4, col(doc, 4, "Worker")), roleColor(h, Role::Definition));
        QCOMPARE(colorAt(doc, 4, col(doc, 4, "threading")), QColor());
        QCOMPARE(colorAt(doc, 5, col(doc, 5, "self")), roleColor(h, Role::Builtin));
        QCOMPARE(colorAt(doc, 5, col(doc, 5, "len")), QColor());
    }

    void tripleQuotedStringSpansLines() {
        QTextDocument doc;
        doc.documentLayout(); // without a layout the document signals no changes
        PythonHighlighter h(&doc);
        doc.setPlainText("x = \"\"\"first\n"
                         "def not_code(): # still text\n"
                         "end\"\"\" + 1\n"
                         "y = '''one line''' # c\n"
                         "z = 2\n");
        QCOMPARE(colorAt(doc, 0, col(doc, 0, "first")), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 1, 0), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 1, col(doc, 1, "#")), roleColor(h, Role::String));
        QCOMPARE(doc.findBlockByNumber(1).userState(), 2);
        QCOMPARE(colorAt(doc, 2, 0), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 2, col(doc, 2, "\"\"\"") + 2), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 2, col(doc, 2, "1")), roleColor(h, Role::Number));
        QCOMPARE(doc.findBlockByNumber(2).userState(), 0);
        QCOMPARE(colorAt(doc, 3, col(doc, 3, "one")), roleColor(h, Role::String));
        QCOMPARE(colorAt(doc, 3, col(doc, 3, "#")), roleColor(h, Role::Comment));
        QCOMPARE(colorAt(doc, 4, col(doc, 4, "2")), roleColor(h, Role::Number));

        // Closing the string on line 0 re-colours the lines after it.
        QTextCursor cursor(doc.findBlockByNumber(0));
        cursor.movePosition(QTextCursor::EndOfBlock);
        cursor.insertText("\"\"\"");
        QCOMPARE(colorAt(doc, 1, 0), roleColor(h, Role::Keyword));
        QCOMPARE(colorAt(doc, 1, col(doc, 1, "#")), roleColor(h, Role::Comment));
    }

    void darkPaletteChangesColors() {
        QTextDocument doc;
        doc.documentLayout(); // without a layout the document signals no changes
        PythonHighlighter h(&doc);
        doc.setPlainText("import threading\n");
        const QColor light = roleColor(h, Role::Keyword);
        const QPalette saved = QGuiApplication::palette();
        QPalette dark = saved;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        QGuiApplication::setPalette(dark);
        h.updatePalette();
        QVERIFY(roleColor(h, Role::Keyword) != light);
        QCOMPARE(colorAt(doc, 0, 0), roleColor(h, Role::Keyword));
        QGuiApplication::setPalette(saved);
    }
};

QTEST_MAIN(TestPythonHighlighter)
#include "tst_python_highlighter.moc"
