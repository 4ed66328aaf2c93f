# SPDX-License-Identifier: GPL-3.0-or-later
# Packaging with CPack, from a Release build directory:
#   Debian/Ubuntu: cpack -G DEB        (built and tested in CI)
#   Windows:       cpack -G NSIS       (configured, not built or tested here)
#   macOS:         cpack -G DragNDrop  (configured, not built or tested here)
# See installer/README.md.
set(CPACK_PACKAGE_NAME "cepstra")
set(CPACK_PACKAGE_VENDOR "Cepstra developers")
set(CPACK_PACKAGE_CONTACT "Cepstra developers <dev@cepstra.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "audio dataset features identical to librosa")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Cepstra")
set(CPACK_PACKAGE_EXECUTABLES "cepstra" "Cepstra")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/out/;/\\\\.git/")

# Debian: dependencies come from dpkg-shlibdeps, so they name Debian 12's real packages.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "sound")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
if(CEPSTRA_BUILD_PYTHON)
  # The `cepstra` module in /usr/lib/python3/dist-packages: its extension is built for this
  # python3 (cpython-311), and imports numpy; h5py reads exports, torch's DataLoader is optional.
  # CPack appends the dpkg-shlibdeps dependencies to these.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "${CEPSTRA_PYTHON3_DEPENDS}, python3-numpy")
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-h5py")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-torch")
  # Byte-compile on install and clean up on removal, as dh_python3's scripts do.
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/installer/debian/postinst;${PROJECT_SOURCE_DIR}/installer/debian/prerm")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()
# CPack writes the summary as the synopsis and indents each line of this as the extended text.
set(CPACK_PACKAGE_DESCRIPTION "Cepstra turns a folder of audio clips, one subfolder per label as in GTZAN,
into mel spectrograms and MFCCs, raw and scaled, saved as NumPy .npy files.
The numbers match librosa 0.11 and scikit-learn within float32 rounding.

The desktop app previews any clip while its parameters are tuned and runs
the extraction on every core. Re-runs only recompute what changed, corrupt
clips are reported while the batch goes on, and outputs are written
atomically. The cepstra-cli command runs the same jobs on headless servers.
The cepstra Python module gives librosa's calls (load, melspectrogram,
mfcc, power_to_db, trim, filters.mel) over the same core, with the GIL
released, and the dataset jobs and export readers for training scripts.")

# Windows: an NSIS installer with Start menu and desktop shortcuts. windeployqt copies the
# Qt libraries and plugins next to cepstra.exe at install time (see app/gui/CMakeLists.txt).
set(CPACK_NSIS_PACKAGE_NAME "Cepstra")
set(CPACK_NSIS_DISPLAY_NAME "Cepstra ${PROJECT_VERSION}")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\cepstra.exe")
set(CPACK_NSIS_CREATE_ICONS_EXTRA "CreateShortCut '$DESKTOP\\\\Cepstra.lnk' '$INSTDIR\\\\bin\\\\cepstra.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$DESKTOP\\\\Cepstra.lnk'")

# macOS: a drag-and-drop disk image holding Cepstra.app (bundle settings in app/gui).
set(CPACK_DMG_VOLUME_NAME "Cepstra ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDBZ")

if(WIN32)
  set(CPACK_GENERATOR "NSIS")
elseif(APPLE)
  set(CPACK_GENERATOR "DragNDrop")
else()
  set(CPACK_GENERATOR "DEB")
endif()

include(CPack)
