// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: arbitrary text as a config file and as one --set key=value. Both return
// a Status, so any exception that escapes is a finding, and toJson must round-trip.
#include "core/features/FeatureConfig.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    cepstra::FeatureConfig config;
    if (cepstra::applyConfigText(config, text)) {
        (void)cepstra::validate(config);
        // FeatureConfig.h: "applyConfigJson(toJson(c)) gives back c".
        cepstra::FeatureConfig again;
        if (!cepstra::applyConfigJson(again, cepstra::toJson(config)) || !(again == config))
            __builtin_trap();
    }
    cepstra::FeatureConfig setting;
    if (cepstra::applyConfigSetting(setting, text))
        (void)cepstra::validate(setting);
    return 0;
}
