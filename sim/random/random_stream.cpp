// SPDX-License-Identifier: MIT
#include "sim/random/random_stream.hpp"

#include <Random123/philox.h>

namespace hospsim::sim {
namespace {

// SplitMix64's output function (Steele, Lea, Flood 2014): a bijection of 64-bit words.
constexpr std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9U;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebU;
  return x ^ (x >> 31);
}

constexpr std::uint32_t low_word(std::uint64_t x) {
  return static_cast<std::uint32_t>(x);
}
constexpr std::uint32_t high_word(std::uint64_t x) {
  return static_cast<std::uint32_t>(x >> 32);
}

} // namespace

// For a fixed name the key is a bijection of the seed, and for a fixed seed two names share a
// key only if their FNV-1a hashes collide.
RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication,
                           std::string_view stream_name)
    : key_(mix(seed ^ mix(detail::fnv1a_64(stream_name)))), replication_(replication) {}

RandomStream RandomStream::substream(std::uint64_t index) const {
  return RandomStream(mix(key_ ^ mix(index + 0x9e3779b97f4a7c15U)), replication_);
}

void RandomStream::refill() {
  const std::uint64_t block = draws_ >> 2;
  const r123::Philox4x32::ctr_type counter = {
      {low_word(block), high_word(block), low_word(replication_), high_word(replication_)}};
  const r123::Philox4x32::key_type key = {{low_word(key_), high_word(key_)}};
  const r123::Philox4x32::ctr_type words = r123::Philox4x32{}(counter, key);
  for (std::size_t i = 0; i < 4; ++i)
    block_[i] = words[i];
}

} // namespace hospsim::sim
