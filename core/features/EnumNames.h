// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"
#include "core/util/SettingBindings.h"

#include <array>
#include <optional>
#include <string_view>

namespace cepstra {

/// The JSON name of each enum value of the feature parameters: the one place they are spelled.
/// Internal to core/features; everything else reads them through toString() and the table.
inline constexpr std::array kWindowNames{EnumName<WindowType>{WindowType::Hann, "hann"},
                                         EnumName<WindowType>{WindowType::Hamming, "hamming"},
                                         EnumName<WindowType>{WindowType::Blackman, "blackman"},
                                         EnumName<WindowType>{WindowType::Boxcar, "boxcar"}};
inline constexpr std::array kPadModeNames{EnumName<PadMode>{PadMode::Constant, "constant"},
                                          EnumName<PadMode>{PadMode::Reflect, "reflect"}};
inline constexpr std::array kMelNormNames{EnumName<MelNorm>{MelNorm::Slaney, "slaney"}};
inline constexpr std::array kFeatureNames{
    EnumName<Feature>{Feature::MelSpectrogram, "melspectrogram"},
    EnumName<Feature>{Feature::Mfcc, "mfcc"}, EnumName<Feature>{Feature::LogMel, "logmel"}};
inline constexpr std::array kScalerNames{EnumName<Scaler>{Scaler::Standard, "standard"},
                                         EnumName<Scaler>{Scaler::MinMax, "minmax"}};
inline constexpr std::array kScaleAxisNames{EnumName<ScaleAxis>{ScaleAxis::Frame, "frame"},
                                            EnumName<ScaleAxis>{ScaleAxis::Band, "band"},
                                            EnumName<ScaleAxis>{ScaleAxis::Global, "global"},
                                            EnumName<ScaleAxis>{ScaleAxis::Dataset, "dataset"}};
inline constexpr std::array kNamingNames{EnumName<OutputNaming>{OutputNaming::Clean, "clean"},
                                         EnumName<OutputNaming>{OutputNaming::Legacy, "legacy"}};

} // namespace cepstra
