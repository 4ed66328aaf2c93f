// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportPlan.h"

#include <QString>

#include <string_view>

namespace cepstra::ui {

/// A core export message in the form's words: the core names `cepstra-cli export`'s options
/// (--split, --frames, DEST...), the dialog its fields (Split, Fixed length, the file...).
/// "--split fractions sum to 1.300000, not 1" becomes "Split fractions add up to 1.3, not 1".
QString formWording(std::string_view coreMessage);

/// What a plan would write, as the dialog shows it: each split's clips, examples and array
/// shapes, what is left out and why, and the size. HTML.
QString planHtml(const ExportPlan& plan, const QString& fileName);

/// Python (h5py or numpy) that loads the file `plan` wrote, to paste into a notebook.
QString loadingCode(const ExportPlan& plan);

} // namespace cepstra::ui
