// The user interface language: English (the source strings) or Simplified
// Chinese (Qt Linguist translations of the app, the scenario texts and Qt's
// own dialogs). Installs translators on the application. GUI thread only.
#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace il::ui {

// "en" or "zh_CN"; the system locale decides when `preferred` is empty.
QString resolve_language(const QString& preferred);
QStringList available_languages();              // "en", "zh_CN"
QString language_name(const QString& language); // in that language: "English", "简体中文"

// Replaces the installed translators; false (and English) when a translation
// file is missing from the resources.
bool apply_language(const QString& language);
QString current_language();

// A scenario's title, chapter, description or parameter help in the current
// language (the engine keeps them in English).
QString scenario_text(const std::string& english);

} // namespace il::ui
