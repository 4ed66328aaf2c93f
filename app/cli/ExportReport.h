// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/JobProgress.h"
#include "core/export/ExportWriter.h"

namespace cepstra::cli {

/// Before writing: a warning line per split-list name that matches no clip (a count and the
/// first few when there are many), and with JSON progress a "plan" object (shapes, counts per
/// split and label, estimated size).
void reportPlan(const ExportPlan& plan, ProgressStyle style);

/// After writing: clips and examples per split, and every clip left out with its reason; as
/// text, or a final JSON "summary" object.
void reportSummary(const ExportPlan& plan, const ExportSummary& summary, ProgressStyle style);

} // namespace cepstra::cli
