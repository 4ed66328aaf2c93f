// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace cepstra::ui {

/// A line that says what is wrong with a field, beside it: red, wrapped to the width it has,
/// hidden while it has nothing to say (showError).
inline QLabel* makeErrorLabel() {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setStyleSheet("color: #d04040;");
    label->setVisible(false);
    return label;
}

/// Says `message` in an error label, or hides it when the message is empty.
inline void showError(QLabel& label, const QString& message) {
    label.setText(message);
    label.setVisible(!message.isEmpty());
}

} // namespace cepstra::ui
