// SPDX-License-Identifier: MIT
#pragma once
/// Size-class pool for coroutine frames and kernel event states: blocks are recycled through
/// per-thread free lists, so a simulation in steady state does not call the global allocator.
/// Blocks freed on another thread join that thread's lists; memory goes back to the system at
/// process exit. Requests above max_block_bytes go straight to ::operator new.
#include <cstddef>

namespace hospsim::sim::detail {

inline constexpr std::size_t block_granule = 64;
inline constexpr std::size_t max_block_bytes = 4096;

void* allocate_block(std::size_t bytes);
void deallocate_block(void* block, std::size_t bytes) noexcept;

/// Derive from this to give a type pooled class-specific operator new/delete.
struct Pooled {
  static void* operator new(std::size_t bytes) { return allocate_block(bytes); }
  static void operator delete(void* block, std::size_t bytes) noexcept {
    deallocate_block(block, bytes);
  }
};

} // namespace hospsim::sim::detail
