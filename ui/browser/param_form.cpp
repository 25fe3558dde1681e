#include "browser/param_form.h"

#include "shell/language.h"
#include "style/colors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace il::ui {

namespace {

using scenario::ParamSpec;
using scenario::ParamType;

// What a parameter takes, in the current language (the engine says it in English).
QString allowed_text(const ParamSpec& spec) {
    auto num = [](double v) { return QString::number(v, 'g', 12); };
    switch (spec.type) {
    case ParamType::Int:
        return ParamForm::tr("an integer in %1..%2").arg(num(spec.min), num(spec.max));
    case ParamType::Real:
        return ParamForm::tr("a number in %1..%2").arg(num(spec.min), num(spec.max));
    case ParamType::Bool:
        return ParamForm::tr("true or false");
    case ParamType::Choice: {
        QStringList choices;
        for (const auto& c : spec.choices)
            choices << QString::fromStdString(c);
        return ParamForm::tr("one of %1").arg(choices.join(", "));
    }
    case ParamType::Text:
        return ParamForm::tr("any text");
    }
    return {};
}

// The engine's message names the parameter, the value and what is allowed,
// in English; another language gets the same facts in its own words.
QString error_text(const ParamSpec& spec, const QString& typed, const char* engine_message) {
    if (current_language() == "en")
        return QString::fromStdString(engine_message);
    return ParamForm::tr("parameter '%1': '%2' is not allowed; allowed: %3")
        .arg(QString::fromStdString(spec.name), typed, allowed_text(spec));
}

} // namespace

namespace {

// Help texts come from the engine; the lead's translation may supply them.

} // namespace

ParamForm::ParamForm(QWidget* parent) : QWidget(parent) {
    setObjectName("paramForm");
    form_ = new QFormLayout;
    form_->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    empty_ = new QLabel(tr("This scenario has no parameters."));
    empty_->setObjectName("noParams");
    auto* reset = new QPushButton(tr("Reset to defaults"));
    reset->setObjectName("resetParams");
    reset->setToolTip(tr("Put every parameter back to its default value"));
    connect(reset, &QPushButton::clicked, this, &ParamForm::resetToDefaults);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(reset);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form_);
    layout->addWidget(empty_);
    layout->addLayout(buttons);
    layout->addStretch(1);
}

void ParamForm::setSpecs(std::vector<ParamSpec> specs) {
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    specs_ = std::move(specs);
    fields_.assign(specs_.size(), Field{});
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        const ParamSpec& spec = specs_[i];
        const QString name = QString::fromStdString(spec.name);
        auto* cell = new QWidget;
        auto* column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        fields_[i].editor = make_editor(spec, i);
        column->addWidget(fields_[i].editor);
        if (spec.type != ParamType::Bool) {
            auto* help = new QLabel(scenario_text(spec.help));
            help->setWordWrap(true);
            help->setForegroundRole(QPalette::PlaceholderText);
            column->addWidget(help);
        }
        auto* error = new QLabel;
        error->setObjectName("error_" + name);
        error->setWordWrap(true);
        // The deadlock red is the app's one "something is wrong" colour.
        error->setStyleSheet(QStringLiteral("color: %1").arg(deadlock_color().name()));
        error->hide();
        column->addWidget(error);
        fields_[i].error = error;
        auto* label = new QLabel(name + ':');
        label->setBuddy(fields_[i].editor);
        label->setToolTip(scenario_text(spec.help));
        form_->addRow(label, cell);
    }
    empty_->setVisible(specs_.empty());
    update_validity();
    emit changed();
}

QWidget* ParamForm::make_editor(const ParamSpec& spec, std::size_t index) {
    const QString name = QString::fromStdString(spec.name);
    const QString def = QString::fromStdString(spec.default_value);
    const QString tip = tr("%1 (default %2)").arg(allowed_text(spec), def);
    QWidget* editor = nullptr;
    switch (spec.type) {
    case ParamType::Bool: {
        // The help is the box's own text: clicking it toggles, as users expect.
        auto* box = new QCheckBox(scenario_text(spec.help));
        box->setChecked(std::get<bool>(scenario::parse_value(spec, spec.default_value)));
        connect(box, &QCheckBox::toggled, this, [this, index] {
            show_error(index, {});
            edited();
        });
        editor = box;
        break;
    }
    case ParamType::Choice: {
        auto* combo = new QComboBox;
        for (const std::string& c : spec.choices)
            combo->addItem(QString::fromStdString(c));
        combo->setCurrentText(def);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, index] {
            show_error(index, {});
            edited();
        });
        editor = combo;
        break;
    }
    case ParamType::Int:
    case ParamType::Real:
    case ParamType::Text: {
        auto* line = new QLineEdit(def);
        line->setPlaceholderText(allowed_text(spec));
        line->setClearButtonEnabled(false);
        connect(line, &QLineEdit::textChanged, this, [this, index] {
            validate(index);
            edited();
        });
        editor = line;
        break;
    }
    }
    editor->setObjectName("param_" + name);
    editor->setToolTip(tip);
    return editor;
}

QString ParamForm::text_of(std::size_t index) const {
    QWidget* e = fields_[index].editor;
    if (auto* box = qobject_cast<QCheckBox*>(e))
        return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto* combo = qobject_cast<QComboBox*>(e))
        return combo->currentText();
    return static_cast<QLineEdit*>(e)->text();
}

// Returns with the field showing `text` when it can; a check box or combo box
// keeps its value when `text` is not one it can show, and notes why.
void ParamForm::set_text(std::size_t index, const QString& text) {
    QWidget* e = fields_[index].editor;
    if (auto* line = qobject_cast<QLineEdit*>(e)) {
        line->setText(text);
        validate(index); // also when the text did not change
        return;
    }
    try {
        const auto value = scenario::parse_value(specs_[index], text.toStdString());
        if (auto* box = qobject_cast<QCheckBox*>(e))
            box->setChecked(std::get<bool>(value));
        else
            static_cast<QComboBox*>(e)->setCurrentText(text);
        show_error(index, {});
    } catch (const scenario::ParamError& err) {
        show_error(index, error_text(specs_[index], text, err.what()));
    }
}

void ParamForm::validate(std::size_t index) {
    Field& f = fields_[index];
    try {
        scenario::parse_value(specs_[index], text_of(index).toStdString());
        f.valid = true;
        show_error(index, {});
    } catch (const scenario::ParamError& err) {
        f.valid = false;
        show_error(index, error_text(specs_[index], text_of(index), err.what()));
    }
    update_validity();
}

void ParamForm::show_error(std::size_t index, const QString& message) {
    fields_[index].error->setText(message);
    fields_[index].error->setVisible(!message.isEmpty());
}

void ParamForm::update_validity() {
    const bool valid =
        std::all_of(fields_.begin(), fields_.end(), [](const Field& f) { return f.valid; });
    if (valid == valid_)
        return;
    valid_ = valid;
    emit validityChanged(valid_);
}

void ParamForm::edited() {
    if (!bulk_)
        emit changed();
}

std::vector<std::string> ParamForm::assignments(bool includeDefaults) const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        const ParamSpec& spec = specs_[i];
        const std::string text = text_of(i).toStdString();
        std::string value = text;
        if (fields_[i].valid) {
            const auto v = scenario::parse_value(spec, text);
            if (!includeDefaults && v == scenario::parse_value(spec, spec.default_value))
                continue;
            value = scenario::value_text(v);
        }
        out.push_back(spec.name + '=' + value);
    }
    return out;
}

void ParamForm::setAssignments(const std::vector<std::string>& assignments) {
    bulk_ = true;
    resetToDefaults();
    for (const std::string& a : assignments) {
        const auto eq = a.find('=');
        if (eq == std::string::npos)
            continue;
        const std::string name = a.substr(0, eq);
        for (std::size_t i = 0; i < specs_.size(); ++i)
            if (specs_[i].name == name)
                set_text(i, QString::fromStdString(a.substr(eq + 1)));
    }
    bulk_ = false;
    emit changed();
}

void ParamForm::resetToDefaults() {
    const bool outer = bulk_;
    bulk_ = true;
    for (std::size_t i = 0; i < specs_.size(); ++i)
        set_text(i, QString::fromStdString(specs_[i].default_value));
    bulk_ = outer;
    if (!bulk_)
        emit changed();
}

} // namespace il::ui
