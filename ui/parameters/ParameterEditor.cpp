// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/parameters/ParameterEditor.h"

#include "core/util/JsonText.h"
#include "ui/widgets/PathText.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QVBoxLayout>

#include <cmath>

namespace cepstra::ui {

/// A spin box that holds any text: the core, not the widget, decides what is valid, so a
/// half-typed or out-of-range value shows the core's message instead of being clamped. The
/// arrows step within the key's range.
class NumberField : public QAbstractSpinBox {
public:
    explicit NumberField(const ParameterSpec& spec)
        : m_spec(spec) {
        setKeyboardTracking(true);
        setAccelerated(true);
        lineEdit()->installEventFilter(this);
        if (spec.nullable())
            lineEdit()->setPlaceholderText(toQString(spec.nullMeaning));
    }
    QString text() const { return lineEdit()->text(); }
    void setText(const QString& text) { lineEdit()->setText(text); }

    void stepBy(int steps) override {
        bool ok = false;
        double value = text().trimmed().toDouble(&ok);
        if (!ok)
            value = std::isinf(m_spec.minimum) ? 0.0 : m_spec.minimum;
        const double step = m_spec.type == SettingType::Integer ? 1.0
                            : m_spec.maximum <= 10.0            ? 0.1
                                                                : 1.0;
        double next = m_spec.key == "n_fft" ? nextPowerOfTwo(value, steps) : value + steps * step;
        next = std::min(next, m_spec.maximum);
        next = m_spec.minimumExclusive ? std::max(next, m_spec.minimum + step)
                                       : std::max(next, m_spec.minimum);
        setText(m_spec.type == SettingType::Integer ? QString::number(qint64(std::llround(next)))
                                                    : QString::number(next, 'g', 10));
        emit lineEdit()->textEdited(text());
    }

protected:
    StepEnabled stepEnabled() const override { return StepUpEnabled | StepDownEnabled; }

    /// Undo and redo belong to the panel's history of whole parameter changes, not to the
    /// field's own text history: let the window's shortcuts have them.
    bool eventFilter(QObject* watched, QEvent* event) override {
        return isUndoKey(event) || QAbstractSpinBox::eventFilter(watched, event);
    }
    bool event(QEvent* event) override {
        return isUndoKey(event) || QAbstractSpinBox::event(event);
    }

private:
    /// FFT sizes go by powers of two, as everyone picks them: from 2048 up is 4096, down is
    /// 1024, and from 1500 the nearest power of two that way.
    static double nextPowerOfTwo(double value, int steps) {
        double power = std::exp2(std::floor(std::log2(std::max(value, 1.0))));
        if (steps > 0)
            return power * std::exp2(steps);
        return (power < value ? power * 2.0 : power) * std::exp2(steps);
    }

    /// Unaccepted and swallowed, so neither the spin box nor its line edit claims the keys
    /// and the window's Undo and Redo shortcuts get them.
    static bool isUndoKey(QEvent* event) {
        if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
            return false;
        auto* key = static_cast<QKeyEvent*>(event);
        const bool undoKeys = key->matches(QKeySequence::Undo) ||
                              key->matches(QKeySequence::Redo) ||
                              (key->key() == Qt::Key_Z &&
                               key->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier));
        if (undoKeys)
            event->ignore();
        return undoKeys;
    }

    const ParameterSpec& m_spec;
};

namespace {

/// A JSON value as the number field shows it: 2048, 0.5, or empty for null.
QString numberText(const nlohmann::json& value) {
    if (value.is_null())
        return {};
    if (value.is_number_integer())
        return QString::number(value.get<long long>());
    return QString::number(value.get<double>(), 'g', 12);
}

} // namespace

ParameterEditor::ParameterEditor(const ParameterSpec& spec, QObject* parent)
    : QObject(parent)
    , m_spec(spec) {
    switch (spec.type) {
    case SettingType::Integer:
    case SettingType::Number:
    case SettingType::Text: // a typed line, which the core parses as the number's is
    case SettingType::Path:
        m_number = new NumberField(spec);
        m_widget = m_number;
        connect(m_number->findChild<QLineEdit*>(), &QLineEdit::textEdited, this,
                &ParameterEditor::edited);
        connect(m_number->findChild<QLineEdit*>(), &QLineEdit::editingFinished, this,
                &ParameterEditor::editingFinished);
        break;
    case SettingType::Boolean:
        m_check = new QCheckBox(toQString(spec.key));
        m_widget = m_check;
        connect(m_check, &QCheckBox::clicked, this, &ParameterEditor::edited);
        connect(m_check, &QCheckBox::clicked, this, &ParameterEditor::editingFinished);
        break;
    case SettingType::Choice:
        m_choice = new QComboBox;
        for (std::string_view choice : spec.choices)
            m_choice->addItem(toQString(choice), toQString(choice));
        if (spec.nullable())
            m_choice->addItem(tr("none (%1)").arg(toQString(spec.nullMeaning)), QVariant());
        m_widget = m_choice;
        connect(m_choice, &QComboBox::activated, this, &ParameterEditor::edited);
        connect(m_choice, &QComboBox::activated, this, &ParameterEditor::editingFinished);
        break;
    case SettingType::ChoiceList: {
        m_widget = new QWidget;
        auto* column = new QVBoxLayout(m_widget); // stacked, so the panel stays narrow
        column->setContentsMargins(0, 0, 0, 0);
        for (std::string_view choice : spec.choices) {
            auto* box = new QCheckBox(toQString(choice));
            column->addWidget(box);
            m_choices.push_back(box);
            connect(box, &QCheckBox::clicked, this, &ParameterEditor::edited);
            connect(box, &QCheckBox::clicked, this, &ParameterEditor::editingFinished);
        }
        break;
    }
    }
    m_widget->setObjectName(toQString(spec.key));
}

ParameterEditor::~ParameterEditor() = default;

Result<nlohmann::json> ParameterEditor::value() const {
    nlohmann::json raw;
    if (m_number) {
        const QString text = m_number->text().trimmed();
        if (text.isEmpty() || text == "null")
            raw = nullptr;
        else {
            raw = nlohmann::json::parse(text.toStdString(), nullptr, false);
            if (raw.is_discarded())
                raw = text.toStdString(); // the core says what it should be
        }
    } else if (m_check) {
        raw = m_check->isChecked();
    } else if (m_choice) {
        const QVariant data = m_choice->currentData();
        raw = data.isValid() ? nlohmann::json(data.toString().toStdString()) : nlohmann::json();
    } else {
        raw = nlohmann::json::array();
        for (QCheckBox* box : m_choices)
            if (box->isChecked())
                raw.push_back(box->text().toStdString());
    }
    return parseSettingValue(m_spec, raw);
}

void ParameterEditor::setValue(const nlohmann::json& value) {
    const QSignalBlocker block(this);
    if (m_number)
        m_number->setText(numberText(value));
    else if (m_check)
        m_check->setChecked(value.is_boolean() && value.get<bool>());
    else if (m_choice)
        m_choice->setCurrentIndex(value.is_null()
                                      ? m_choice->count() - 1
                                      : std::max(0, m_choice->findData(QString::fromStdString(
                                                        value.get<std::string>()))));
    else
        for (QCheckBox* box : m_choices)
            box->setChecked(
                std::any_of(value.begin(), value.end(), [&](const nlohmann::json& item) {
                    return item.is_string() &&
                           QString::fromStdString(item.get<std::string>()) == box->text();
                }));
}

QString ParameterEditor::state() const {
    if (m_number)
        return m_number->text();
    const auto current = value();
    return current ? QString::fromStdString(current->dump()) : QString();
}

void ParameterEditor::setState(const QString& state) {
    if (m_number) {
        const QSignalBlocker block(this);
        m_number->setText(state);
        return;
    }
    const auto parsed = nlohmann::json::parse(state.toStdString(), nullptr, false);
    if (!parsed.is_discarded())
        setValue(parsed);
}

void ParameterEditor::setInvalid(bool invalid) {
    QWidget* field = m_number ? static_cast<QWidget*>(m_number->findChild<QLineEdit*>()) : m_widget;
    if (!invalid) {
        field->setPalette(QPalette());
        field->setAutoFillBackground(false);
        return;
    }
    QPalette tinted = field->palette();
    const bool dark = tinted.color(QPalette::Window).lightness() < 128;
    tinted.setColor(QPalette::Base, dark ? QColor(110, 30, 30) : QColor(255, 220, 220));
    tinted.setColor(QPalette::Window, tinted.color(QPalette::Base));
    field->setPalette(tinted);
    field->setAutoFillBackground(!m_number);
}

} // namespace cepstra::ui
