// SPDX-License-Identifier: MIT
#include "sim/random/random_stream.hpp"

#include <Random123/philox.h>
#include <array>
#include <boost/random/uniform_int_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <random>
#include <set>
#include <utility>
#include <vector>

using namespace hospsim::sim;

namespace {

std::vector<std::uint32_t> first_words(RandomStream stream, std::size_t n) {
  std::vector<std::uint32_t> words(n);
  for (auto& w : words)
    w = stream();
  return words;
}

std::array<std::uint32_t, 4> philox(std::array<std::uint32_t, 4> counter,
                                    std::array<std::uint32_t, 2> key) {
  const r123::Philox4x32::ctr_type c = {{counter[0], counter[1], counter[2], counter[3]}};
  const r123::Philox4x32::key_type k = {{key[0], key[1]}};
  const auto out = r123::Philox4x32{}(c, k);
  return {out[0], out[1], out[2], out[3]};
}

} // namespace

TEST_CASE("Random123's philox4x32-10 reproduces the published known-answer vectors", "[random]") {
  // Random123 tests/kat_vectors, the three "philox4x32 10" lines: counter, key -> output.
  CHECK(philox({0, 0, 0, 0}, {0, 0}) ==
        std::array<std::uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        std::array<std::uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        std::array<std::uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("stream names are hashed with the published 64-bit FNV-1a", "[random]") {
  STATIC_REQUIRE(detail::fnv1a_64("") == 0xcbf29ce484222325U);
  CHECK(detail::fnv1a_64("a") == 0xaf63dc4c8601ec8cU);
  CHECK(detail::fnv1a_64("foobar") == 0x85944171f73967e8U);
}

TEST_CASE("the raw words of a named stream are pinned to golden constants", "[random]") {
  const RandomStream stream(42, 0, "arrivals");
  CHECK(stream.key() == 0x123e2c57a45c48dfU);
  CHECK(first_words(stream, 8) ==
        std::vector<std::uint32_t>{0xdf2a9425, 0xa3705cae, 0x9f07676e, 0x679d7fc3, 0x01874e62,
                                   0x964d05e5, 0x54373a2e, 0xdb11d1aa});
  CHECK(first_words(RandomStream(42, 7, "arrivals"), 8) ==
        std::vector<std::uint32_t>{0xc63d97cf, 0x032a8ddf, 0x87e14445, 0x054cddef, 0x951419f7,
                                   0x4660acbd, 0x0af95476, 0xc962000d});
}

TEST_CASE("word n is philox of counter (block n / 4, replication) under the stream's key",
          "[random]") {
  const std::uint64_t replication = 0x0000000500000007U; // both halves non-zero
  RandomStream stream(9, replication, "imaging.ct");
  const auto key = std::array<std::uint32_t, 2>{static_cast<std::uint32_t>(stream.key()),
                                                static_cast<std::uint32_t>(stream.key() >> 32)};
  for (std::uint32_t block = 0; block < 3; ++block) {
    const auto expected = philox({block, 0, 7, 5}, key);
    for (const std::uint32_t word : expected)
      CHECK(stream() == word);
  }
  CHECK(stream.replication() == replication);
}

TEST_CASE("the same seed, replication and name give the same sequence", "[random]") {
  RandomStream a(7, 3, "ward.discharge");
  RandomStream b(7, 3, "ward.discharge");
  for (int i = 0; i < 1000; ++i)
    REQUIRE(a() == b());
  RandomStream copy = a; // a copy continues from the same position
  CHECK(first_words(copy, 100) == first_words(a, 100));
}

TEST_CASE("changing the seed, the replication or the name gives an unrelated sequence",
          "[random]") {
  const auto reference = first_words(RandomStream(7, 3, "ward.discharge"), 4000);
  std::set<std::pair<std::uint64_t, std::uint64_t>> reference_blocks;
  for (std::size_t i = 0; i < reference.size(); i += 4)
    reference_blocks.insert({(std::uint64_t{reference[i]} << 32) | reference[i + 1],
                             (std::uint64_t{reference[i + 2]} << 32) | reference[i + 3]});
  const RandomStream others[] = {RandomStream(8, 3, "ward.discharge"),
                                 RandomStream(7, 4, "ward.discharge"),
                                 RandomStream(7, 2, "ward.discharge"),
                                 RandomStream(7, 3, "ward.discharges"),
                                 RandomStream(7, 3, "Ward.discharge"),
                                 RandomStream(7, 3, "")};
  for (const RandomStream& other : others) {
    const auto words = first_words(other, 4000);
    int equal_positions = 0;
    int shared_blocks = 0;
    for (std::size_t i = 0; i < words.size(); ++i)
      equal_positions += words[i] == reference[i] ? 1 : 0;
    for (std::size_t i = 0; i < words.size(); i += 4)
      shared_blocks += reference_blocks.count({(std::uint64_t{words[i]} << 32) | words[i + 1],
                                               (std::uint64_t{words[i + 2]} << 32) | words[i + 3]})
                           ? 1
                           : 0;
    INFO("key " << other.key() << ", replication " << other.replication());
    CHECK(equal_positions <= 2); // 4000 independent words: about 1e-6 expected
    CHECK(shared_blocks == 0);   // no shifted copy of the reference stream
  }
}

TEST_CASE("a random stream is a uniform random bit generator usable by Boost and <random>",
          "[random]") {
  STATIC_REQUIRE(std::uniform_random_bit_generator<RandomStream>);
  STATIC_REQUIRE(RandomStream::min() == 0 && RandomStream::max() == 0xffffffffU);
  RandomStream stream(1, 0, "dice");
  boost::random::uniform_int_distribution<int> boost_die(1, 6);
  std::uniform_int_distribution<int> std_die(1, 6);
  std::array<int, 7> counts{};
  for (int i = 0; i < 6000; ++i) {
    ++counts[static_cast<std::size_t>(boost_die(stream))];
    ++counts[static_cast<std::size_t>(std_die(stream))];
  }
  CHECK(counts[0] == 0);
  for (std::size_t face = 1; face <= 6; ++face)
    CHECK(std::abs(counts[face] - 2000) < 200); // sd ~ 41
}

TEST_CASE("draws counts the 32-bit words consumed", "[random]") {
  RandomStream stream(1, 0, "count");
  CHECK(stream.draws() == 0);
  stream();
  CHECK(stream.draws() == 1);
  stream.uniform01();
  CHECK(stream.draws() == 3);
  for (int i = 0; i < 10; ++i)
    stream.uniform01();
  CHECK(stream.draws() == 23);
}

TEST_CASE("uniform01 stays inside (0, 1) with mean 1/2 and variance 1/12", "[random]") {
  RandomStream stream(2024, 0, "uniform01");
  constexpr int n = 1'000'000;
  double sum = 0, sum_squares = 0, smallest = 1, largest = 0;
  bool all_odd_multiples = true;
  for (int i = 0; i < n; ++i) {
    const double u = stream.uniform01();
    sum += u;
    sum_squares += (u - 0.5) * (u - 0.5);
    smallest = std::min(smallest, u);
    largest = std::max(largest, u);
    const double scaled = u * 0x1p53; // documented: an odd multiple of 2^-53
    all_odd_multiples = all_odd_multiples && std::fmod(scaled, 2.0) == 1.0;
  }
  CHECK(smallest > 0.0);
  CHECK(largest < 1.0);
  CHECK(all_odd_multiples);
  CHECK(stream.draws() == 2U * n);
  // 99.9% two-sided bands: z = 3.29; Var(U) = 1/12, Var((U - 1/2)^2) = 1/80 - 1/144.
  const double mean = sum / n;
  const double variance = sum_squares / n - (mean - 0.5) * (mean - 0.5);
  CHECK(std::abs(mean - 0.5) < 3.29 * std::sqrt(1.0 / 12 / n));
  CHECK(std::abs(variance - 1.0 / 12) < 3.29 * std::sqrt((1.0 / 80 - 1.0 / 144) / n));
}
