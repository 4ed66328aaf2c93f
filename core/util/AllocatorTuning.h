// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cepstra {

/// Makes glibc keep freed multi-megabyte buffers in the heap for reuse instead of returning
/// them to the kernel. Every clip allocates several such buffers (samples, spectra, outputs);
/// with the default mmap threshold each one costs fresh page faults, which made kernel time
/// about as large as the DSP itself. Peak RSS grows by at most one clip's working set per
/// worker. Call once at start-up, before threads start.
void keepLargeAllocationsInHeap();

} // namespace cepstra
