// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra._core: the compiled half of the `cepstra` package. The Python modules beside it
// (feature.py, effects.py, jobs.py...) give it librosa's names and signatures.
#include "core/Version.h"
#include "python/bindings/Bindings.h"

PYBIND11_MODULE(_core, module) {
    using namespace cepstra::python;
    module.doc() = "Cepstra's C++ core: librosa-identical features, and the dataset jobs.";
    module.attr("__version__") = cepstra::kVersion;
    registerAudio(module);
    registerFeatures(module);
    registerDsp(module);
    registerConfig(module);
    registerRun(module);
    registerCheck(module);
    registerExport(module);
}
