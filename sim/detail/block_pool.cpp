// SPDX-License-Identifier: MIT
#include "sim/detail/block_pool.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

namespace hospsim::sim::detail {
namespace {

constexpr std::size_t class_count = max_block_bytes / block_granule;
constexpr std::size_t chunk_bytes = 64 * 1024;

struct FreeBlock {
  FreeBlock* next;
};

// Chunks live until process exit; they are reachable from here, so leak checkers stay quiet.
struct ChunkRegistry {
  std::mutex mutex;
  std::vector<std::unique_ptr<std::byte[]>> chunks;

  std::byte* add(std::size_t bytes) {
    std::lock_guard lock(mutex);
    chunks.push_back(std::make_unique<std::byte[]>(bytes));
    return chunks.back().get();
  }
};

ChunkRegistry& registry() {
  static ChunkRegistry instance;
  return instance;
}

struct ThreadLists {
  std::array<FreeBlock*, class_count> heads{};
};
thread_local ThreadLists lists;

std::size_t class_of(std::size_t bytes) { return (bytes + block_granule - 1) / block_granule - 1; }

void refill(std::size_t size_class) {
  const std::size_t block = (size_class + 1) * block_granule;
  const std::size_t count = chunk_bytes / block > 0 ? chunk_bytes / block : 1;
  std::byte* chunk = registry().add(block * count);
  for (std::size_t i = count; i-- > 0;) {
    auto* free_block = new (chunk + i * block) FreeBlock{lists.heads[size_class]};
    lists.heads[size_class] = free_block;
  }
}

} // namespace

// Under AddressSanitizer every block goes to the global allocator, so use-after-free in the
// kernel is reported instead of hidden by recycling.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool pooling = false;
#else
constexpr bool pooling = true;
#endif

void* allocate_block(std::size_t bytes) {
  if (!pooling || bytes == 0 || bytes > max_block_bytes)
    return ::operator new(bytes);
  const std::size_t size_class = class_of(bytes);
  if (lists.heads[size_class] == nullptr)
    refill(size_class);
  FreeBlock* block = lists.heads[size_class];
  lists.heads[size_class] = block->next;
  return block;
}

void deallocate_block(void* block, std::size_t bytes) noexcept {
  if (block == nullptr)
    return;
  if (!pooling || bytes == 0 || bytes > max_block_bytes) {
    ::operator delete(block);
    return;
  }
  const std::size_t size_class = class_of(bytes);
  lists.heads[size_class] = new (block) FreeBlock{lists.heads[size_class]};
}

} // namespace hospsim::sim::detail
