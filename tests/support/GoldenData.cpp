// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/GoldenData.h"

#include "tests/support/TestPaths.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

namespace cepstra::test {
namespace {

constexpr double kNearConstant = 10.0 * std::numeric_limits<float>::epsilon();

struct GroupStats {
    std::vector<double> spread;       // per group
    std::vector<double> rawTolerance; // per group: the largest raw tolerance in it
};

/// Group index of an element for a scaling axis.
Eigen::Index groupOf(ScaleAxis axis, Eigen::Index row, Eigen::Index col) {
    switch (axis) {
    case ScaleAxis::Frame:
        return col;
    case ScaleAxis::Band:
    case ScaleAxis::Dataset:
        return row;
    case ScaleAxis::Global:
        return 0;
    }
    return 0;
}

GroupStats groupStats(Feature feature, Scaler scaler, ScaleAxis axis, const FeatureMatrix& raw) {
    const Eigen::Index groups = axis == ScaleAxis::Frame    ? raw.cols()
                                : axis == ScaleAxis::Global ? 1
                                                            : raw.rows();
    const Tolerance tolerance = rawTolerance(feature, raw);
    GroupStats stats;
    stats.spread.assign(std::size_t(groups), 0.0);
    stats.rawTolerance.assign(std::size_t(groups), 0.0);
    std::vector<std::vector<double>> members(static_cast<std::size_t>(groups));
    for (Eigen::Index r = 0; r < raw.rows(); ++r) {
        for (Eigen::Index c = 0; c < raw.cols(); ++c) {
            const auto g = std::size_t(groupOf(axis, r, c));
            members[g].push_back(raw(r, c));
            stats.rawTolerance[g] = std::max(stats.rawTolerance[g], tolerance(r, c, raw(r, c)));
        }
    }
    for (std::size_t g = 0; g < members.size(); ++g) {
        const auto& values = members[g];
        if (scaler == Scaler::Standard) {
            double mean = 0.0;
            for (double v : values)
                mean += v;
            mean /= double(values.size());
            double variance = 0.0;
            for (double v : values)
                variance += (v - mean) * (v - mean);
            stats.spread[g] = std::sqrt(variance / double(values.size()));
        } else {
            const auto [low, high] = std::minmax_element(values.begin(), values.end());
            stats.spread[g] = *high - *low;
        }
    }
    return stats;
}

} // namespace

const nlohmann::json& goldenCases(GoldenSet set) {
    static const auto load = [](GoldenSet which) {
        const QString path = QDir(goldenDirectory(which)).filePath("cases.json");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error(
                "golden data not found at " + path.toStdString() +
                "; put the team's shared/ folder beside the checkout or set CEPSTRA_GOLDEN_DIR");
        return std::make_shared<nlohmann::json>(
            nlohmann::json::parse(file.readAll().toStdString()));
    };
    static const std::shared_ptr<nlohmann::json> reference = load(GoldenSet::Reference);
    if (set == GoldenSet::Reference)
        return *reference;
    static const std::shared_ptr<nlohmann::json> quiet = load(GoldenSet::Quiet);
    return *quiet;
}

FeatureConfig goldenConfig(const std::string& name, GoldenSet set) {
    FeatureConfig config;
    const nlohmann::json& settings = goldenCases(set).at("configs").at(name);
    if (auto status = applyConfigJson(config, settings); !status)
        throw std::runtime_error("golden config " + name + ": " + status.error().message);
    if (!settings.contains("features"))
        config.features = {Feature::MelSpectrogram, Feature::Mfcc};
    return config;
}

NpyArray goldenArray(const std::string& relativePath, GoldenSet set) {
    const QString path = QDir(goldenDirectory(set)).filePath(QString::fromStdString(relativePath));
    auto array = readNpy(path.toStdString());
    if (!array)
        throw std::runtime_error(array.error().message);
    return std::move(array).value();
}

Comparison compareHeadTail(const FeatureMatrix& ours, const NpyArray& head, const NpyArray& tail,
                           const Tolerance& tolerance) {
    Comparison result;
    auto compare = [&](const NpyArray& reference, Eigen::Index firstColumn, const char* label) {
        if (reference.shape.size() != 2 || reference.shape[0] != ours.rows()) {
            result.worstRatio = std::numeric_limits<double>::infinity();
            result.where = std::string(label) + ": reference shape does not match";
            return;
        }
        const auto columns = Eigen::Index(reference.shape[1]);
        for (Eigen::Index r = 0; r < ours.rows(); ++r) {
            for (Eigen::Index c = 0; c < columns; ++c) {
                const double expected = reference.values[std::size_t(r * columns + c)];
                const double actual = ours(r, firstColumn + c);
                const double difference = std::abs(actual - expected);
                // Exact agreement passes even where the tolerance is zero (digital silence).
                const double ratio =
                    difference == 0.0 ? 0.0 : difference / tolerance(r, firstColumn + c, expected);
                if (!(ratio <= result.worstRatio)) {
                    result.worstRatio =
                        std::isnan(ratio) ? std::numeric_limits<double>::infinity() : ratio;
                    result.where = std::string(label) + " [" + std::to_string(r) + ", " +
                                   std::to_string(firstColumn + c) + "]: ours " +
                                   std::to_string(actual) + ", librosa " + std::to_string(expected);
                }
            }
        }
    };
    compare(head, 0, "head");
    compare(tail, ours.cols() - Eigen::Index(tail.shape.size() == 2 ? tail.shape[1] : 0), "tail");
    return result;
}

Tolerance rawTolerance(Feature feature, const FeatureMatrix& ours) {
    if (feature == Feature::MelSpectrogram) {
        const double peak = ours.size() ? double(ours.cwiseAbs().maxCoeff()) : 0.0;
        return [peak](Eigen::Index, Eigen::Index, double reference) {
            return 1e-5 * peak + 1e-4 * std::abs(reference);
        };
    }
    return [](Eigen::Index, Eigen::Index, double) { return 2e-3; };
}

Tolerance scaledTolerance(Feature feature, Scaler scaler, ScaleAxis axis, const FeatureMatrix& raw,
                          const std::vector<double>& datasetSpread,
                          const std::vector<double>& datasetRawTolerance) {
    auto stats = std::make_shared<GroupStats>();
    if (axis == ScaleAxis::Dataset)
        *stats = {datasetSpread, datasetRawTolerance};
    else
        *stats = groupStats(feature, scaler, axis, raw);
    return [stats, axis](Eigen::Index row, Eigen::Index col, double) {
        const auto g = std::size_t(groupOf(axis, row, col));
        const double spread = stats->spread[g];
        if (spread < kNearConstant)
            return std::numeric_limits<double>::infinity();
        return 1e-3 + 2.0 * stats->rawTolerance[g] / spread;
    };
}

std::vector<double> datasetBandRawTolerance(Feature feature,
                                            const std::vector<FeatureMatrix>& members) {
    std::vector<double> bands;
    for (const FeatureMatrix& raw : members) {
        bands.resize(std::size_t(raw.rows()), 0.0);
        const Tolerance tolerance = rawTolerance(feature, raw);
        for (Eigen::Index r = 0; r < raw.rows(); ++r)
            for (Eigen::Index c = 0; c < raw.cols(); ++c)
                bands[std::size_t(r)] = std::max(bands[std::size_t(r)], tolerance(r, c, raw(r, c)));
    }
    return bands;
}

FeatureMatrix readFeatureMatrix(const std::string& path) {
    auto matrix = readNpyMatrix(path);
    if (!matrix)
        throw std::runtime_error(matrix.error().message);
    return std::move(matrix).value();
}

} // namespace cepstra::test
