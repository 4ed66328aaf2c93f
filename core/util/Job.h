// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <string_view>

namespace cepstra {

/// What every long job (run, merge, check, export) tells whoever watches it: one interface,
/// so the CLI has one progress renderer and the app one job controller. Called on the thread
/// that runs the job, never on a worker, so an implementation needs no locking; a UI forwards
/// the calls as queued signals and throttles them.
class JobObserver {
public:
    virtual ~JobObserver() = default;
    /// The work is known: `total` units of `unit` ("files", "clips", "arrays").
    virtual void started(long long /*total*/, std::string_view /*unit*/) {}
    /// `done` of `total` units finished; `done` only ever goes up within a phase.
    virtual void progressed(long long /*done*/, long long /*total*/) {}
    /// A later pass over the work with its own count ("dataset-scaling"); progressed() then
    /// counts within it.
    virtual void phaseStarted(std::string_view /*phase*/, long long /*total*/) {}
    /// What the job works from, said once before it starts: where its labels come from ("Labels
    /// from meta/esc50.csv (ESC-50: ...)"). Not a warning: nothing is wrong.
    virtual void note(std::string_view /*line*/) {}
    /// Something about the job as a whole worth one line (empty mel filters, a cache made
    /// anew), at most once per message.
    virtual void warning(std::string_view /*message*/) {}
};

/// How a long job ended: what the CLI's exit code and the app's summary say.
enum class JobOutcome {
    Succeeded,       ///< every item was processed
    SomeItemsFailed, ///< done, but some items could not be processed; each is in the report
    Interrupted,     ///< stopped on request; running it again resumes
    Refused,         ///< bad usage, config or folders; nothing was written
    Failed,          ///< the job as a whole failed part-way (a full disk)
};

/// The outcome of a job that ended with `error`.
JobOutcome outcomeOf(const Error& error);

} // namespace cepstra
