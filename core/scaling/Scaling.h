// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/scaling/RowStatistics.h"
#include "core/util/FeatureMatrix.h"

namespace cepstra {

/// sklearn's scale (standard) and minmax_scale.
enum class Scaler { Standard, MinMax };
/// Frame = sklearn axis=0, Band = axis=1, Global = the whole array, Dataset = each row over
/// every frame of every clip in a run.
enum class ScaleAxis { Frame, Band, Global, Dataset };

/// sklearn.preprocessing.scale (standard) or minmax_scale on a (features, frames) array.
/// axis Frame = sklearn axis=0 (each frame across its features), Band = axis=1 (each feature
/// row across time), Global = the whole array. Spreads below 10 * float32 epsilon divide by 1,
/// as sklearn's _handle_zeros_in_scale does. Statistics in double; result float32.
/// ScaleAxis::Dataset is not handled here: fit RowStatistics, then use scaleWithStatistics.
FeatureMatrix scaleFeature(const FeatureMatrix& feature, Scaler scaler, ScaleAxis axis);

/// Applies dataset-wide per-row statistics: (x - mean) / std, or (x - min) / (max - min).
FeatureMatrix scaleWithStatistics(const FeatureMatrix& feature, Scaler scaler,
                                  const RowStatistics& statistics);

} // namespace cepstra
