// SPDX-License-Identifier: MIT
#pragma once
/// Size-class pool for coroutine frames and kernel event states: blocks are recycled through
/// per-thread free lists, so a simulation in steady state does not call the global allocator.
/// Blocks freed on another thread join that thread's lists; memory goes back to the system at
/// process exit. Requests above max_block_bytes go straight to ::operator new.
#include <array>
#include <cstddef>
#include <new>

namespace hospsim::sim::detail {

inline constexpr std::size_t block_granule = 64;
inline constexpr std::size_t max_block_bytes = 4096;

// Under AddressSanitizer every block goes to the global allocator, so use-after-free in the
// kernel is reported instead of hidden by recycling.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool block_pooling = false;
#else
inline constexpr bool block_pooling = true;
#endif

struct FreeBlock {
  FreeBlock* next;
};
struct BlockLists {
  std::array<FreeBlock*, max_block_bytes / block_granule> heads{};
};
/// This thread's free lists (constant-initialised, so inline code reads it directly).
extern constinit thread_local BlockLists thread_block_lists;
/// Carves a new chunk into free blocks of `size_class` (out of line: rare).
void refill_blocks(std::size_t size_class);

constexpr std::size_t block_class_of(std::size_t bytes) {
  return (bytes + block_granule - 1) / block_granule - 1;
}

// Inline: a process frame, an event state and a request each take one block, so this is on
// every common path (issue 15).
inline void* allocate_block(std::size_t bytes) {
  if (!block_pooling || bytes == 0 || bytes > max_block_bytes)
    return ::operator new(bytes);
  const std::size_t size_class = block_class_of(bytes);
  FreeBlock*& head = thread_block_lists.heads[size_class];
  if (head == nullptr) [[unlikely]]
    refill_blocks(size_class);
  FreeBlock* block = head;
  head = block->next;
  return block;
}

inline void deallocate_block(void* block, std::size_t bytes) noexcept {
  if (block == nullptr)
    return;
  if (!block_pooling || bytes == 0 || bytes > max_block_bytes) {
    ::operator delete(block);
    return;
  }
  FreeBlock*& head = thread_block_lists.heads[block_class_of(bytes)];
  head = new (block) FreeBlock{head};
}

/// Derive from this to give a type pooled class-specific operator new/delete.
struct Pooled {
  static void* operator new(std::size_t bytes) { return allocate_block(bytes); }
  static void operator delete(void* block, std::size_t bytes) noexcept {
    deallocate_block(block, bytes);
  }
};

} // namespace hospsim::sim::detail
