// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The names of the export options' enum values: the one place they are spelled. Internal to
// core/export; everything else reads them through toString() and the option table.

#include "core/export/ExportOptions.h"
#include "core/util/SettingBindings.h"

#include <array>

namespace cepstra {

inline constexpr std::array kFitNames{EnumName<FrameFit>{FrameFit::Pad, "pad"},
                                      EnumName<FrameFit>{FrameFit::Crop, "crop"},
                                      EnumName<FrameFit>{FrameFit::Segment, "segment"}};
inline constexpr std::array kAlignNames{EnumName<FrameAlign>{FrameAlign::Start, "start"},
                                        EnumName<FrameAlign>{FrameAlign::Center, "center"}};
inline constexpr std::array kDtypeNames{EnumName<ExportDtype>{ExportDtype::Float32, "float32"},
                                        EnumName<ExportDtype>{ExportDtype::Float16, "float16"}};
inline constexpr std::array kCompressionNames{
    EnumName<ExportCompression>{ExportCompression::None, "none"},
    EnumName<ExportCompression>{ExportCompression::Gzip, "gzip"}};

} // namespace cepstra
