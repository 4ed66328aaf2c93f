// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// One array among a clip's outputs.
struct ClipArray {
    Feature feature = Feature::MelSpectrogram;
    std::optional<Scaler> scaler; ///< none: the raw feature
    std::string name;             ///< "mfcc_standard": what follows "<stem>_" in its file name
    std::string relativePath;     ///< under OUTPUT (or the extract folder), '/'-separated
    bool raw() const { return !scaler; }
};

/// Everything about one clip's outputs, from its path and the config: the one owner of their
/// names. A run mirrors INPUT under OUTPUT: INPUT/<folder>/<stem>.<ext> writes
/// OUTPUT/<folder>/<stem>_<name>.npy, and a clip at INPUT's top level OUTPUT/<INPUT's name>/.
/// The folder and stem ("blues/blues.00000") are the clip's output key, which every output
/// shares: what collisions compare and shards hash. What the dataset says of a clip (its label,
/// fold, group, split) is the dataset's (dataset/DatasetClip.h), and never in a name. Cheap to
/// copy; any thread.
class ClipOutputs {
public:
    ClipOutputs() = default; ///< no clip: no arrays
    /// A clip of a dataset run: `relativePath` under INPUT, '/'-separated; `topFolder` is the
    /// output folder of clips at INPUT's top level (INPUT's own name, topLevelLabel()).
    ClipOutputs(std::string_view relativePath, std::string_view topFolder,
                const FeatureConfig& config);

    /// A clip written flat into one folder (`cepstra-cli extract`): no folder of its own.
    static ClipOutputs flat(std::string_view fileName, const FeatureConfig& config);

    /// The output key alone ("blues/blues.00000"), which needs no config.
    static std::string keyOf(std::string_view relativePath, std::string_view topFolder);

    const std::string& stem() const { return m_stem; }
    /// The folder under OUTPUT every output is in ("blues"); empty for a flat clip.
    const std::string& directory() const { return m_directory; }
    std::string key() const { return m_directory + "/" + m_stem; }
    /// Every array the config writes, in write order: each feature, then its scaled copies.
    const std::vector<ClipArray>& arrays() const { return m_arrays; }
    /// Their relative paths, in the same order.
    std::vector<std::string> relativePaths() const;
    /// The array of `feature` scaled by `scaler` (none: raw), or nullptr when the config
    /// writes none.
    const ClipArray* find(Feature feature, std::optional<Scaler> scaler) const;

    /// "mfcc", "mfcc_standard", or under naming="legacy" the old pipeline's
    /// "mfcc_standardcaler" and "mfcc_minmaxnormalizer".
    static std::string arrayName(Feature feature, std::optional<Scaler> scaler,
                                 OutputNaming naming);
    /// Rows of a feature's array: n_mels (melspectrogram, logmel) or n_mfcc (mfcc).
    static int rowsOf(Feature feature, const FeatureConfig& config);
    /// True for the arrays in decibels (logmel, and mfcc, made from it): padding them with 0
    /// would not be silence, so an export pads them with the clip's own floor.
    static bool inDecibels(Feature feature);
    /// What each row stands for: a mel band's centre frequency in Hz (melspectrogram,
    /// logmel), as librosa.mel_frequencies gives them, or a coefficient's number (mfcc).
    static std::vector<double> rowValues(Feature feature, const FeatureConfig& config);

private:
    ClipOutputs(std::string directory, std::string stem, const FeatureConfig& config);

    std::string m_directory;
    std::string m_stem;
    std::vector<ClipArray> m_arrays;
};

} // namespace cepstra
