# SPDX-License-Identifier: GPL-3.0-or-later
# One place for the compiler settings every Cepstra target shares.
function(cepstra_target_settings target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  # -Wno-missing-field-initializers: GCC 12 warns about every member a designated initialiser
  # leaves out, though those members take their default initialisers, which is the point.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wno-missing-field-initializers)
  # Debian's hardening flags for optimised builds (lintian checks the packaged binaries).
  target_compile_options(${target} PRIVATE
    $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2 -fstack-protector-strong>)
  target_link_options(${target} PRIVATE -Wl,-z,relro -Wl,-z,now)
  if(CEPSTRA_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
