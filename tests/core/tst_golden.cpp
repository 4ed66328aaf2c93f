// SPDX-License-Identifier: GPL-3.0-or-later
// Every case in ../shared/golden/cases.json and ../shared/golden-quiet/cases.json, compared
// with librosa 0.11 and scikit-learn within the stated tolerances.
#include "core/audio/AudioFile.h"
#include "core/features/FeatureExtractor.h"
#include "core/scaling/RowStatistics.h"
#include "core/scaling/Scaling.h"
#include "tests/support/GoldenData.h"
#include "tests/support/TestPaths.h"

#include <QDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::test;
using nlohmann::json;

namespace {

std::string audioPath(const json& goldenCase, GoldenSet set = GoldenSet::Reference) {
    return QDir(goldenDirectory(set))
        .filePath(QString::fromStdString(goldenCase.at("audio")))
        .toStdString();
}

const json& findCase(const std::string& id, GoldenSet set = GoldenSet::Reference) {
    for (const auto& goldenCase : goldenCases(set).at("cases"))
        if (goldenCase.at("id") == id)
            return goldenCase;
    throw std::runtime_error("no golden case " + id);
}

Feature featureNamed(const std::string& name) {
    return name == "mfcc"     ? Feature::Mfcc
           : name == "logmel" ? Feature::LogMel
                              : Feature::MelSpectrogram;
}

/// The worst error/tolerance ratio seen per output kind, printed at the end as headroom.
std::map<std::string, double>& worstRatios() {
    static std::map<std::string, double> ratios;
    return ratios;
}

void verifyComparison(const Comparison& comparison, const std::string& what,
                      const std::string& setName = {}) {
    const std::string kind = setName + what.substr(what.find_last_of(' ') + 1);
    worstRatios()[kind] = std::max(worstRatios()[kind], comparison.worstRatio);
    if (qEnvironmentVariableIsSet("CEPSTRA_DEBUG_RATIO"))
        qInfo("%s %.4f %s", what.c_str(), comparison.worstRatio, comparison.where.c_str());
    QVERIFY2(comparison.passed(),
             (what + ": error/tolerance " + std::to_string(comparison.worstRatio) + " at " +
              comparison.where)
                 .c_str());
}

/// The loaded signal (head, tail, length) against librosa.load.
void verifyLoad(const json& goldenCase, const LoadedAudio& audio, GoldenSet set) {
    const json& load = goldenCase.at("load");
    QCOMPARE(audio.sampleRateHz, load.at("sr").get<int>());
    QCOMPARE(qint64(audio.samples.size()), load.at("length").get<qint64>());
    const double tolerance = audio.native.sampleRateHz == audio.sampleRateHz ? 1e-6 : 2e-3;
    const NpyArray head = goldenArray(load.at("head"), set);
    const NpyArray tail = goldenArray(load.at("tail"), set);
    const std::size_t tailStart = audio.samples.size() - tail.values.size();
    double worst = 0.0;
    for (std::size_t i = 0; i < head.values.size(); ++i)
        worst = std::max(worst, std::abs(audio.samples[i] - head.values[i]));
    for (std::size_t i = 0; i < tail.values.size(); ++i)
        worst = std::max(worst, std::abs(audio.samples[tailStart + i] - tail.values[i]));
    QVERIFY2(worst <= tolerance,
             qPrintable(QStringLiteral("loaded samples differ by %1 (tolerance %2)")
                            .arg(worst)
                            .arg(tolerance)));
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() {
        for (const auto& [kind, ratio] : worstRatios())
            qInfo("worst error/tolerance for %-36s %.4f", kind.c_str(), ratio);
    }

    void everyCaseIsPresent() {
        const json& cases = goldenCases().at("cases");
        QCOMPARE(int(cases.size()), 81);
        int refusals = 0;
        for (const auto& goldenCase : cases)
            refusals += goldenCase.contains("expect_error") ? 1 : 0;
        QVERIFY(refusals >= 1);
        QVERIFY(!goldenCases().at("dataset_groups").empty());
        // The quiet set: 16 cases, every one with log-mel outputs too.
        const json& quiet = goldenCases(GoldenSet::Quiet).at("cases");
        QCOMPARE(int(quiet.size()), 16);
        for (const auto& goldenCase : quiet)
            QVERIFY(goldenCase.at("outputs").contains("logmel"));
    }

    void caseMatchesLibrosa_data() {
        QTest::addColumn<QString>("caseId");
        QTest::addColumn<int>("set");
        for (const GoldenSet set : {GoldenSet::Reference, GoldenSet::Quiet}) {
            for (const auto& goldenCase : goldenCases(set).at("cases")) {
                const std::string id = goldenCase.at("id");
                const std::string row = (set == GoldenSet::Quiet ? "quiet/" : "") + id;
                QTest::newRow(row.c_str()) << QString::fromStdString(id) << int(set);
            }
        }
    }

    void caseMatchesLibrosa() {
        QFETCH(QString, caseId);
        QFETCH(int, set);
        const auto goldenSet = GoldenSet(set);
        const std::string setName = goldenSet == GoldenSet::Quiet ? "quiet " : "";
        const json& goldenCase = findCase(caseId.toStdString(), goldenSet);
        const FeatureConfig config = goldenConfig(goldenCase.at("config"), goldenSet);
        QVERIFY(validate(config).empty());

        auto audio = loadAudio(audioPath(goldenCase, goldenSet), config.sampleRateHz);
        QVERIFY2(audio.ok(), audio.ok() ? "" : audio.error().message.c_str());
        verifyLoad(goldenCase, *audio, goldenSet);

        const FeatureExtractor extractor(config);
        const auto clip = extractor.extractSignal(audio->samples);
        if (goldenCase.contains("expect_error")) {
            QVERIFY2(!clip.ok(), "librosa refused this input; so must we");
            QCOMPARE(int(clip.error().kind), int(ErrorKind::TooShort));
            QVERIFY(clip.error().message.find("n_fft=") != std::string::npos);
            return;
        }
        QVERIFY2(clip.ok(), clip.ok() ? "" : clip.error().message.c_str());

        if (goldenCase.contains("trim")) {
            QVERIFY(clip->trimRange.has_value());
            QCOMPARE(clip->trimRange->start, goldenCase.at("trim")[0].get<long long>());
            QCOMPARE(clip->trimRange->end, goldenCase.at("trim")[1].get<long long>());
        }

        for (const auto& [name, expected] : goldenCase.at("outputs").items()) {
            const auto parts = QString::fromStdString(name).split('_');
            const Feature feature = featureNamed(parts[0].toStdString());
            const FeatureMatrix* raw = clip->find(feature);
            QVERIFY(raw);
            FeatureMatrix ours = *raw;
            Tolerance tolerance = rawTolerance(feature, *raw);
            if (parts.size() == 3) {
                const Scaler scaler = parts[1] == "standard" ? Scaler::Standard : Scaler::MinMax;
                const ScaleAxis axis = parts[2] == "frame"  ? ScaleAxis::Frame
                                       : parts[2] == "band" ? ScaleAxis::Band
                                                            : ScaleAxis::Global;
                ours = scaleFeature(*raw, scaler, axis);
                tolerance = scaledTolerance(feature, scaler, axis, *raw);
            }
            QCOMPARE(ours.rows(), expected.at("shape")[0].get<Eigen::Index>());
            QCOMPARE(ours.cols(), expected.at("shape")[1].get<Eigen::Index>());
            verifyComparison(compareHeadTail(ours, goldenArray(expected.at("head"), goldenSet),
                                             goldenArray(expected.at("tail"), goldenSet),
                                             tolerance),
                             name, setName);
        }
    }

    void datasetScalingMatchesLibrosa() {
        for (const auto& group : goldenCases().at("dataset_groups")) {
            const FeatureConfig config = goldenConfig(group.at("config"));
            const FeatureExtractor extractor(config);
            std::vector<ClipFeatures> clips;
            std::map<Feature, RowStatistics> statistics;
            for (const auto& member : group.at("members")) {
                auto clip = extractor.extractFile(audioPath(findCase(member)));
                QVERIFY2(clip.ok(), clip.ok() ? "" : clip.error().message.c_str());
                for (const auto& [feature, values] : clip->features)
                    statistics[feature].addFrames(values);
                clips.push_back(std::move(clip).value());
            }

            for (Feature feature : {Feature::MelSpectrogram, Feature::Mfcc}) {
                const std::string name(toString(feature));
                const RowStatistics& stats = statistics.at(feature);
                const NpyArray mean = goldenArray("ref/dataset__" + name + "_mean.npy");
                const NpyArray deviation = goldenArray("ref/dataset__" + name + "_std.npy");
                QCOMPARE(qint64(mean.values.size()), qint64(stats.rowCount()));
                for (int r = 0; r < stats.rowCount(); ++r) {
                    const double relative = feature == Feature::Mfcc ? 0.0 : 1e-4;
                    const double absolute = feature == Feature::Mfcc ? 2e-3 : 0.0;
                    QVERIFY2(std::abs(stats.row(r).mean - mean.values[std::size_t(r)]) <=
                                 absolute + relative * std::abs(mean.values[std::size_t(r)]) +
                                     1e-12,
                             qPrintable(QStringLiteral("%1 mean row %2").arg(name.c_str()).arg(r)));
                    QVERIFY2(
                        std::abs(stats.row(r).populationStd() - deviation.values[std::size_t(r)]) <=
                            absolute + relative * std::abs(deviation.values[std::size_t(r)]) +
                                1e-12,
                        qPrintable(QStringLiteral("%1 std row %2").arg(name.c_str()).arg(r)));
                }

                std::vector<FeatureMatrix> raws;
                for (const auto& clip : clips)
                    raws.push_back(*clip.find(feature));
                const std::vector<double> bandRawTolerance = datasetBandRawTolerance(feature, raws);
                for (Scaler scaler : {Scaler::Standard, Scaler::MinMax}) {
                    std::vector<double> spread;
                    for (int r = 0; r < stats.rowCount(); ++r)
                        spread.push_back(scaler == Scaler::Standard
                                             ? stats.row(r).populationStd()
                                             : stats.row(r).max - stats.row(r).min);
                    const std::string outputName =
                        name + "_" + std::string(toString(scaler)) + "_dataset";
                    for (std::size_t m = 0; m < clips.size(); ++m) {
                        const json& expected =
                            group.at("outputs").at(group.at("members")[m]).at(outputName);
                        const FeatureMatrix& raw = *clips[m].find(feature);
                        const FeatureMatrix ours = scaleWithStatistics(raw, scaler, stats);
                        QCOMPARE(ours.cols(), expected.at("shape")[1].get<Eigen::Index>());
                        verifyComparison(
                            compareHeadTail(ours, goldenArray(expected.at("head")),
                                            goldenArray(expected.at("tail")),
                                            scaledTolerance(feature, scaler, ScaleAxis::Dataset,
                                                            raw, spread, bandRawTolerance)),
                            group.at("members")[m].get<std::string>() + " " + outputName);
                    }
                }
            }
        }
    }

    // Runs last: parity with a fourfold margin, so drift shows long before a case fails.
    void worstErrorIsAQuarterOfTolerance() {
        QVERIFY(!worstRatios().empty());
        for (const auto& [kind, ratio] : worstRatios())
            QVERIFY2(ratio <= 0.25, qPrintable(QStringLiteral("%1: worst error/tolerance %2")
                                                   .arg(QString::fromStdString(kind))
                                                   .arg(ratio)));
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
