# SPDX-License-Identifier: MIT
# hospsim_setup_target(<target>): C++20, warnings (as errors in the default build) and the
# sanitizer chosen with HOSPSIM_SANITIZER, applied per target (EnTT's SETUP_TARGET idea).
function(hospsim_setup_target target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
  if(HOSPSIM_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(HOSPSIM_BUILD_FUZZERS)
    # Coverage for libFuzzer plus ASan+UBSan; the fuzz targets themselves add -fsanitize=fuzzer
    # at link time. clang 14 cannot emit UBSan's 'function' check (indirect calls through a
    # pointer of the wrong type) in coroutines compiled with coverage ("Cannot represent a
    # difference across sections"): that one check is left out.
    target_compile_options(${target} PUBLIC -fsanitize=fuzzer-no-link,address,undefined
      -fno-sanitize=function -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  elseif(HOSPSIM_SANITIZER STREQUAL "address")
    target_compile_options(${target} PUBLIC -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
    # Invariant checks too costly for the default build (e.g. that every change of a
    # hospital resource's levels marked it), run by the ASan tests.
    target_compile_definitions(${target} PUBLIC HOSPSIM_CHECKED_BUILD)
  elseif(HOSPSIM_SANITIZER STREQUAL "thread")
    target_compile_options(${target} PUBLIC -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=thread)
  elseif(NOT HOSPSIM_SANITIZER STREQUAL "")
    message(FATAL_ERROR "HOSPSIM_SANITIZER must be '', 'address' or 'thread', not '${HOSPSIM_SANITIZER}'")
  endif()
endfunction()
