// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/FeatureMatrix.h"

#include <cstdint>
#include <vector>

namespace cepstra {

/// Running statistics of one feature row: count, mean and M2 in double (Chan et al.'s
/// parallel algorithm), plus min and max. Merging is exact in the algebraic sense; to get the
/// same bits whatever the thread count, merge per-clip statistics in a fixed order.
struct RunningStat {
    std::int64_t count = 0;
    double mean = 0.0;
    double m2 = 0.0; ///< sum of squared deviations from the mean
    double min = 0.0;
    double max = 0.0;

    void merge(const RunningStat& other);
    double populationVariance() const { return count > 0 ? m2 / double(count) : 0.0; }
    double populationStd() const;
};

/// Per-row statistics over every frame of every clip merged in: the fit of
/// scale_axis="dataset". Not thread-safe; give each worker its own and merge().
class RowStatistics {
public:
    RowStatistics() = default;
    explicit RowStatistics(int rows)
        : m_rows(std::size_t(rows)) {}

    /// Adds every frame (column) of a (rows, frames) matrix.
    void addFrames(const FeatureMatrix& matrix);
    void merge(const RowStatistics& other);

    int rowCount() const { return int(m_rows.size()); }
    const RunningStat& row(int index) const { return m_rows[std::size_t(index)]; }
    RunningStat& row(int index) { return m_rows[std::size_t(index)]; }

private:
    std::vector<RunningStat> m_rows;
};

} // namespace cepstra
