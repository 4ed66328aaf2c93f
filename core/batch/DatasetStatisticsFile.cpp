// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/DatasetStatisticsFile.h"

#include "core/Version.h"
#include "core/io/ContentHash.h"

#include <nlohmann/json.hpp>

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
