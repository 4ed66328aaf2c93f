// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariantMap>

namespace cepstra::ui {

/// The Export dialog's fields as they were last used for the run in `featuresFolder` (empty
/// when never), so that each dataset's export opens as it was left.
QVariantMap rememberedExport(const QString& featuresFolder);
void rememberExport(const QString& featuresFolder, const QVariantMap& fields);

} // namespace cepstra::ui
