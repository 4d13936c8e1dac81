// SPDX-License-Identifier: MIT
#include "sim/optimise/evaluation_log.hpp"

#include "sim/error.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>

using namespace hospsim::sim::optimise;
using hospsim::sim::InputError;

TEST_CASE("An evaluation log survives its text form bit for bit") {
  EvaluationLog log(2, 1);
  log.add({0.1, -0.0}, 0, Sample{1.0 / 3.0, 2e-308, {-0.05}});
  log.add({0.1, -0.0}, 7, Sample{std::numeric_limits<double>::max(), 4.9e-324, {0.0}});
  log.add({1e300, 3.0}, 12345678901234ULL, Sample{-7.25, 0.2, {1.0 / 7.0}});
  const std::string text = log.to_text();
  const EvaluationLog back = EvaluationLog::from_text(text);
  CHECK(back == log);
  CHECK(back.size() == 3);
  const auto sample = back.find({0.1, -0.0}, 0);
  REQUIRE(sample);
  CHECK(sample->objective == 1.0 / 3.0);
  CHECK(sample->constraints.at(0) == -0.05);
  CHECK_FALSE(back.find({0.1, 0.0000001}, 0));
  CHECK(back.to_text() == text);
}

TEST_CASE("A corrupt evaluation log is an input error naming the line") {
  EvaluationLog log(2, 0);
  log.add({1.0, 2.0}, 0, Sample{3.0, 4.0, {}});
  log.add({1.0, 2.0}, 1, Sample{5.0, 6.0, {}});
  const std::string good = log.to_text();
  auto message_of = [](const std::string& text) {
    try {
      EvaluationLog::from_text(text);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  CHECK(message_of("not a log\n").find("line 1") != std::string::npos);
  CHECK(message_of("hospsim-evaluation-log 2\n").find("version") != std::string::npos);
  CHECK(message_of("").find("empty") != std::string::npos);
  // A line cut short (as by a kill during a non-atomic write).
  const std::string cut = good.substr(0, good.find("end") - 8);
  CHECK(message_of(cut).find("line 5: missing the 'end' line") != std::string::npos);
  const std::string dropped = good.substr(0, good.find("0x1p+0 0x1p+1 1")) + "end 2\n";
  CHECK(message_of(dropped).find("line 4: the 'end' line must read 'end 1'") != std::string::npos);
  CHECK(message_of(good + "0x1p+0 0x1p+1 2 0x1p+0 0x1p+0\n").find("line 6: text after") !=
        std::string::npos);
  std::string garbled = good;
  garbled.replace(garbled.find("0x1.8p+1"), 8, "0x1.8q+1");
  CHECK(message_of(garbled).find("line 3") != std::string::npos);
  CHECK(message_of("hospsim-evaluation-log 1\ndimensions 1 0\n0x1p+0 -3 0x1p+0 0x1p+0\nend 1\n")
            .find("line 3: '-3' is not a replication") != std::string::npos);
  CHECK(message_of("hospsim-evaluation-log 1\n0x1p+0\n").find("line 2") != std::string::npos);
}
