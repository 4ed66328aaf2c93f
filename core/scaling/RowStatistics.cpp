// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scaling/RowStatistics.h"

#include <algorithm>
#include <cmath>

namespace cepstra {

void RunningStat::merge(const RunningStat& other) {
    if (other.count == 0)
        return;
    if (count == 0) {
        *this = other;
        return;
    }
    const double total = double(count + other.count);
    const double delta = other.mean - mean;
    mean += delta * double(other.count) / total;
    m2 += other.m2 + delta * delta * double(count) * double(other.count) / total;
    count += other.count;
    min = std::min(min, other.min);
    max = std::max(max, other.max);
}

double RunningStat::populationStd() const {
    return std::sqrt(populationVariance());
}

void RowStatistics::addFrames(const FeatureMatrix& matrix) {
    if (m_rows.empty())
        m_rows.resize(std::size_t(matrix.rows()));
    const auto frames = matrix.cols();
    if (frames == 0)
        return;
    for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
        // Two passes over the row in double: an exact-as-possible batch, then one Chan merge.
        const auto values = matrix.row(r).cast<double>();
        RunningStat batch;
        batch.count = frames;
        batch.mean = values.sum() / double(frames);
        batch.m2 = (values.array() - batch.mean).square().sum();
        batch.min = values.minCoeff();
        batch.max = values.maxCoeff();
        m_rows[std::size_t(r)].merge(batch);
    }
}

void RowStatistics::merge(const RowStatistics& other) {
    if (m_rows.empty())
        m_rows.resize(other.m_rows.size());
    for (std::size_t r = 0; r < m_rows.size() && r < other.m_rows.size(); ++r)
        m_rows[r].merge(other.m_rows[r]);
}

} // namespace cepstra
