// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/ConfigParameters.h"

#include <nlohmann/json.hpp>

#include <QObject>
#include <QString>

#include <vector>

class QCheckBox;
class QComboBox;
class QWidget;

namespace cepstra::ui {

class NumberField;

/// One config key's editor, built from its ParameterSpec alone: a number field for integers
/// and numbers (the text is parsed by the core on every keystroke), a check box, a combo box
/// of the choices by name, or one check box per choice. UI thread only.
class ParameterEditor : public QObject {
    Q_OBJECT

public:
    ParameterEditor(const ParameterSpec& spec, QObject* parent = nullptr);
    ~ParameterEditor() override;

    const ParameterSpec& spec() const { return m_spec; }
    QWidget* widget() const { return m_widget; }

    /// The value as typed, parsed and checked against the key's type by the core; an Error
    /// names the key when the text is not a value of it (half-typed, a word in a number).
    Result<nlohmann::json> value() const;
    /// Shows `value` (from a config); emits nothing.
    void setValue(const nlohmann::json& value);

    /// What the user typed or chose, for undo: restoring it gives back the same editor.
    QString state() const;
    void setState(const QString& state);

    /// Marks the editor invalid (a tinted field, not a style sheet that breaks its arrows).
    void setInvalid(bool invalid);

signals:
    /// The user changed it: a keystroke, a step, a toggle, a pick.
    void edited();
    /// The user is done with it: focus left the field, Enter, or after a toggle or a pick.
    void editingFinished();

private:
    const ParameterSpec& m_spec;
    QWidget* m_widget = nullptr;
    NumberField* m_number = nullptr;
    QCheckBox* m_check = nullptr;
    QComboBox* m_choice = nullptr;
    std::vector<QCheckBox*> m_choices;
};

} // namespace cepstra::ui
