// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dsp/MelFilterbank.h"
#include "core/dsp/Spectrogram.h"
#include "core/dsp/Window.h"
#include "core/scaling/Scaling.h"
#include "core/util/Result.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

enum class Feature { MelSpectrogram, Mfcc, LogMel };
enum class OutputNaming { Clean, Legacy };

/// Every parameter of the extract -> scale pipeline. Each member's initialiser is its default
/// (librosa 0.11's, plus the old Airflow pipeline's `effects.trim(top_db=60)`); its JSON key
/// (librosa's name, in the comments), type, unit, range, null meaning and doc are declared
/// once, in the parameter table (ConfigParameters.h). JSON, the app's form and `--set
/// key=value` all map onto this through that table.
struct FeatureConfig {
    int sampleRateHz = 22050;             ///< "sr": clips are resampled to this rate
    int nFft = 2048;                      ///< "n_fft": FFT size, samples
    int hopLength = 512;                  ///< "hop_length": frame step, samples
    std::optional<int> winLength;         ///< "win_length": window size, samples; null = n_fft
    WindowType window = WindowType::Hann; ///< "window": periodic, centred in n_fft
    bool center = true;                   ///< "center": pad n_fft/2 on both sides
    PadMode padMode = PadMode::Constant;  ///< "pad_mode": "constant" (zeros) or "reflect"
    double power = 2.0;                ///< "power": exponent on |STFT| (2 = power, 1 = magnitude)
    int nMels = 128;                   ///< "n_mels": number of mel bands
    double fminHz = 0.0;               ///< "fmin": lowest mel edge, Hz
    std::optional<double> fmaxHz;      ///< "fmax": highest mel edge, Hz; null = sr/2
    bool htk = false;                  ///< "htk": HTK mel formula instead of Slaney's
    MelNorm melNorm = MelNorm::Slaney; ///< "norm": "slaney" (area) or null
    int nMfcc = 20;                    ///< "n_mfcc": number of cepstral coefficients
    int dctType = 2;                   ///< "dct_type": 1, 2 or 3, orthonormal
    double lifter = 0.0;               ///< "lifter": sinusoidal liftering, 0 = off
    bool trim = true;                  ///< "trim": effects.trim before the features
    double topDb = 60.0;               ///< "top_db": trim threshold below the peak, dB
    std::vector<Feature> features{Feature::MelSpectrogram, Feature::Mfcc}; ///< "features"
    std::vector<Scaler> scalers{Scaler::Standard, Scaler::MinMax};         ///< "scalers"
    ScaleAxis scaleAxis = ScaleAxis::Frame;    ///< "scale_axis": frame, band, global or dataset
    OutputNaming naming = OutputNaming::Clean; ///< "naming": output suffixes, clean or legacy

    int effectiveWinLength() const { return winLength.value_or(nFft); }
    double effectiveFmaxHz() const { return fmaxHz.value_or(sampleRateHz / 2.0); }
    bool operator==(const FeatureConfig&) const = default;
};

/// One thing wrong with a configuration. `message` is a full sentence naming the key.
struct ConfigProblem {
    std::string key;
    std::string message;
};

/// The JSON keys FeatureConfig understands, in a stable order.
const std::vector<std::string>& configKeys();

/// Applies the keys of a JSON object onto `config`, leaving other keys as they are. Rejects
/// unknown keys and wrong types (not ranges; see validate()).
Status applyConfigJson(FeatureConfig& config, const nlohmann::json& object);

/// Parses JSON text (a config file's contents) onto `config`.
Status applyConfigText(FeatureConfig& config, std::string_view jsonText);

/// Applies one `key=value` setting. The value is read as JSON when it parses (numbers, true,
/// null, ["a","b"]) and as a plain string otherwise; list keys also take "a,b".
Status applyConfigSetting(FeatureConfig& config, std::string_view keyEqualsValue);

/// Checks ranges and cross-key constraints. Empty means valid.
std::vector<ConfigProblem> validate(const FeatureConfig& config);

/// Every key, with nulls for unset optionals. applyConfigJson(toJson(c)) gives back c.
nlohmann::json toJson(const FeatureConfig& config);

/// The JSON names of enum values, as written in configs and output file names.
std::string_view toString(Feature feature);
std::string_view toString(Scaler scaler);
std::string_view toString(ScaleAxis axis);
std::string_view toString(WindowType window);

} // namespace cepstra
