# SPDX-License-Identifier: GPL-3.0-or-later
# Packaging: `cpack -G DEB` (or TGZ) from a Release build directory.
set(CPACK_PACKAGE_NAME "cepstra")
set(CPACK_PACKAGE_VENDOR "Cepstra developers")
set(CPACK_PACKAGE_CONTACT "Cepstra developers <dev@cepstra.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "sound")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Turns folders of audio clips into mel spectrogram and MFCC feature files (.npy)\n\
that match librosa 0.11 and scikit-learn scaling within float32 rounding.")

include(CPack)
