// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How planExport() decides each clip's split. Internal to core/export.

#include "core/dataset/ClipFacts.h"
#include "core/export/ExportPlan.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cepstra {

/// Families of duplicate clips, each a list of INPUT-relative paths.
using Families = std::vector<std::vector<std::string>>;

/// The families --group names: the catalog's (`kept`, from the last check with FEATURES) or a
/// report's, with the options' own. InvalidUsage, naming --group and what to do, when there
/// are none to read.
Result<Families> duplicateFamiliesFor(const ExportOptions& options,
                                      const std::optional<Families>& kept);

/// Decides the split of each of plan.clips (`facts` alongside), and numbers their labels:
/// leaves out the clips the way of splitting cannot place (not in a list, no fold, no split,
/// no label), each with its reason, then deals the rest into plan.splits. Returns each kept
/// clip's index into plan.splits. `knownKeys` are the listKey()s of every catalogued clip, to
/// tell list lines that match nothing.
Result<std::vector<int>> partitionClips(ExportPlan& plan, std::vector<ClipFacts>& facts,
                                        const std::set<std::string>& knownKeys,
                                        const Families& families);

} // namespace cepstra
