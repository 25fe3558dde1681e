// What a sweep is to run: one Int or Real parameter of a scenario (with its
// allowed range shown), from, to, step, repeats and seed. Every edit is
// checked (each value with the engine's parse_value, the whole with
// il::sweep::parse_sweep) and a problem is shown next to the field it is
// about. The other parameters come from the caller. GUI thread only.
#pragma once

#include "scenario/scenario.h"
#include "sweep/sweep.h"

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace il::ui {

class SweepForm : public QWidget {
    Q_OBJECT
public:
    // Fields: "sweepParam" (combo), "sweepFrom", "sweepTo", "sweepStep",
    // "sweepRepeat", "sweepSeed"; messages "<field>Error" and "sweepError".
    // `assignments`: the other parameters, name=value (the swept one, if
    // there, is left out).
    SweepForm(const scenario::Scenario& scenario, std::vector<std::string> assignments,
              QWidget* parent = nullptr);

    // The sweep as entered; nullopt while something is wrong.
    const std::optional<sweep::SweepSpec>& spec() const { return spec_; }
    bool isValid() const { return spec_.has_value(); }
    // The first problem, in words ("" when valid).
    QString problem() const;

    // For tests and callers that know what they want (value as typed).
    void setParameter(const QString& name);
    void setRange(const QString& from, const QString& to, const QString& step = {});

signals:
    void validityChanged(bool valid);

private:
    struct Field {
        QLineEdit* edit = nullptr;
        QLabel* error = nullptr;
    };
    Field add_field(const char* name, const QString& label);
    const scenario::ParamSpec* current() const;
    void param_changed();
    void validate();
    QString check_step(const scenario::ParamSpec& spec) const;

    const scenario::Scenario& scenario_;
    std::vector<std::string> assignments_;
    std::vector<const scenario::ParamSpec*> numeric_; // the combo's items, in order
    QComboBox* param_;
    QLabel* allowed_;
    Field from_, to_, step_, seed_;
    QSpinBox* repeat_;
    QLabel* error_;
    QFormLayout* form_;
    std::optional<sweep::SweepSpec> spec_;
    bool valid_ = false;
};

} // namespace il::ui
