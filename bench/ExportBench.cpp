// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/ExportBench.h"

#include "bench/BenchSupport.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace cepstra::bench {
namespace fs = std::filesystem;
namespace {

constexpr int kRepetitions = 3;

struct Variant {
    const char* name;
    std::vector<std::string> options;
};

/// The median of each figure over kRepetitions exports, and the file's size.
struct ExportFigures {
    Measurement median;
    double fileMb = 0.0;
};

ExportFigures measureExport(const fs::path& features, const fs::path& destination,
                            const std::vector<std::string>& options) {
    std::vector<std::string> arguments{"export", features.string(), destination.string(),
                                       "--progress", "none"};
    arguments.insert(arguments.end(), options.begin(), options.end());
    std::vector<Measurement> runs;
    for (int i = 0; i < kRepetitions; ++i) {
        fs::remove(destination);
        runs.push_back(measureCli(arguments));
    }
    const auto median = [&](double Measurement::*field) {
        std::vector<double> values;
        for (const auto& run : runs)
            values.push_back(run.*field);
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    };
    ExportFigures figures;
    figures.median = {median(&Measurement::wallSeconds), median(&Measurement::userSeconds),
                      median(&Measurement::kernelSeconds), median(&Measurement::peakRssKb), 0};
    for (const auto& run : runs)
        figures.median.exitCode = std::max(figures.median.exitCode, run.exitCode);
    std::error_code ec;
    figures.fileMb = double(fs::file_size(destination, ec)) / 1e6;
    fs::remove(destination, ec);
    return figures;
}

} // namespace

bool printExportBench(const fs::path& work, int clips) {
    const fs::path input = makeDataset(work / ("gtzan-" + std::to_string(clips)), clips, 30.0);
    const fs::path features = work / ("features-" + std::to_string(clips));
    // Incremental: after the first time this is a no-op.
    const Measurement run =
        measureCli({"run", input.string(), features.string(), "--progress", "none"});
    std::printf("\nExport: cepstra-cli export of a %d-clip run (30 s clips, mel + MFCC, raw "
                "float32; run took %.1f s, exit %d); median of %d exports\n",
                clips, run.wallSeconds, run.exitCode, kRepetitions);
    const std::vector<Variant> variants{
        {"whole clips (ragged)", {}},
        {"128-frame segments, hop 64, train/valid/test",
         {"--frames", "128", "--fit", "segment", "--segment-hop", "64", "--split",
          "train=0.8,valid=0.1,test=0.1"}},
    };
    bool ok = true;
    for (const auto& variant : variants)
        for (const char* extension : {"h5", "npz"}) {
            const auto figures = measureExport(
                features, work / (std::string("export.") + extension), variant.options);
            const Measurement& m = figures.median;
            std::printf("  .%-4s %-46s %5.2f s  (%.2f user + %.2f kernel)  peak RSS %5.1f MB  "
                        "file %6.0f MB  exit %d\n",
                        extension, variant.name, m.wallSeconds, m.userSeconds, m.kernelSeconds,
                        m.peakRssKb / 1024.0, figures.fileMb, m.exitCode);
            ok = ok && m.exitCode == 0;
        }
    std::printf("  targets: <= 3 s and peak RSS < 100 MB per export on 2 cores\n");
    return ok;
}

} // namespace cepstra::bench
