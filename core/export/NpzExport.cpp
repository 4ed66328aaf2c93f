// SPDX-License-Identifier: GPL-3.0-or-later
// The NPZ layout: <split>_<feature>, <split>_label, <split>_path, <split>_start_frame
// (<split>_offsets, ragged), label_names and config_json, each a .npy as numpy.save writes it.
// libzip pulls each entry's bytes from a callback while it writes the archive, so a feature
// entry is produced one example at a time and never held whole.
#include "core/export/ExampleData.h"
#include "core/export/ExportWork.h"
#include "core/io/AtomicFile.h"
#include "core/io/Npy.h"
#include "core/io/NpyArrays.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

/// One entry's bytes, produced on demand.
class EntryStream {
public:
    virtual ~EntryStream() = default;
    virtual std::uint64_t size() const = 0;
    /// Restarts at the first byte.
    virtual void rewind() = 0;
    /// Up to `length` next bytes into `out`; 0 at the end.
    virtual Result<std::size_t> read(char* out, std::size_t length) = 0;
};

class BytesEntry : public EntryStream {
public:
    explicit BytesEntry(std::string bytes)
        : m_bytes(std::move(bytes)) {}
    std::uint64_t size() const override { return m_bytes.size(); }
    void rewind() override { m_at = 0; }
    Result<std::size_t> read(char* out, std::size_t length) override {
        const std::size_t count = std::min(length, m_bytes.size() - m_at);
        std::memcpy(out, m_bytes.data() + m_at, count);
        m_at += count;
        return count;
    }

private:
    std::string m_bytes;
    std::size_t m_at = 0;
};

/// A split's feature array: its header, then each example (or, ragged, each clip's frames in
/// Fortran order), made from one clip's array at a time.
class FeatureEntry : public EntryStream {
public:
    FeatureEntry(const ExportSplit& split, std::size_t feature, ExportWork& work)
        : m_split(split)
        , m_feature(feature)
        , m_work(work) {
        const ExportPlan& plan = work.plan();
        const auto shape = plan.shapeOf(split, feature);
        m_header = encodeNpyHeader(plan.options.dtype == ExportDtype::Float16 ? "<f2" : "<f4",
                                   shape, plan.ragged());
        std::uint64_t elements = 1;
        for (long long dimension : shape)
            elements *= std::uint64_t(dimension);
        m_size = m_header.size() + elements * itemBytes(plan.options.dtype);
    }
    std::uint64_t size() const override { return m_size; }
    void rewind() override {
        m_block = m_header;
        m_at = 0;
        m_clip = 0;
        m_example = 0;
        m_array.reset();
    }
    Result<std::size_t> read(char* out, std::size_t length) override {
        std::size_t copied = 0;
        while (copied < length) {
            if (m_at == m_block.size()) {
                auto more = nextBlock();
                if (!more)
                    return more.error();
                if (!*more)
                    break;
            }
            const std::size_t count = std::min(length - copied, m_block.size() - m_at);
            std::memcpy(out + copied, m_block.data() + m_at, count);
            m_at += count;
            copied += count;
        }
        return copied;
    }

private:
    /// The next example's bytes into m_block; false at the end.
    Result<bool> nextBlock() {
        const ExportPlan& plan = m_work.plan();
        while (!m_array || m_example == m_starts->size()) {
            if (m_clip == m_split.clips.size())
                return false;
            if (m_work.stopRequested())
                return Error{ErrorKind::Cancelled, ""};
            const ExportClip& clip = plan.clips[std::size_t(m_split.clips[m_clip++])];
            auto array = readClipArray(plan, clip, m_feature);
            if (!array)
                return array.error();
            m_array = std::move(array).value();
            m_starts = &clip.starts;
            m_example = 0;
            m_pad = plan.ragged() ? 0.0f : padValueFor(plan, m_feature, *m_array);
            m_work.arrayDone();
        }
        if (plan.ragged())
            columnsOf(*m_array, plan.options.dtype, m_block);
        else
            cutExample(*m_array, (*m_starts)[m_example], *plan.options.frames, m_pad,
                       plan.options.dtype, m_block);
        ++m_example;
        m_at = 0;
        return true;
    }

    const ExportSplit& m_split;
    std::size_t m_feature;
    ExportWork& m_work;
    std::string m_header;
    std::uint64_t m_size = 0;
    std::string m_block; ///< the bytes being handed out
    std::size_t m_at = 0;
    std::size_t m_clip = 0; ///< the next clip of the split to read
    std::optional<FeatureMatrix> m_array;
    const std::vector<long long>* m_starts = nullptr;
    std::size_t m_example = 0;
    float m_pad = 0.0f;
};

/// What libzip's callback needs: the stream, and where to leave the first real error.
struct Source {
    Source() { zip_error_init(&error); }
    ~Source() { zip_error_fini(&error); }
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

    std::unique_ptr<EntryStream> stream;
    std::time_t mtime = 0;
    zip_error_t error;
    std::optional<Error>* failure = nullptr;
};

zip_int64_t statOf(Source& source, void* data, zip_uint64_t length) {
    auto* stat = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &source.error);
    if (!stat)
        return -1;
    zip_stat_init(stat);
    stat->valid = ZIP_STAT_SIZE | ZIP_STAT_MTIME;
    stat->size = source.stream->size(); // a known size lets libzip skip zip64 where it can
    stat->mtime = source.mtime;
    return sizeof(*stat);
}

zip_int64_t entryCallback(void* user, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    Source& source = *static_cast<Source*>(user);
    switch (command) {
    case ZIP_SOURCE_OPEN:
        source.stream->rewind();
        return 0;
    case ZIP_SOURCE_READ: {
        auto read = source.stream->read(static_cast<char*>(data), std::size_t(length));
        if (read)
            return zip_int64_t(*read);
        if (!*source.failure)
            *source.failure = read.error();
        zip_error_set(&source.error, ZIP_ER_READ, 0);
        return -1;
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
        return 0;
    case ZIP_SOURCE_STAT:
        return statOf(source, data, length);
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source.error, data, length);
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&source.error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/// 1980-01-01 00:00 local time, the first moment a zip entry can state: libzip converts entry
/// times through localtime, so this is the same DOS date in every time zone.
std::time_t fixedEntryTime() {
    std::tm start{};
    start.tm_year = 80;
    start.tm_mday = 1;
    start.tm_isdst = -1;
    return std::mktime(&start);
}

/// The entries in the order they are written, each "<key>.npy".
std::vector<std::pair<std::string, std::unique_ptr<EntryStream>>> entriesOf(ExportWork& work) {
    const ExportPlan& plan = work.plan();
    std::vector<std::pair<std::string, std::unique_ptr<EntryStream>>> entries;
    const auto add = [&](std::string key, std::unique_ptr<EntryStream> stream) {
        entries.emplace_back(std::move(key) + ".npy", std::move(stream));
    };
    add("label_names", std::make_unique<BytesEntry>(encodeNpyStrings(plan.labelNames)));
    add("config_json", std::make_unique<BytesEntry>(encodeNpyString(plan.configJson)));
    for (const auto& split : plan.splits) {
        const ExampleIndex index = exampleIndexOf(plan, split);
        add(split.name + "_label", std::make_unique<BytesEntry>(encodeNpyInt32(index.labels)));
        add(split.name + "_fold", std::make_unique<BytesEntry>(encodeNpyInt32(index.folds)));
        add(split.name + "_group", std::make_unique<BytesEntry>(encodeNpyStrings(index.groups)));
        add(split.name + "_path", std::make_unique<BytesEntry>(encodeNpyStrings(index.paths)));
        add(split.name + "_start_frame",
            std::make_unique<BytesEntry>(encodeNpyInt32(index.starts)));
        if (plan.ragged())
            add(split.name + "_offsets",
                std::make_unique<BytesEntry>(encodeNpyInt64(index.offsets)));
        for (std::size_t f = 0; f < plan.features.size(); ++f)
            add(split.name + "_" + plan.features[f].name,
                std::make_unique<FeatureEntry>(split, f, work));
    }
    return entries;
}

Error zipFailure(const fs::path& destination, zip_error_t* error) {
    if (zip_error_system_type(error) == ZIP_ET_SYS)
        return writeFailure(destination, zip_error_code_system(error));
    return {ErrorKind::OutputFailed,
            "cannot write " + destination.string() + ": " + zip_error_strerror(error)};
}

} // namespace

Status writeNpz(const fs::path& path, ExportWork& work) {
    const fs::path& destination = work.plan().options.destination;
    int openError = 0;
    // TRUNCATE: the path is an empty, locked temporary made for this file.
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &openError);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, openError);
        Error failure = zipFailure(destination, &error);
        zip_error_fini(&error);
        return failure;
    }
    std::optional<Error> failure;
    std::vector<std::unique_ptr<Source>> sources; // outlive the archive, which reads them
    const bool gzip = work.plan().options.compression == ExportCompression::Gzip;
    for (auto& [name, stream] : entriesOf(work)) {
        Source& source = *sources.emplace_back(std::make_unique<Source>());
        source.stream = std::move(stream);
        source.mtime = fixedEntryTime();
        source.failure = &failure;
        zip_source_t* zipSource = zip_source_function(archive, entryCallback, &source);
        const zip_int64_t index =
            zipSource ? zip_file_add(archive, name.c_str(), zipSource, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0 ||
            zip_set_file_compression(archive, zip_uint64_t(index),
                                     gzip ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) < 0 ||
            zip_file_set_mtime(archive, zip_uint64_t(index), source.mtime, 0) < 0) {
            if (zipSource && index < 0)
                zip_source_free(zipSource);
            Error error = zipFailure(destination, zip_get_error(archive));
            zip_discard(archive);
            return error;
        }
    }
    // The archive is written here, pulling every entry through entryCallback.
    if (zip_close(archive) != 0) {
        Error error = failure ? *failure : zipFailure(destination, zip_get_error(archive));
        zip_discard(archive);
        return error;
    }
    return success();
}

} // namespace cepstra
