#include "shell/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>
#include <vector>

namespace il::ui {

namespace {
std::vector<std::unique_ptr<QTranslator>>& installed() {
    static std::vector<std::unique_ptr<QTranslator>> list;
    return list;
}
QString& current() {
    static QString language = "en";
    return language;
}
} // namespace

QString resolve_language(const QString& preferred) {
    if (available_languages().contains(preferred))
        return preferred;
    return QLocale::system().language() == QLocale::Chinese ? "zh_CN" : "en";
}

QStringList available_languages() {
    return {"en", "zh_CN"};
}

QString language_name(const QString& language) {
    return language == "zh_CN" ? QStringLiteral("简体中文") : QStringLiteral("English");
}

bool apply_language(const QString& language) {
    for (auto& t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();
    current() = "en";
    if (language != "zh_CN")
        return language == "en";

    bool ok = true;
    auto load = [&](const QString& file, const QString& dir, bool required) {
        auto t = std::make_unique<QTranslator>();
        if (t->load(file, dir)) {
            QCoreApplication::installTranslator(t.get());
            installed().push_back(std::move(t));
        } else if (required) {
            ok = false;
        }
    };
    load("interleave_zh_CN", ":/i18n", true);
    load("interleave_scenarios_zh_CN", ":/i18n", true);
    // Qt's own strings (standard dialogs, context menus); optional.
    load("qtbase_zh_CN", QLibraryInfo::path(QLibraryInfo::TranslationsPath), false);
    if (ok)
        current() = "zh_CN";
    return ok;
}

QString current_language() {
    return current();
}

QString scenario_text(const std::string& english) {
    return QCoreApplication::translate("il::ui::Scenario", english.c_str());
}

} // namespace il::ui
