// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cepstra {

/// Process-wide settings for programs that run the batch: call once at start-up, before any
/// thread starts.
/// - glibc keeps freed multi-megabyte buffers in the heap for reuse instead of returning them
///   to the kernel. Every clip allocates several such buffers (samples, spectra, outputs);
///   with the default mmap threshold each one cost fresh page faults, which made kernel time
///   about as large as the DSP itself. Peak RSS grows by at most one clip's working set per
///   worker.
/// - SIGXFSZ is ignored, so a write over a file size limit (ulimit -f) fails with EFBIG and is
///   reported like a full disk, instead of killing the process.
void prepareProcessForBatchWork();

} // namespace cepstra
