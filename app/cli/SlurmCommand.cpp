// SPDX-License-Identifier: GPL-3.0-or-later
// `cepstra-cli slurm`: a sharded run as a Slurm array job, and the merge after it.
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "core/batch/RunPlan.h"
#include "core/batch/Sharding.h"
#include "core/io/AtomicFile.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

namespace cepstra::cli {
namespace fs = std::filesystem;
namespace {

struct SlurmOptions {
    std::string input;
    std::string output;
    ConfigOptions config;
    ManifestOptions manifest; ///< passed on to every shard and the merge
    int tasks = 0;
    std::string partition;
    std::string time;
    int cpusPerTask = 2;
    std::string mailUser;
    bool submit = false;
};

/// What may follow `#SBATCH --x=`: one word, which Slurm reads without a shell.
bool isSbatchWord(const std::string& value) {
    return !value.empty() && value.find_first_of(" \t\n\r'\"\\#") == std::string::npos;
}

/// This program's own path, so that compute nodes run the same build (a shared file system).
std::string selfPath() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("cepstra-cli") : self.string();
}

struct SlurmFiles {
    fs::path folder, config, shards, merge, submit, logs;
};

SlurmFiles filesUnder(const fs::path& output) {
    const fs::path folder = output / "slurm";
    return {folder,
            folder / "config.json",
            folder / "cepstra-shards.sbatch",
            folder / "cepstra-merge.sbatch",
            folder / "submit.sh",
            folder / "logs"};
}

std::string sbatchHeader(const SlurmOptions& options, const std::string& jobName,
                         const char* mailType) {
    std::string header = "#!/bin/bash\n#SBATCH --job-name=" + jobName + "\n";
    header += "#SBATCH --cpus-per-task=" + std::to_string(options.cpusPerTask) + "\n";
    if (!options.partition.empty())
        header += "#SBATCH --partition=" + options.partition + "\n";
    if (!options.time.empty())
        header += "#SBATCH --time=" + options.time + "\n";
    if (!options.mailUser.empty())
        header +=
            "#SBATCH --mail-user=" + options.mailUser + "\n#SBATCH --mail-type=" + mailType + "\n";
    return header;
}

std::string shardScript(const SlurmOptions& options, const fs::path& input, const fs::path& output,
                        const SlurmFiles& files) {
    const std::string count = std::to_string(options.tasks);
    return sbatchHeader(options, "cepstra-shards", "FAIL") + "#SBATCH --array=1-" + count +
           "\n"
           "# One shard of the run per array task; `cepstra-cli merge` (the next job) finishes.\n"
           "# Its --output is given at submission (see submit.sh): a path there needs no "
           "quoting.\n"
           "set -u\n" +
           shellQuoted(selfPath()) + " run " + shellQuoted(input.string()) + " " +
           shellQuoted(output.string()) + " --config " + shellQuoted(files.config.string()) +
           manifestArguments(options.manifest) + " --shard \"${SLURM_ARRAY_TASK_ID}/" + count +
           "\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --progress none\n"
           "status=$?\n"
           "# 1: some files failed, and the shard finished; the merge lists them. Anything\n"
           "# else (2 bad usage, 130 stopped, a crash) fails the task, so the merge waits.\n"
           "if [ \"$status\" -eq 1 ]; then exit 0; fi\n"
           "exit \"$status\"\n";
}

std::string mergeScript(const SlurmOptions& options, const fs::path& output) {
    return sbatchHeader(options, "cepstra-merge", "END,FAIL") +
           "# Folds the shards into the catalog and runs the scale_axis dataset pass. Its log\n"
           "# ends with the summary `cepstra-cli run` prints.\n" +
           shellQuoted(selfPath()) + " merge " + shellQuoted(output.string()) +
           manifestArguments(options.manifest) +
           " --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --progress none\n";
}

std::string submitScript(const SlurmFiles& files) {
    return "#!/bin/bash\n"
           "# Submits the shard array, then the merge to run after every shard succeeded.\n"
           "set -euo pipefail\n"
           "shards=$(sbatch --parsable --output=" +
           shellQuoted((files.logs / "shard-%a.%A.log").string()) + " " +
           shellQuoted(files.shards.string()) +
           ")\nshards=${shards%%;*}\n"
           "merge=$(sbatch --parsable --dependency=afterok:$shards --output=" +
           shellQuoted((files.logs / "merge.%j.log").string()) + " " +
           shellQuoted(files.merge.string()) +
           ")\nmerge=${merge%%;*}\n"
           "echo \"shards: job $shards, merge: job $merge\"\n";
}

/// Runs `argv` and returns its standard output, or nothing (with its stderr shown) on failure.
std::optional<std::string> capture(const std::vector<std::string>& argv, bool quiet = false) {
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return std::nullopt;
    const pid_t child = fork();
    if (child == 0) {
        dup2(pipeFds[1], STDOUT_FILENO);
        if (const int null = quiet ? open("/dev/null", O_WRONLY) : -1; null >= 0)
            dup2(null, STDERR_FILENO);
        close(pipeFds[0]);
        close(pipeFds[1]);
        std::vector<char*> args;
        for (const auto& arg : argv)
            args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    close(pipeFds[1]);
    std::string out;
    std::array<char, 4096> buffer{};
    for (ssize_t n; (n = read(pipeFds[0], buffer.data(), buffer.size())) > 0;)
        out.append(buffer.data(), std::size_t(n));
    close(pipeFds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::nullopt;
    return out;
}

/// The job id sbatch --parsable printed ("123" or "123;cluster").
std::optional<std::string> submitJob(const std::vector<std::string>& argv) {
    auto out = capture(argv);
    if (!out)
        return std::nullopt;
    std::string id = out->substr(0, out->find_first_of(";\n"));
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return id;
}

/// The most tasks one array job may have: MaxArraySize - 1 (indices start at 0), from
/// `scontrol show config` when it answers, else Slurm's default MaxArraySize of 1001. Asked
/// only past that default, since scontrol waits for a controller that may not answer.
int maxArrayTasks(int tasks) {
    constexpr int kDefaultMaxArraySize = 1001;
    if (tasks < kDefaultMaxArraySize)
        return kDefaultMaxArraySize - 1;
    const auto config = capture({"scontrol", "show", "config"}, true);
    if (config) {
        const auto at = config->find("MaxArraySize");
        const auto equals = at == std::string::npos ? at : config->find('=', at);
        if (equals != std::string::npos)
            if (const int size = std::atoi(config->c_str() + equals + 1); size > 1)
                return size - 1;
    }
    return kDefaultMaxArraySize - 1;
}

int writeAndSubmit(const SlurmOptions& options, const fs::path& input, const fs::path& output,
                   const FeatureConfig& config);

int runSlurm(const SlurmOptions& options) {
    if (options.tasks < 1 || options.tasks > kMaxShards) {
        printError("--tasks must be between 1 and " + std::to_string(kMaxShards));
        return kExitUsage;
    }
    for (const auto& [name, value] :
         {std::pair{"--partition", options.partition}, std::pair{"--time", options.time},
          std::pair{"--mail-user", options.mailUser}})
        if (!value.empty() && !isSbatchWord(value)) {
            printError(std::string(name) + " \"" + value +
                       "\" holds a space, a quote or a #, which an #SBATCH line cannot; give "
                       "one word as Slurm spells it");
            return kExitUsage;
        }
    const auto config = buildConfig(options.config);
    if (!config)
        return kExitUsage;
    std::error_code ec;
    const fs::path input = fs::absolute(options.input, ec).lexically_normal();
    const fs::path output = fs::absolute(options.output, ec).lexically_normal();
    if (auto status = checkRunPaths(input, output); !status) {
        printError(status.error().message);
        return kExitUsage;
    }
    // Every task would be refused on the cluster: say so here, before anything is queued.
    if (const auto recorded = recordedInputOf(output))
        if (auto status = checkRecordedInput(*recorded, input, output, false); !status) {
            printError(status.error().message);
            return kExitUsage;
        }
    // The manifest is read here as every task will read it: one that cannot be used is refused
    // before anything is queued, and FMA's subset decides how many clips there are.
    SlurmOptions capped = options;
    if (!capped.manifest.manifest.empty() && capped.manifest.manifest != "none")
        capped.manifest.manifest = fs::absolute(capped.manifest.manifest, ec).string();
    auto manifest = Manifest::load(input, capped.manifest.request());
    if (!manifest) {
        printError(manifest.error().message);
        return kExitUsage;
    }
    const auto clips = countAudioFiles(input, *manifest ? &**manifest : nullptr);
    if (!clips) {
        printError(clips.error().message);
        return kExitUsage;
    }
    if (*clips == 0) {
        printError("no audio files found in " + input.string() + "; give the dataset folder");
        return kExitUsage;
    }
    if (capped.tasks > *clips) {
        capped.tasks = int(*clips);
        printWarning("--tasks " + std::to_string(options.tasks) + " is more than the " +
                     std::to_string(*clips) + " clips in " + input.string() + "; writing " +
                     std::to_string(capped.tasks) + " tasks, one per clip");
    }
    if (const int most = maxArrayTasks(capped.tasks); capped.tasks > most)
        printWarning(std::to_string(capped.tasks) + " array tasks are more than this cluster's " +
                     "MaxArraySize allows (" + std::to_string(most) +
                     " tasks); sbatch will refuse the array: give --tasks " + std::to_string(most) +
                     " or fewer, or ask the admins to raise it");
    return writeAndSubmit(capped, input, output, *config);
}

int writeAndSubmit(const SlurmOptions& options, const fs::path& input, const fs::path& output,
                   const FeatureConfig& config) {
    std::error_code ec;
    const SlurmFiles files = filesUnder(output);
    fs::create_directories(files.logs, ec);
    if (ec) {
        printError("cannot create " + files.logs.string() + ": " + ec.message() +
                   "; choose a writable OUTPUT on a file system every node sees");
        return kExitUsage;
    }
    for (const auto& [path, text] :
         {std::pair{files.config, configJsonOf(config) + "\n"},
          std::pair{files.shards, shardScript(options, input, output, files)},
          std::pair{files.merge, mergeScript(options, output)},
          std::pair{files.submit, submitScript(files)}})
        if (auto status = writeFileAtomically(path, text); !status) {
            printError(status.error().message);
            return kExitProcessingFailed;
        }
    fs::permissions(files.submit,
                    fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add, ec);
    std::cout << "Wrote " << files.shards.string() << " (" << options.tasks << " shard tasks, "
              << options.cpusPerTask << (options.cpusPerTask == 1 ? " CPU" : " CPUs")
              << " each) and " << files.merge.string() << " (the merge), with the config in "
              << files.config.string() << ".\n";
    if (!options.submit) {
        std::cout << "Submit both with: bash " << shellQuoted(files.submit.string()) << "\n";
        return kExitOk;
    }
    const auto shards =
        submitJob({"sbatch", "--parsable", "--output=" + (files.logs / "shard-%a.%A.log").string(),
                   files.shards.string()});
    if (!shards) {
        printError("sbatch could not submit " + files.shards.string() +
                   " (its message is above); check that Slurm's client works here (sinfo)");
        return kExitProcessingFailed;
    }
    const auto merge =
        submitJob({"sbatch", "--parsable", "--dependency=afterok:" + *shards,
                   "--output=" + (files.logs / "merge.%j.log").string(), files.merge.string()});
    if (!merge) {
        printError("sbatch could not submit the merge after job " + *shards +
                   "; submit it with: sbatch --dependency=afterok:" + *shards + " " +
                   files.merge.string());
        return kExitProcessingFailed;
    }
    std::cout << "Submitted the shards as job " << *shards << " (tasks 1-" << options.tasks
              << ") and the merge as job " << *merge << ", which starts when every task "
              << "succeeded.\n"
              << "Watch:   squeue -j " << *shards << "," << *merge
              << "    logs: " << files.logs.string() << "\n"
              << "A task that failed (say 3) is re-run alone, then the merge again:\n"
              << "  sbatch --array=3 --output="
              << shellQuoted((files.logs / "shard-%a.%A.log").string()) << " "
              << shellQuoted(files.shards.string()) << "\n"
              << "  sbatch --dependency=afterok:<its job id> --output="
              << shellQuoted((files.logs / "merge.%j.log").string()) << " "
              << shellQuoted(files.merge.string()) << "\n"
              << "The merge names any shard that is missing or unfinished.\n";
    return kExitOk;
}

} // namespace

std::function<int()> addSlurmCommand(CLI::App& app) {
    auto options = std::make_shared<SlurmOptions>();
    CLI::App* command = app.add_subcommand(
        "slurm", "Write (or --submit) a Slurm array job of sharded runs, and the merge after it");
    command->add_option("INPUT", options->input, "Dataset folder, as for run")->required();
    command->add_option("OUTPUT", options->output, "Feature folder every node can write")
        ->required();
    command->add_option("--tasks", options->tasks, "Shards: array tasks 1..N")->required();
    addConfigOptions(*command, options->config);
    addManifestOptions(*command, options->manifest);
    command->add_option("--partition", options->partition, "Slurm partition (default: Slurm's)");
    command->add_option("--time", options->time, "Time limit per task, as Slurm spells it");
    command->add_option("--cpus-per-task", options->cpusPerTask, "CPUs per task (default 2)")
        ->check(CLI::Range(1, 1024));
    command->add_option("--mail-user", options->mailUser, "Mail Slurm's end and fail notices here");
    command->add_flag("--submit", options->submit, "Submit with sbatch instead of only writing");
    return [options] {
        const int code = runSlurm(*options);
        return code != kExitOk ? code : flushStandardOutput("what was written and submitted");
    };
}

} // namespace cepstra::cli
