// SPDX-License-Identifier: GPL-3.0-or-later
// FeatureConfig: librosa's defaults, the old pipeline's JSON, and validate()'s messages.
#include "core/features/ConfigParameters.h"
#include "core/features/FeatureConfig.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QtTest>

#include <cmath>

using namespace cepstra;
using nlohmann::json;

namespace {
QString firstProblem(const FeatureConfig& config) {
    const auto problems = validate(config);
    return problems.empty() ? QString() : QString::fromStdString(problems.front().message);
}
} // namespace

class TestConfig : public QObject {
    Q_OBJECT

private slots:
    void defaultsAreLibrosasAndTheOldPipelines() {
        const FeatureConfig config;
        const json expected = {{"sr", 22050},
                               {"n_fft", 2048},
                               {"hop_length", 512},
                               {"win_length", nullptr},
                               {"window", "hann"},
                               {"center", true},
                               {"pad_mode", "constant"},
                               {"power", 2.0},
                               {"n_mels", 128},
                               {"fmin", 0.0},
                               {"fmax", nullptr},
                               {"htk", false},
                               {"norm", "slaney"},
                               {"n_mfcc", 20},
                               {"dct_type", 2},
                               {"lifter", 0.0},
                               {"trim", true},
                               {"top_db", 60.0},
                               {"features", {"melspectrogram", "mfcc"}},
                               {"scalers", {"standard", "minmax"}},
                               {"scale_axis", "frame"},
                               {"naming", "clean"}};
        QCOMPARE(QString::fromStdString(toJson(config).dump()),
                 QString::fromStdString(expected.dump()));
        QVERIFY(validate(config).empty());
    }

    void oldPipelineJsonWorksAsItIs() {
        FeatureConfig config;
        QVERIFY(applyConfigText(config, R"({"n_mels": 128, "n_mfcc": 20})").ok());
        QCOMPARE(config, FeatureConfig{});
        QVERIFY(applyConfigText(config, R"({"n_mels": 64, "n_mfcc": 13})").ok());
        QCOMPARE(config.nMels, 64);
        QCOMPARE(config.nMfcc, 13);
    }

    void jsonRoundTrips() {
        FeatureConfig config;
        config.winLength = 1024;
        config.fmaxHz = 8000.0;
        config.window = WindowType::Blackman;
        config.melNorm = MelNorm::None;
        config.features = {Feature::LogMel};
        config.scalers = {};
        config.scaleAxis = ScaleAxis::Dataset;
        config.naming = OutputNaming::Legacy;
        FeatureConfig copy;
        QVERIFY(applyConfigJson(copy, toJson(config)).ok());
        QCOMPARE(copy, config);
    }

    void settingsParseJsonOrText_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expectedJson");
        QTest::newRow("integer") << "n_mels=64"
                                 << "n_mels"
                                 << "64";
        QTest::newRow("integral float") << "n_fft=1024.0"
                                        << "n_fft"
                                        << "1024";
        QTest::newRow("bare string") << "window=hamming"
                                     << "window"
                                     << "\"hamming\"";
        QTest::newRow("quoted string") << "pad_mode=\"reflect\""
                                       << "pad_mode"
                                       << "\"reflect\"";
        QTest::newRow("null") << "fmax=null"
                              << "fmax"
                              << "null";
        QTest::newRow("number") << "fmax=8000"
                                << "fmax"
                                << "8000.0";
        QTest::newRow("bool") << "center=false"
                              << "center"
                              << "false";
        QTest::newRow("comma list") << "features=mfcc,logmel"
                                    << "features"
                                    << "[\"mfcc\",\"logmel\"]";
        QTest::newRow("json list") << "scalers=[\"minmax\"]"
                                   << "scalers"
                                   << "[\"minmax\"]";
        QTest::newRow("empty list") << "scalers=[]"
                                    << "scalers"
                                    << "[]";
        QTest::newRow("norm null") << "norm=null"
                                   << "norm"
                                   << "null";
    }

    void settingsParseJsonOrText() {
        QFETCH(QString, setting);
        QFETCH(QString, key);
        QFETCH(QString, expectedJson);
        FeatureConfig config;
        const auto status = applyConfigSetting(config, setting.toStdString());
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().message.c_str());
        QCOMPARE(QString::fromStdString(toJson(config).at(key.toStdString()).dump()), expectedJson);
    }

    void unknownKeysAndWrongTypesAreRefused_data() {
        QTest::addColumn<QString>("jsonText");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << R"({"n_mells": 64})"
                                     << "unknown config key \"n_mells\"";
        QTest::newRow("string for int") << R"({"n_fft": "2048"})"
                                        << "n_fft must be an integer (got \"2048\")";
        QTest::newRow("fraction for int") << R"({"hop_length": 12.5})"
                                          << "hop_length must be an integer";
        // Integral but beyond any int: the range is the problem, not the type (issue #9).
        QTest::newRow("huge int") << R"({"n_mels": 99999999999})"
                                  << "n_mels must be between 1 and 1024 (got 99999999999)";
        QTest::newRow("1e12") << R"({"n_fft": 1e12})"
                              << "n_fft must be between 2 and 65536 samples (got 1000000000000)";
        QTest::newRow("number for bool") << R"({"center": 1})"
                                         << "center must be true or false";
        QTest::newRow("bad window") << R"({"window": "hanning"})"
                                    << "window must be one of \"hann\"";
        QTest::newRow("bad norm") << R"({"norm": "l2"})"
                                  << "norm must be \"slaney\" or null";
        QTest::newRow("bad feature") << R"({"features": ["mfcc", "chroma"]})"
                                     << "features entries must be one of";
        QTest::newRow("not an object") << R"([1, 2])"
                                       << "must be a JSON object";
        QTest::newRow("not json") << R"({"n_mels": )"
                                  << "not valid JSON";
    }

    void unknownKeysAndWrongTypesAreRefused() {
        QFETCH(QString, jsonText);
        QFETCH(QString, message);
        FeatureConfig config;
        const auto status = applyConfigText(config, jsonText.toStdString());
        QVERIFY(!status.ok());
        QCOMPARE(int(status.error().kind), int(ErrorKind::InvalidConfig));
        QVERIFY2(QString::fromStdString(status.error().message).contains(message),
                 status.error().message.c_str());
        QCOMPARE(config, FeatureConfig{}); // a refused config changes nothing
    }

    void validateNamesKeyAndRange_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("message");
        QTest::newRow("win_length > n_fft")
            << "win_length=4096"
            << "win_length must be between 1 and n_fft=2048 samples, or null (got 4096)";
        QTest::newRow("fmax > sr/2")
            << "fmax=12000"
            << "fmax must be above 0 and at most sr/2=11025 Hz, or null (got 12000)";
        QTest::newRow("n_mfcc > n_mels") << "n_mfcc=200"
                                         << "n_mfcc must be between 1 and n_mels=128 (got 200)";
        QTest::newRow("hop_length < 1") << "hop_length=0"
                                        << "hop_length must be between 1 and 65536 samples (got 0)";
        QTest::newRow("n_fft < 2") << "n_fft=1"
                                   << "n_fft must be between 2 and 65536 samples (got 1)";
        QTest::newRow("sr") << "sr=0"
                            << "sr must be between 1000 and 384000 Hz (got 0)";
        QTest::newRow("power")
            << "power=0"
            << "power must be greater than 0 and at most 4, usually 1.0 or 2.0 (got 0)";
        QTest::newRow("n_mels") << "n_mels=0"
                                << "n_mels must be between 1 and 1024 (got 0)";
        QTest::newRow("fmin >= fmax")
            << "fmin=11025"
            << "fmin must be at least 0 and below fmax=11025 Hz (got 11025)";
        QTest::newRow("dct_type") << "dct_type=4"
                                  << "dct_type must be between 1 and 3 (got 4)";
        QTest::newRow("lifter") << "lifter=-1"
                                << "lifter must be at least 0, 0 turns it off (got -1)";
        QTest::newRow("denormal lifter")
            << "lifter=1e-310"
            << "lifter must be 0 (off) or a positive number of at least 1e-300 (got 1e-310)";
        QTest::newRow("top_db") << "top_db=0"
                                << "top_db must be greater than 0 dB (got 0)";
        QTest::newRow("fmin below 0") << "fmin=-5"
                                      << "fmin must be between 0 and 192000 Hz (got -5)";
        QTest::newRow("no features")
            << "features=[]"
            << "features must list at least one of \"melspectrogram\", \"mfcc\", \"logmel\"";
        QTest::newRow("twice") << "scalers=minmax,minmax"
                               << "scalers lists a scaler twice";
    }

    void validateNamesKeyAndRange() {
        QFETCH(QString, setting);
        QFETCH(QString, message);
        FeatureConfig config;
        QVERIFY(applyConfigSetting(config, setting.toStdString()).ok());
        QCOMPARE(firstProblem(config), message);
    }

    void crossKeyLimitsFollowTheOtherKey() {
        FeatureConfig config;
        config.sampleRateHz = 16000;
        config.fmaxHz = 8000.0;
        QVERIFY(validate(config).empty());
        config.fmaxHz = 8001.0;
        QCOMPARE(firstProblem(config),
                 QString("fmax must be above 0 and at most sr/2=8000 Hz, or null (got 8001)"));
        config = FeatureConfig{};
        config.nFft = 512;
        config.winLength = 400;
        QVERIFY(validate(config).empty());
        config.nMels = 40;
        config.nMfcc = 40;
        QVERIFY(validate(config).empty());
    }

    /// The README's parameter table is the one `cepstra-cli params --format markdown` prints
    /// from the declarations, so it cannot go stale.
    void readmeTableIsTheDeclaredOne() {
        QFile readme(QStringLiteral(CEPSTRA_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const qsizetype begin = text.indexOf("<!-- parameters:begin");
        const qsizetype end = text.indexOf("<!-- parameters:end -->");
        QVERIFY(begin >= 0 && end > begin);
        const QString table =
            text.mid(text.indexOf('\n', begin) + 1, end - text.indexOf('\n', begin) - 1);
        QCOMPARE(table, QString::fromStdString(parameterTableMarkdown()));
    }

    /// Every declared key parses its own default, documents itself, and refuses the values
    /// just outside its range with a message naming the key and the range.
    void everyDeclaredKeyBehaves() {
        const FeatureConfig defaults;
        QCOMPARE(int(parameterTable().size()), int(configKeys().size()));
        for (const ParameterSpec& spec : parameterTable()) {
            const QString key = QString::fromUtf8(spec.key.data(), spec.key.size());
            QVERIFY2(!spec.doc.empty(), qPrintable(key));
            const json value = spec.get(defaults);
            auto parsed = parseSettingValue(spec, value);
            QVERIFY2(parsed.ok(), qPrintable(key));
            QCOMPARE(QString::fromStdString(parsed->dump()), QString::fromStdString(value.dump()));
            QCOMPARE(parseSettingValue(spec, nullptr).ok(), spec.nullable());
            if (!spec.isNumeric())
                continue;
            for (const double outside :
                 {spec.minimumExclusive ? spec.minimum : spec.minimum - 1, spec.maximum + 1}) {
                if (std::isinf(outside))
                    continue;
                FeatureConfig config;
                const json number = spec.type == SettingType::Integer
                                        ? json(static_cast<long long>(outside))
                                        : json(outside);
                QVERIFY(applyConfigJson(config, json{{std::string(spec.key), number}}).ok());
                const auto problems = validate(config);
                QVERIFY2(!problems.empty(), qPrintable(key));
                QCOMPARE(QString::fromStdString(problems.front().key), key);
                QVERIFY2(QString::fromStdString(problems.front().message)
                             .startsWith(key + " must be " +
                                         QString::fromStdString(describeRange(spec))),
                         problems.front().message.c_str());
            }
        }
    }

    void malformedSettingIsRefused() {
        FeatureConfig config;
        const auto status = applyConfigSetting(config, "n_mels");
        QVERIFY(!status.ok());
        QVERIFY(QString::fromStdString(status.error().message).contains("--set expects key=value"));
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
