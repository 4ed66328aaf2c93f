// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/Job.h"

namespace cepstra {

JobOutcome outcomeOf(const Error& error) {
    switch (error.kind) {
    case ErrorKind::Cancelled:
        return JobOutcome::Interrupted;
    case ErrorKind::InvalidUsage:
    case ErrorKind::InvalidConfig:
    case ErrorKind::Malformed:
        return JobOutcome::Refused;
    default:
        return JobOutcome::Failed;
    }
}

} // namespace cepstra
