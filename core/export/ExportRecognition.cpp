// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a file is an export Cepstra wrote, so that an export may replace it: HDF5 whose root
// carries the cepstra_version attribute, or an NPZ holding config_json and label_names.
#include "core/export/ExportPlan.h"

#include <hdf5.h>
#include <zip.h>

namespace cepstra {

bool isCepstraExport(const std::filesystem::path& path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    if (H5Fis_hdf5(path.c_str()) > 0) {
        const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
        H5Pset_file_locking(access, false, true);
        const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, access);
        H5Pclose(access);
        if (file < 0)
            return false;
        const bool ours = H5Aexists(file, "cepstra_version") > 0;
        H5Fclose(file);
        return ours;
    }
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!archive)
        return false;
    const bool ours = zip_name_locate(archive, "config_json.npy", 0) >= 0 &&
                      zip_name_locate(archive, "label_names.npy", 0) >= 0;
    zip_discard(archive);
    return ours;
}

} // namespace cepstra
