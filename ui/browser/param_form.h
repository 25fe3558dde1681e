// A form generated from a scenario's parameter specs: one field per
// parameter, each edit checked with il::scenario::parse_value, the engine's
// message shown under a field that does not pass. Owns copies of the specs;
// GUI thread only.
#pragma once

#include "scenario/param.h"

#include <QWidget>

#include <string>
#include <vector>

class QFormLayout;
class QLabel;

namespace il::ui {

class ParamForm : public QWidget {
    Q_OBJECT
public:
    explicit ParamForm(QWidget* parent = nullptr);

    // Rebuilds the form with every field at its default.
    void setSpecs(std::vector<scenario::ParamSpec> specs);
    const std::vector<scenario::ParamSpec>& specs() const { return specs_; }

    // "name=value" for every field whose value differs from its default (or
    // for every field with includeDefaults), in spec order. Valid values are
    // written canonically (value_text); an invalid field is passed as typed,
    // so parse_params reports the same error rather than a silent default.
    std::vector<std::string> assignments(bool includeDefaults = false) const;
    // Resets to defaults, then applies "name=value" items (from settings).
    // Unknown names and malformed items are ignored. An invalid value for a
    // text field is shown in it with its error; a check box or combo box
    // cannot show one, so it keeps the default and shows the message as a note.
    void setAssignments(const std::vector<std::string>& assignments);
    bool isValid() const { return valid_; }

public slots:
    void resetToDefaults();

signals:
    void validityChanged(bool valid);
    void changed(); // any value changed (by the user or by the calls above)

private:
    struct Field {
        QWidget* editor = nullptr; // QLineEdit, QCheckBox or QComboBox
        QLabel* error = nullptr;
        bool valid = true;
    };

    QWidget* make_editor(const scenario::ParamSpec& spec, std::size_t index);
    QString text_of(std::size_t index) const;
    void set_text(std::size_t index, const QString& text);
    void validate(std::size_t index);
    void show_error(std::size_t index, const QString& message);
    void update_validity();
    void edited();

    std::vector<scenario::ParamSpec> specs_;
    std::vector<Field> fields_;
    QFormLayout* form_;
    QLabel* empty_;
    bool valid_ = true;
    bool bulk_ = false; // inside a reset/restore: one changed() at the end
};

} // namespace il::ui
