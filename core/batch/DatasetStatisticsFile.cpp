// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/DatasetStatisticsFile.h"

#include "core/Version.h"
#include "core/io/ContentHash.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace cepstra {

std::string datasetStatisticsJson(const DatasetStatistics& statistics,
                                  const std::string& configHash) {
    nlohmann::json features = nlohmann::json::object();
    for (const auto& [feature, rows] : statistics) {
        nlohmann::json count = nlohmann::json::array(), mean = nlohmann::json::array(),
                       deviation = nlohmann::json::array(), m2 = nlohmann::json::array(),
                       minimum = nlohmann::json::array(), maximum = nlohmann::json::array();
        for (int r = 0; r < rows.rowCount(); ++r) {
            const RunningStat& stat = rows.row(r);
            count.push_back(stat.count);
            mean.push_back(stat.mean);
            deviation.push_back(stat.populationStd());
            m2.push_back(stat.m2);
            minimum.push_back(stat.min);
            maximum.push_back(stat.max);
        }
        features[std::string(toString(feature))] = {{"count", count},   {"mean", mean},
                                                    {"std", deviation}, {"m2", m2},
                                                    {"min", minimum},   {"max", maximum}};
    }
    const nlohmann::json document = {
        {"cepstra_version", kVersion}, {"config_hash", configHash}, {"features", features}};
    return document.dump(1) + "\n";
}

std::string hashOfStatisticsDocument(const std::string& document) {
    return hashBytes(document);
}

Result<std::optional<DatasetStatistics>>
readDatasetStatistics(const std::filesystem::path& outputRoot, const std::string& configHash) {
    std::ifstream file(outputRoot / kDatasetStatisticsFileName);
    if (!file)
        return std::optional<DatasetStatistics>();
    const nlohmann::json document = nlohmann::json::parse(file, nullptr, false);
    if (document.is_discarded() || !document.is_object() ||
        document.value("config_hash", "") != configHash || !document.contains("features"))
        return std::optional<DatasetStatistics>();
    DatasetStatistics statistics;
    try {
        for (const auto& [name, rows] : document.at("features").items()) {
            std::optional<Feature> feature;
            for (Feature candidate : {Feature::MelSpectrogram, Feature::Mfcc, Feature::LogMel})
                if (toString(candidate) == name)
                    feature = candidate;
            if (!feature)
                continue;
            const auto& count = rows.at("count");
            RowStatistics fit(int(count.size()));
            for (int r = 0; r < fit.rowCount(); ++r) {
                RunningStat& stat = fit.row(r);
                stat.count = rows.at("count").at(r).get<std::int64_t>();
                stat.mean = rows.at("mean").at(r).get<double>();
                stat.m2 = rows.at("m2").at(r).get<double>();
                stat.min = rows.at("min").at(r).get<double>();
                stat.max = rows.at("max").at(r).get<double>();
            }
            statistics.emplace(*feature, std::move(fit));
        }
    } catch (const nlohmann::json::exception& exception) {
        return Error{ErrorKind::Malformed, (outputRoot / kDatasetStatisticsFileName).string() +
                                               " is damaged: " + exception.what()};
    }
    return std::optional<DatasetStatistics>(std::move(statistics));
}

Status removeDatasetStatistics(Catalog& catalog, const std::filesystem::path& outputRoot) {
    auto recorded = catalog.metaValue(kDatasetStatisticsHashKey);
    if (!recorded)
        return recorded.error();
    if (!recorded->has_value() || (*recorded)->empty())
        return success(); // never written by us: leave any such file alone
    std::error_code ec;
    std::filesystem::remove(outputRoot / kDatasetStatisticsFileName, ec);
    return catalog.setMetaValue(kDatasetStatisticsHashKey, "");
}

} // namespace cepstra
