// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace cepstra::ui {

/// Another dataset's features in an output folder: what a run into it would delete.
struct ForeignFeatures {
    QString input; ///< the INPUT folder the output's catalog records
    int clips = 0; ///< clips with features there
};

/// What OUTPUT holds that a run of `input` would replace: the features of another input folder,
/// as its catalog records (recordedInputOf). Nothing when it holds none or this input's own.
std::optional<ForeignFeatures> foreignFeaturesIn(const QString& output, const QString& input);

/// The answers to "this output holds another dataset's features".
enum class ForeignChoice {
    OwnFolder, ///< run into the dataset's own "<input>-features" instead (the default)
    Replace,   ///< delete the other dataset's features and start over in this output
    Cancel,
};

/// Asks, window-modal and without blocking, what to do about `foreign` in `output` before a
/// run of `input`, whose own folder is `ownFolder`; `answer` gets the choice. UI thread only.
void askAboutForeignFeatures(QWidget* parent, const ForeignFeatures& foreign, const QString& input,
                             const QString& output, const QString& ownFolder,
                             std::function<void(ForeignChoice)> answer);

} // namespace cepstra::ui
