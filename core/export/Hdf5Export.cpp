// SPDX-License-Identifier: GPL-3.0-or-later
// The HDF5 layout: /<split>/{<feature>, label, path, start_frame[, offsets]}, /label_names,
// and root attributes config, cepstra_version and source (the README documents it).
#include "core/export/ExampleData.h"
#include "core/export/ExportWork.h"
#include "core/io/AtomicFile.h"
#include "core/util/JsonText.h"

#include <hdf5.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

constexpr unsigned kDeflateLevel = 4;          // h5py's default for gzip
constexpr long long kRaggedChunkFrames = 1024; // the ragged form's chunks along time

/// An HDF5 identifier, closed with the function for its kind when it goes out of scope.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t))
        : m_id(id)
        , m_close(close) {}
    ~Handle() {
        if (m_id >= 0)
            m_close(m_id);
    }
    Handle(Handle&& other) noexcept
        : m_id(std::exchange(other.m_id, -1))
        , m_close(other.m_close) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle& operator=(Handle&&) = delete;
    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    /// Hands the identifier over, for a close whose result matters.
    hid_t release() { return std::exchange(m_id, -1); }

private:
    hid_t m_id;
    herr_t (*m_close)(hid_t);
};

/// The innermost message on HDF5's error stack, for the one error line.
herr_t innermost(unsigned, const H5E_error2_t* error, void* message) {
    if (error->desc)
        *static_cast<std::string*>(message) = error->desc;
    return 0;
}

/// A failed HDF5 call as a write failure: the system's reason when there is one.
class Failure {
public:
    explicit Failure(fs::path destination)
        : m_destination(std::move(destination)) {}
    Error operator()(const char* what) const {
        if (errno != 0)
            return writeFailure(m_destination, errno);
        std::string message;
        H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, innermost, &message);
        return {ErrorKind::OutputFailed, "cannot write " + m_destination.string() +
                                             ": HDF5 failed to " + what +
                                             (message.empty() ? "" : " (" + message + ")")};
    }

private:
    fs::path m_destination;
};

/// Every object is created without access, modification and change times, so that the same
/// input gives the same bytes.
Handle creationProperties(hid_t propertyClass) {
    Handle properties(H5Pcreate(propertyClass), H5Pclose);
    H5Pset_obj_track_times(properties.get(), false);
    return properties;
}

/// Variable-length strings, written as their bytes. They are declared UTF-8 only when every
/// one is valid UTF-8 (any name a person typed); names with other bytes (Linux allows them)
/// are declared ASCII, HDF5's "bytes", so no reader is told they are text they are not.
Handle stringType(const std::vector<const char*>& strings) {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), H5T_VARIABLE);
    const bool utf8 = std::all_of(strings.begin(), strings.end(),
                                  [](const char* text) { return isValidUtf8(text); });
    H5Tset_cset(type.get(), utf8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII);
    return type;
}

/// IEEE binary16, little-endian, as h5py defines it (HDF5 1.10 has no predefined half type).
Handle elementType(ExportDtype dtype) {
    Handle type(H5Tcopy(H5T_IEEE_F32LE), H5Tclose);
    if (dtype == ExportDtype::Float16) {
        H5Tset_fields(type.get(), 15, 10, 5, 0, 10);
        H5Tset_size(type.get(), 2);
        H5Tset_ebias(type.get(), 15);
    }
    return type;
}

Handle simpleSpace(const std::vector<long long>& shape) {
    const std::vector<hsize_t> dims(shape.begin(), shape.end());
    return Handle(H5Screate_simple(int(dims.size()), dims.data(), nullptr), H5Sclose);
}

Handle createDataset(hid_t parent, const char* name, hid_t type,
                     const std::vector<long long>& shape, const std::vector<long long>& chunk,
                     bool gzip) {
    Handle properties = creationProperties(H5P_DATASET_CREATE);
    long long elements = 1;
    for (long long dimension : shape)
        elements *= dimension;
    if (elements > 0 && !chunk.empty()) { // a chunk may not exceed an empty dataset's size
        const std::vector<hsize_t> dims(chunk.begin(), chunk.end());
        H5Pset_chunk(properties.get(), int(dims.size()), dims.data());
        H5Pset_fill_time(properties.get(), H5D_FILL_TIME_NEVER); // every chunk is written
        if (gzip) {
            H5Pset_shuffle(properties.get());
            H5Pset_deflate(properties.get(), kDeflateLevel);
        }
    }
    // Room for two chunks, so the ragged form's chunks are filled in memory before they go out.
    Handle access(H5Pcreate(H5P_DATASET_ACCESS), H5Pclose);
    if (!chunk.empty()) {
        std::size_t chunkBytes = H5Tget_size(type);
        for (long long dimension : chunk)
            chunkBytes *= std::size_t(dimension);
        H5Pset_chunk_cache(access.get(), 521, std::max<std::size_t>(1 << 20, 2 * chunkBytes), 1.0);
    }
    Handle space = simpleSpace(shape);
    return Handle(
        H5Dcreate2(parent, name, type, space.get(), H5P_DEFAULT, properties.get(), access.get()),
        H5Dclose);
}

bool writeWhole(hid_t parent, const char* name, hid_t fileType, hid_t memoryType, const void* data,
                long long count) {
    Handle dataset = createDataset(parent, name, fileType, {count}, {}, false);
    return dataset.valid() && (count == 0 || H5Dwrite(dataset.get(), memoryType, H5S_ALL, H5S_ALL,
                                                      H5P_DEFAULT, data) >= 0);
}

bool writeStrings(hid_t parent, const char* name, const std::vector<const char*>& strings) {
    const Handle type = stringType(strings);
    return writeWhole(parent, name, type.get(), type.get(), strings.data(),
                      static_cast<long long>(strings.size()));
}

bool writeStringAttribute(hid_t object, const char* name, const std::string& value) {
    const char* text = value.c_str();
    const Handle type = stringType({text});
    const Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    const Handle attribute(
        H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    return attribute.valid() && H5Awrite(attribute.get(), type.get(), &text) >= 0;
}

/// label, fold, group, path and start_frame (and offsets, ragged) of one split, from the plan.
bool writeExampleIndex(hid_t group, const ExportPlan& plan, const ExportSplit& split) {
    const ExampleIndex index = exampleIndexOf(plan, split);
    const auto pointers = [](const std::vector<std::string>& strings) {
        std::vector<const char*> texts;
        for (const std::string& text : strings)
            texts.push_back(text.c_str());
        return texts;
    };
    const auto count = static_cast<long long>(index.labels.size());
    const auto int32s = [&](const char* name, const std::vector<std::int32_t>& values) {
        return writeWhole(group, name, H5T_STD_I32LE, H5T_NATIVE_INT32, values.data(), count);
    };
    return int32s("label", index.labels) && int32s("fold", index.folds) &&
           writeStrings(group, "group", pointers(index.groups)) &&
           writeStrings(group, "path", pointers(index.paths)) &&
           int32s("start_frame", index.starts) &&
           (!plan.ragged() || writeWhole(group, "offsets", H5T_STD_I64LE, H5T_NATIVE_INT64,
                                         index.offsets.data(), count + 1));
}

/// Writes `bytes`, a block of `shape` elements, at `offset` of `dataset`.
bool writeBlock(hid_t dataset, hid_t type, const std::vector<long long>& offset,
                const std::vector<long long>& shape, const std::string& bytes) {
    const Handle fileSpace(H5Dget_space(dataset), H5Sclose);
    const std::vector<hsize_t> start(offset.begin(), offset.end()),
        count(shape.begin(), shape.end());
    const Handle memorySpace = simpleSpace(shape);
    return H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                               nullptr) >= 0 &&
           H5Dwrite(dataset, type, memorySpace.get(), fileSpace.get(), H5P_DEFAULT, bytes.data()) >=
               0;
}

/// Streams one split's feature data, one clip's array at a time.
Status writeFeatureData(const std::vector<Handle>& datasets, const ExportSplit& split,
                        ExportWork& work, const Failure& failure) {
    const ExportPlan& plan = work.plan();
    const Handle type = elementType(plan.options.dtype);
    std::string buffer;
    long long row = 0, frame = 0;
    for (int index : split.clips) {
        const ExportClip& clip = plan.clips[std::size_t(index)];
        for (std::size_t f = 0; f < plan.features.size(); ++f) {
            if (work.stopRequested())
                return Error{ErrorKind::Cancelled, ""};
            auto array = readClipArray(plan, clip, f);
            if (!array)
                return array.error();
            const long long bands = plan.features[f].bands;
            if (plan.ragged()) {
                cutExample(*array, 0, clip.frames, 0.0f, plan.options.dtype, buffer);
                if (!writeBlock(datasets[f].get(), type.get(), {0, frame}, {bands, clip.frames},
                                buffer))
                    return failure("write a clip's frames");
            }
            const float pad = plan.ragged() ? 0.0f : padValueFor(plan, f, *array);
            for (std::size_t e = 0; !plan.ragged() && e < clip.starts.size(); ++e) {
                cutExample(*array, clip.starts[e], *plan.options.frames, pad, plan.options.dtype,
                           buffer);
                if (!writeBlock(datasets[f].get(), type.get(),
                                {row + static_cast<long long>(e), 0, 0},
                                {1, bands, *plan.options.frames}, buffer))
                    return failure("write an example");
            }
            work.arrayDone();
        }
        row += static_cast<long long>(clip.starts.size());
        frame += clip.frames;
    }
    return success();
}

Status writeSplit(hid_t file, const ExportSplit& split, ExportWork& work, const Failure& failure) {
    const ExportPlan& plan = work.plan();
    const Handle groupProperties = creationProperties(H5P_GROUP_CREATE);
    const Handle group(
        H5Gcreate2(file, split.name.c_str(), H5P_DEFAULT, groupProperties.get(), H5P_DEFAULT),
        H5Gclose);
    if (!group.valid() || !writeExampleIndex(group.get(), plan, split))
        return failure("write the example index");
    const Handle type = elementType(plan.options.dtype);
    std::vector<Handle> datasets;
    for (std::size_t f = 0; f < plan.features.size(); ++f) {
        const auto shape = plan.shapeOf(split, f);
        const auto chunk =
            plan.ragged() ? std::vector<long long>{shape[0], std::min(shape[1], kRaggedChunkFrames)}
                          : std::vector<long long>{1, shape[1], shape[2]}; // one example per chunk
        datasets.push_back(createDataset(group.get(), plan.features[f].name.c_str(), type.get(),
                                         shape, chunk,
                                         plan.options.compression == ExportCompression::Gzip));
        if (!datasets.back().valid())
            return failure("create a feature dataset");
    }
    return writeFeatureData(datasets, split, work, failure);
}

Status writeRoot(hid_t file, const ExportPlan& plan, const Failure& failure) {
    std::vector<const char*> labels;
    for (const auto& name : plan.labelNames)
        labels.push_back(name.c_str());
    if (!writeStringAttribute(file, "config", plan.configJson) ||
        !writeStringAttribute(file, "cepstra_version", plan.cepstraVersion) ||
        !writeStringAttribute(file, "source", fs::absolute(plan.featuresFolder).string()) ||
        !writeStrings(file, "label_names", labels))
        return failure("write the label names and attributes");
    return success();
}

Status writeContents(hid_t file, ExportWork& work, const Failure& failure) {
    if (auto status = writeRoot(file, work.plan(), failure); !status)
        return status;
    for (const auto& split : work.plan().splits)
        if (auto status = writeSplit(file, split, work, failure); !status)
            return status;
    return success();
}

/// The descriptor under an HDF5 file, and which file it is.
struct FileIdentity {
    int descriptor = -1;
    dev_t device = 0;
    ino_t inode = 0;
};

FileIdentity identify(hid_t file) {
    void* handle = nullptr;
    struct stat status {};
    if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || !handle)
        return {};
    const int descriptor = *static_cast<int*>(handle);
    if (::fstat(descriptor, &status) != 0)
        return {};
    return {descriptor, status.st_dev, status.st_ino};
}

/// A failed file may stay open inside HDF5; closing its descriptor frees the disk space of the
/// removed temporary. Only if the number still names that file (HDF5 may have closed it).
void closeIfStillOpen(const FileIdentity& identity) {
    struct stat status {};
    if (identity.descriptor >= 0 && ::fstat(identity.descriptor, &status) == 0 &&
        status.st_dev == identity.device && status.st_ino == identity.inode)
        ::close(identity.descriptor);
}

} // namespace

Status writeHdf5(const fs::path& path, ExportWork& work) {
    // HDF5 1.10 keeps a file whose close failed (its flush fails again) and closes it once
    // more at exit, which crashes; so it is told not to clean up at exit. This must come
    // before any other HDF5 call.
    static const bool noCleanupAtExit = H5dont_atexit() >= 0;
    (void)noCleanupAtExit;
    const Failure failure(work.plan().options.destination);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // errors become one message, not a stack dump
    const Handle fileProperties = creationProperties(H5P_FILE_CREATE); // for the root group
    const Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    // Fixed version bounds: the same object formats whatever the library's defaults become.
    H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18);
    // The temporary is ours and locked already (TemporaryFile): HDF5's own flock on its
    // descriptor would find that lock and fail.
    H5Pset_file_locking(access.get(), false, true);
    errno = 0;
    // TRUNC: the path is an empty, locked temporary made for this file.
    Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fileProperties.get(), access.get()),
                H5Fclose);
    if (!file.valid())
        return failure("create the file");
    const FileIdentity identity = identify(file.get());
    Status status = writeContents(file.get(), work, failure);
    errno = 0;
    const bool closed = H5Fclose(file.release()) >= 0;
    if (status && !closed)
        status = failure("finish the file");
    if (!status)
        closeIfStillOpen(identity);
    return status;
}

} // namespace cepstra
