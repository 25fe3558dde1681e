#include "sweep/sweep_form.h"

#include "style/colors.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <cmath>
#include <limits>

namespace il::ui {

namespace {

bool numeric(const scenario::ParamSpec& p) {
    return p.type == scenario::ParamType::Int || p.type == scenario::ParamType::Real;
}

QLabel* error_label(const QString& name) {
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: %1").arg(deadlock_color().name()));
    l->hide();
    return l;
}

// A row label whose mnemonic focuses `field` (a row given as a layout has none).
QLabel* buddy(const QString& text, QWidget* field) {
    auto* l = new QLabel(text);
    l->setBuddy(field);
    return l;
}

void show_error(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

SweepForm::SweepForm(const scenario::Scenario& scenario, std::vector<std::string> assignments,
                     QWidget* parent)
    : QWidget(parent), scenario_(scenario), assignments_(std::move(assignments)) {
    form_ = new QFormLayout(this);
    param_ = new QComboBox;
    param_->setObjectName("sweepParam");
    for (const scenario::ParamSpec& p : scenario_.info().params)
        if (numeric(p)) {
            numeric_.push_back(&p);
            param_->addItem(QString::fromStdString(p.name));
        }
    allowed_ = new QLabel;
    allowed_->setObjectName("sweepAllowed");
    auto* row = new QHBoxLayout;
    row->addWidget(param_);
    row->addWidget(allowed_, 1);
    form_->addRow(buddy(tr("&Parameter"), param_), row);
    from_ = add_field("sweepFrom", tr("&From"));
    to_ = add_field("sweepTo", tr("&To"));
    step_ = add_field("sweepStep", tr("St&ep"));
    repeat_ = new QSpinBox;
    repeat_->setObjectName("sweepRepeat");
    repeat_->setRange(1, 100); // what il::sweep allows
    repeat_->setToolTip(tr("Runs per value; the table shows their median"));
    repeat_->setMaximumWidth(from_.edit->maximumWidth());
    form_->addRow(buddy(tr("&Repeats"), repeat_), repeat_);
    seed_ = add_field("sweepSeed", tr("See&d"));
    seed_.edit->setText(QStringLiteral("1"));
    seed_.edit->setToolTip(tr("Repeat r of every value runs with seed + r"));
    error_ = error_label("sweepError");
    form_->addRow(error_);

    connect(param_, &QComboBox::currentIndexChanged, this, &SweepForm::param_changed);
    for (QLineEdit* e : {from_.edit, to_.edit, step_.edit, seed_.edit})
        connect(e, &QLineEdit::textChanged, this, &SweepForm::validate);
    connect(repeat_, &QSpinBox::valueChanged, this, &SweepForm::validate);
    param_changed();
}

SweepForm::Field SweepForm::add_field(const char* name, const QString& label) {
    Field f;
    f.edit = new QLineEdit;
    f.edit->setObjectName(name);
    // Numbers are short: the room to the right is for the field's message.
    f.edit->setMaximumWidth(f.edit->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 14);
    f.error = error_label(QString::fromLatin1(name) + QStringLiteral("Error"));
    auto* row = new QHBoxLayout;
    row->addWidget(f.edit);
    row->addWidget(f.error, 1);
    form_->addRow(buddy(label, f.edit), row);
    return f;
}

const scenario::ParamSpec* SweepForm::current() const {
    const int i = param_->currentIndex();
    return i >= 0 && i < int(numeric_.size()) ? numeric_[std::size_t(i)] : nullptr;
}

void SweepForm::setParameter(const QString& name) {
    param_->setCurrentText(name);
}

void SweepForm::setRange(const QString& from, const QString& to, const QString& step) {
    from_.edit->setText(from);
    to_.edit->setText(to);
    step_.edit->setText(step);
}

void SweepForm::param_changed() {
    const scenario::ParamSpec* p = current();
    if (!p) {
        allowed_->clear();
        validate();
        return;
    }
    const bool integer = p->type == scenario::ParamType::Int;
    allowed_->setText(integer ? tr("whole number, %1 to %2").arg(p->min).arg(p->max)
                              : tr("number, %1 to %2").arg(p->min).arg(p->max));
    // A start of 1 where allowed: speedups are relative to the first value,
    // and a worker count of 1 is the usual baseline.
    const double from = p->min <= 1 && p->max >= 1 ? 1.0 : p->min;
    const double to = std::min(p->max, from + 7);
    step_.edit->setPlaceholderText(integer ? QStringLiteral("1") : tr("8 values"));
    setRange(QString::number(from), QString::number(to), {});
    validate(); // a new parameter with the same texts emits no textChanged
}

QString SweepForm::check_step(const scenario::ParamSpec& p) const {
    const QString text = step_.edit->text().trimmed();
    if (text.isEmpty())
        return {};
    bool ok = false;
    const double step = text.toDouble(&ok);
    if (!ok || !std::isfinite(step) || step <= 0)
        return tr("The step must be a number above 0.");
    if (p.type == scenario::ParamType::Int && step != std::floor(step))
        return tr("The step of an integer parameter must be a whole number.");
    return {};
}

void SweepForm::validate() {
    spec_.reset();
    for (const Field* f : {&from_, &to_, &step_, &seed_})
        show_error(f->error, {});
    show_error(error_, {});
    const scenario::ParamSpec* p = current();
    bool ok = p != nullptr;
    if (!p)
        show_error(error_, tr("This scenario has no numeric parameter to sweep."));
    // Each end on its own, with the engine's words for what is allowed.
    auto value = [&](const Field& f) -> std::optional<double> {
        try {
            const auto v = scenario::parse_value(*p, f.edit->text().trimmed().toStdString());
            if (const auto* i = std::get_if<std::int64_t>(&v))
                return double(*i);
            return std::get<double>(v);
        } catch (const std::exception& e) {
            show_error(f.error, QString::fromStdString(e.what()));
            return std::nullopt;
        }
    };
    if (p) {
        const std::optional<double> from = value(from_), to = value(to_);
        ok = from && to;
        if (ok && *from > *to) {
            show_error(to_.error, tr("“To” (%1) is below “from” (%2).").arg(*to).arg(*from));
            ok = false;
        }
        const QString step = check_step(*p);
        show_error(step_.error, step);
        ok = ok && step.isEmpty();
    }
    bool seed_ok = false;
    const std::uint64_t seed = seed_.edit->text().trimmed().toULongLong(&seed_ok);
    if (!seed_ok) {
        show_error(seed_.error, tr("The seed must be a whole number from 0 to %1.")
                                    .arg(std::numeric_limits<std::uint64_t>::max()));
        ok = false;
    }
    if (ok) {
        // The whole sweep, as the CLI would take it: the engine has the last word.
        const std::string name = p->name;
        QString range = QStringLiteral("%1=%2..%3")
                            .arg(QString::fromStdString(name), from_.edit->text().trimmed(),
                                 to_.edit->text().trimmed());
        if (!step_.edit->text().trimmed().isEmpty())
            range += QLatin1Char(':') + step_.edit->text().trimmed();
        std::vector<std::string> others;
        for (const std::string& a : assignments_)
            if (a.rfind(name + "=", 0) != 0) // the swept value comes from the range
                others.push_back(a);
        try {
            spec_ = sweep::parse_sweep(scenario_, range.toStdString(), repeat_->value(), seed,
                                       std::move(others));
        } catch (const std::exception& e) {
            show_error(error_, QString::fromStdString(e.what()));
        }
    }
    if (spec_.has_value() != valid_) {
        valid_ = spec_.has_value();
        emit validityChanged(valid_);
    }
}

QString SweepForm::problem() const {
    for (const QLabel* l : {from_.error, to_.error, step_.error, seed_.error, error_})
        if (!l->text().isEmpty())
            return l->text();
    return {};
}

} // namespace il::ui
