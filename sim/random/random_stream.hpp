// SPDX-License-Identifier: MIT
#pragma once
/// Named, reproducible random streams: counter-based Philox4x32-10 (Random123).
#include <array>
#include <cstdint>
#include <string_view>

namespace hospsim::sim {

namespace detail {

/// 64-bit FNV-1a of the bytes of `text`; identical on every platform (unlike std::hash).
constexpr std::uint64_t fnv1a_64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325U;
  for (const char c : text) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 0x100000001b3U;
  }
  return hash;
}

} // namespace detail

/// One independent stream of random 32-bit words, identified by (seed, replication, name).
///
/// Word number n of a stream is word n % 4 of Philox4x32-10 applied to the 128-bit counter
/// {low 64 bits: n / 4 (the block), high 64 bits: replication} under the 64-bit key derived
/// from the seed and the FNV-1a hash of the name (see key()). So replications of one stream
/// never share a counter, and streams with different names or seeds use different keys. The
/// sequence depends on nothing else: not the platform, the thread, or other streams.
///
/// Satisfies std::uniform_random_bit_generator, so Boost.Random and <random> distributions
/// take it directly. Drawing is inline and allocation-free; one Philox call yields 4 words.
/// The object is a plain value (40 bytes): a copy continues the same sequence independently.
/// Not thread-safe; give each logical process its own streams.
///
/// **Example**
/// ```
/// RandomStream arrivals(/*seed=*/42, /*replication=*/3, "ed.arrivals");
/// const double u = arrivals.uniform01();          // in (0, 1), consumes 2 words
/// boost::random::normal_distribution<> normal(0.0, 1.0);
/// const double z = normal(arrivals);              // any Boost.Random distribution works
/// ```
class RandomStream {
public:
  using result_type = std::uint32_t;

  /// The stream `stream_name` of replication `replication` of the experiment seeded `seed`.
  /// The name is hashed, not stored; an empty name is a valid name.
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view stream_name);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return 0xffffffffU; }

  /// Next 32-bit word, uniform over [min(), max()].
  result_type operator()() {
    if ((draws_ & 3U) == 0)
      refill();
    return block_[draws_++ & 3U];
  }

  /// Uniform double in the open interval (0, 1), built from two words (the first word gives
  /// the high bits): k = the top 52 bits of the 64, result = (2k + 1) / 2^53. So the value is
  /// an odd multiple of 2^-53, in [2^-53, 1 - 2^-53], exactly symmetric about 1/2, and
  /// log(u) and log(1 - u) are always finite.
  double uniform01() {
    const std::uint64_t high = (*this)();
    const std::uint64_t low = (*this)();
    const std::uint64_t k = ((high << 32) | low) >> 12;
    return static_cast<double>(2 * k + 1) * 0x1p-53;
  }

  /// Independent stream number `index` derived from this stream's identity (not its position):
  /// same key, seed and replication give the same substream whatever was drawn before. Used
  /// for common random numbers that follow entities: e.g. patient k of a class draws its
  /// service times from service.substream(k), so a variant that serves patients in another
  /// order still gives each patient the same service times. Key: mix(key() XOR mix(index +
  /// golden ratio)); substreams of substreams are allowed.
  RandomStream substream(std::uint64_t index) const;

  /// Words consumed so far (uniform01 counts 2). Two streams that must stay aligned for
  /// common random numbers have equal draws() after equivalent work.
  std::uint64_t draws() const { return draws_; }
  /// The 64-bit Philox key: mix(seed XOR mix(fnv1a_64(name))), mix = SplitMix64's finaliser.
  std::uint64_t key() const { return key_; }
  std::uint64_t replication() const { return replication_; }

private:
  RandomStream(std::uint64_t key, std::uint64_t replication)
      : key_(key), replication_(replication) {}
  void refill(); // computes block draws_ / 4 into block_

  std::uint64_t key_;
  std::uint64_t replication_;
  std::uint64_t draws_ = 0;
  std::array<std::uint32_t, 4> block_{};
};

} // namespace hospsim::sim
