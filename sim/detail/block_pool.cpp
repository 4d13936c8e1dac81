// SPDX-License-Identifier: MIT
#include "sim/detail/block_pool.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

namespace hospsim::sim::detail {
namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;

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

} // namespace

constinit thread_local BlockLists thread_block_lists;

void refill_blocks(std::size_t size_class) {
  const std::size_t block = (size_class + 1) * block_granule;
  const std::size_t count = chunk_bytes / block > 0 ? chunk_bytes / block : 1;
  std::byte* chunk = registry().add(block * count);
  FreeBlock*& head = thread_block_lists.heads[size_class];
  for (std::size_t i = count; i-- > 0;)
    head = new (chunk + i * block) FreeBlock{head};
}

} // namespace hospsim::sim::detail
