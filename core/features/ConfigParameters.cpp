// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/ConfigParameters.h"

#include "core/features/EnumNames.h"
#include "core/util/SettingBindings.h"

#include <limits>

namespace cepstra {
namespace {

using nlohmann::json;

// The bindings of core/util/SettingBindings.h, for this table's members.
template <auto Member> void scalar(ParameterSpec& spec) {
    bindScalar<Member, FeatureConfig>(spec);
}
template <auto Member> void optional(ParameterSpec& spec) {
    bindOptional<Member, FeatureConfig>(spec);
}

ParameterSpec spec(std::string_view key, SettingType type, std::string_view doc) {
    ParameterSpec made;
    made.key = key;
    made.type = type;
    made.doc = doc;
    return made;
}

std::vector<ParameterSpec> buildTable() {
    using enum SettingType;
    constexpr double kMaxRateHz = 384000.0;
    std::vector<ParameterSpec> table;
    // The table runs stage by stage; each key takes the stage set last before it.
    ParameterStage stage = ParameterStage::Load;
    auto add = [&](ParameterSpec entry, auto bind) {
        bind(entry);
        entry.stage = stage;
        table.push_back(std::move(entry));
    };
    auto range = [](ParameterSpec s, std::string_view unit, double low, double high) {
        s.unit = unit;
        s.minimum = low;
        s.maximum = high;
        return s;
    };

    add(range(spec("sr", Integer,
                   "target sample rate; clips are resampled with libsoxr HQ, as "
                   "librosa.load does"),
              "Hz", 1000, kMaxRateHz),
        scalar<&FeatureConfig::sampleRateHz>);
    stage = ParameterStage::Stft;
    auto nFft = range(spec("n_fft", Integer, "FFT size; the frequency resolution is sr / n_fft"),
                      "samples", 2, 65536);
    nFft.basic = true;
    add(nFft, scalar<&FeatureConfig::nFft>);
    auto hop = range(spec("hop_length", Integer, "samples between frames; sets the time step"),
                     "samples", 1, 65536);
    hop.basic = true;
    add(hop, scalar<&FeatureConfig::hopLength>);
    auto win = range(spec("win_length", Integer, "window length, at most n_fft; centred in it"),
                     "samples", 1, 65536);
    win.nullMeaning = "n_fft";
    add(win, optional<&FeatureConfig::winLength>);
    add(spec("window", Choice, "the periodic analysis window, as scipy.signal.get_window"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::window>(s, kWindowNames); });
    add(spec("center", Boolean, "pad n_fft/2 samples on both sides so frames are centred"),
        scalar<&FeatureConfig::center>);
    add(spec("pad_mode", Choice, "how the centre padding is filled: zeros or a mirror image"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::padMode>(s, kPadModeNames); });
    auto power = range(
        spec("power", Number, "exponent on the STFT magnitude: 2 power, 1 magnitude"), "", 0, 4);
    power.minimumExclusive = true;
    power.hint = "usually 1.0 or 2.0";
    add(power, scalar<&FeatureConfig::power>);
    stage = ParameterStage::MelFilterbank;
    auto nMels = range(spec("n_mels", Integer, "number of mel bands"), "", 1, 1024);
    nMels.basic = true;
    add(nMels, scalar<&FeatureConfig::nMels>);
    add(range(spec("fmin", Number, "lowest mel filter edge"), "Hz", 0, kMaxRateHz / 2),
        scalar<&FeatureConfig::fminHz>);
    auto fmax = range(spec("fmax", Number, "highest mel filter edge, at most sr/2"), "Hz", 0,
                      kMaxRateHz / 2);
    fmax.minimumExclusive = true;
    fmax.nullMeaning = "sr/2";
    add(fmax, optional<&FeatureConfig::fmaxHz>);
    add(spec("htk", Boolean, "the HTK mel formula instead of Slaney's"),
        scalar<&FeatureConfig::htk>);
    auto norm = spec("norm", Choice, "mel filter normalisation: slaney gives each equal area");
    norm.nullMeaning = "no normalisation";
    add(norm, [](ParameterSpec& s) {
        bindNullableChoice<&FeatureConfig::melNorm>(s, kMelNormNames, MelNorm::None);
    });
    stage = ParameterStage::Cepstrum;
    auto nMfcc =
        range(spec("n_mfcc", Integer, "cepstral coefficients kept, at most n_mels"), "", 1, 1024);
    nMfcc.basic = true;
    add(nMfcc, scalar<&FeatureConfig::nMfcc>);
    add(range(spec("dct_type", Integer, "the orthonormal DCT type of the MFCCs"), "", 1, 3),
        scalar<&FeatureConfig::dctType>);
    auto lifter = range(spec("lifter", Number, "sinusoidal liftering 1 + (L/2) sin(pi (k+1) / L)"),
                        "", 0, std::numeric_limits<double>::infinity());
    lifter.hint = "0 turns it off";
    add(lifter, scalar<&FeatureConfig::lifter>);
    stage = ParameterStage::Trim;
    add(spec("trim", Boolean, "librosa.effects.trim (frame 2048, hop 512) before the features"),
        scalar<&FeatureConfig::trim>);
    auto topDb = range(spec("top_db", Number, "the trim threshold below the loudest frame"), "dB",
                       0, std::numeric_limits<double>::infinity());
    topDb.minimumExclusive = true;
    add(topDb, scalar<&FeatureConfig::topDb>);
    stage = ParameterStage::Outputs;
    add(spec("features", ChoiceList,
             "arrays written per clip; logmel is power_to_db of the mel spectrogram"),
        [](ParameterSpec& s) { bindChoiceList<&FeatureConfig::features>(s, kFeatureNames); });
    add(spec("scalers", ChoiceList,
             "scaled copies: standard (sklearn scale), minmax (minmax_scale); [] for none"),
        [](ParameterSpec& s) { bindChoiceList<&FeatureConfig::scalers>(s, kScalerNames); });
    add(spec("scale_axis", Choice,
             "frame: sklearn axis=0, each frame across its features (the old pipeline); band: "
             "axis=1, each row across time; global: the whole array; dataset: each row over "
             "every frame of every clip in the run"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::scaleAxis>(s, kScaleAxisNames); });
    add(spec("naming", Choice,
             "scaled-file suffixes: clean (_standard, _minmax) or legacy (_standardcaler, "
             "_minmaxnormalizer)"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::naming>(s, kNamingNames); });
    return table;
}

} // namespace

std::string_view toString(ParameterStage stage) {
    switch (stage) {
    case ParameterStage::Load:
        return "load";
    case ParameterStage::Stft:
        return "stft";
    case ParameterStage::MelFilterbank:
        return "mel";
    case ParameterStage::Cepstrum:
        return "mfcc";
    case ParameterStage::Trim:
        return "trim";
    case ParameterStage::Outputs:
        return "outputs";
    }
    return "?";
}

const std::vector<ParameterSpec>& parameterTable() {
    static const std::vector<ParameterSpec> table = buildTable();
    return table;
}

const ParameterSpec* findParameter(std::string_view key) {
    return findSetting(parameterTable(), key);
}

std::string parameterTableMarkdown() {
    return settingsMarkdown(declarationsOf(parameterTable()), toJson(FeatureConfig{}));
}

nlohmann::ordered_json parameterTableJson() {
    nlohmann::ordered_json list =
        settingsJson(declarationsOf(parameterTable()), toJson(FeatureConfig{}));
    for (std::size_t i = 0; i < list.size(); ++i) {
        // "stage" after "type", as the Python module reads it.
        nlohmann::ordered_json item;
        for (auto& [key, value] : list[i].items()) {
            item[key] = value;
            if (key == "type")
                item["stage"] = toString(parameterTable()[i].stage);
        }
        list[i] = std::move(item);
    }
    return list;
}

} // namespace cepstra
