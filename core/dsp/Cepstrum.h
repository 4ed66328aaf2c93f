// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/FeatureMatrix.h"

#include <optional>

namespace cepstra {

/// librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80):
/// 10 * log10(max(amin, S)) - 10 * log10(max(amin, ref)), floored at (max - top_db), in
/// float32. amin > 0 and topDb >= 0, as librosa requires; no topDb disables the floor
/// (librosa's top_db=None). Reentrant.
FeatureMatrix powerToDb(const FeatureMatrix& power, double ref = 1.0, double amin = 1e-10,
                        std::optional<double> topDb = 80.0);

/// The first `outputCount` rows of scipy.fftpack.dct(x, type=dctType, norm="ortho") along
/// an axis of length `inputCount`, as an (outputCount, inputCount) matrix in double.
Eigen::MatrixXd orthonormalDctMatrix(int dctType, int inputCount, int outputCount);

/// librosa.feature.mfcc's cepstral step for a log-mel spectrogram: the DCT rows times logMel,
/// then the lifter 1 + (L/2) sin(pi (k+1) / L) when lifter > 0. Computed in double.
FeatureMatrix cepstralCoefficients(const Eigen::MatrixXd& dct, const FeatureMatrix& logMel,
                                   double lifter);

} // namespace cepstra
