// SPDX-License-Identifier: MIT
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/unit_pool.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <string>
#include <vector>

using namespace hospsim::sim;

namespace {

struct Served {
  int id;
  double start_minutes;
};

Process<> patient(Simulation& sim, Resource& doctor, int id, Duration arrival, Duration service,
                  RequestOptions options, std::vector<Served>& log) {
  co_await sim.timeout(arrival);
  Request visit = doctor.request(options);
  co_await visit;
  log.push_back({id, sim.now().to_minutes()});
  co_await sim.timeout(service);
}

std::vector<int> ids(const std::vector<Served>& log) {
  std::vector<int> out;
  for (const Served& s : log)
    out.push_back(s.id);
  return out;
}

RequestOptions with_priority(int priority, Duration expected = {}) {
  RequestOptions options;
  options.priority = priority;
  options.expected = expected;
  return options;
}

// One busy doctor from t=0 to 10; patients 1..4 arrive at t=1..4 with the given options.
std::vector<int> service_order(QueuePolicy policy, const std::vector<RequestOptions>& options) {
  Simulation sim;
  Resource doctor(sim, 1, std::move(policy));
  std::vector<Served> log;
  sim.start(patient(sim, doctor, 0, {}, Duration::minutes(10), {}, log));
  for (int i = 0; i < static_cast<int>(options.size()); ++i)
    sim.start(patient(sim, doctor, i + 1, Duration::minutes(i + 1), Duration::minutes(1),
                      options[static_cast<std::size_t>(i)], log));
  sim.run();
  return ids(log);
}

} // namespace

TEST_CASE("queue policies choose the next patient in their own order", "[resource]") {
  const std::vector<RequestOptions> options{
      with_priority(2, Duration::minutes(9)), with_priority(1, Duration::minutes(3)),
      with_priority(2, Duration::minutes(1)), with_priority(1, Duration::minutes(3))};
  CHECK(service_order(QueuePolicy::fifo(), options) == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(service_order(QueuePolicy::priority(), options) == std::vector<int>{0, 2, 4, 1, 3});
  CHECK(service_order(QueuePolicy::shortest_expected_first(), options) ==
        std::vector<int>{0, 3, 2, 4, 1});
  // Priority, except that a wait beyond 9.5 minutes goes first: at t=10 nobody has waited that
  // long (2 goes by priority), at t=11 patient 1 has (10 min), at t=12 priority again picks 4.
  auto score = [](const RequestInfo& r, Time now) {
    const double waited = (now - r.requested_at).to_minutes();
    return waited > 9.5 ? -waited : r.priority;
  };
  CHECK(service_order(QueuePolicy::scored(score), options) == std::vector<int>{0, 2, 1, 4, 3});
}

namespace {
Process<> preemptible_job(Simulation& sim, Resource& machine, int priority, Duration arrival,
                          Duration work, std::vector<std::string>& log) {
  co_await sim.timeout(arrival);
  Request job = machine.request(priority);
  co_await job;
  Duration left = work;
  while (left > Duration{}) {
    const Time started = sim.now();
    bool preempted = false;
    try {
      co_await sim.timeout(left);
    } catch (const Interrupted& interrupted) {
      preempted = interrupted.cause().preempted();
    }
    left -= sim.now() - started;
    if (preempted) { // C++ allows no co_await inside a handler
      log.push_back(fmt::format("p{} preempted at {}, left {}", priority, sim.now().to_minutes(),
                                to_string(left)));
      co_await job;
    }
  }
  log.push_back(fmt::format("p{} done at {}", priority, sim.now().to_minutes()));
}
} // namespace

TEST_CASE("a preempted holder resumes with its remaining work", "[resource]") {
  Simulation sim;
  Resource ct(sim, 1, QueuePolicy::priority(), Preemption::Resume, "CT");
  std::vector<std::string> log;
  sim.start(preemptible_job(sim, ct, 5, {}, Duration::minutes(30), log));
  sim.start(preemptible_job(sim, ct, 0, Duration::minutes(10), Duration::minutes(5), log));
  sim.start(preemptible_job(sim, ct, 5, Duration::minutes(11), Duration::minutes(1), log));
  sim.run();
  CHECK(log == std::vector<std::string>{"p5 preempted at 10, left 20 min", "p0 done at 15",
                                        "p5 done at 35", "p5 done at 36"});
  CHECK_THROWS_AS(Resource(sim, 1, QueuePolicy::fifo(), Preemption::Resume), UsageError);
}

namespace {
struct Bed {
  std::string ward;
  bool isolation;
};
Process<> admit(Simulation& sim, UnitPool<Bed>& beds, bool needs_isolation, Duration stay,
                std::vector<std::size_t>& given) {
  Request bed = beds.request([needs_isolation](const Bed& b) { return !needs_isolation || b.isolation; });
  co_await bed;
  given.push_back(bed.units(beds)[0]);
  co_await sim.timeout(stay);
}
} // namespace

TEST_CASE("a pool hands out the lowest free unit that satisfies the predicate", "[resource]") {
  Simulation sim;
  UnitPool<Bed> beds(sim, "beds", {{"A", false}, {"A", true}, {"B", false}});
  std::vector<std::size_t> given;
  sim.start(admit(sim, beds, false, Duration::hours(2), given)); // bed 0
  sim.start(admit(sim, beds, true, Duration::hours(1), given));  // bed 1
  sim.start(admit(sim, beds, true, Duration::hours(1), given));  // waits for bed 1
  sim.start(admit(sim, beds, false, Duration::hours(1), given)); // bed 2
  sim.run_until(Time::start() + Duration::minutes(1));
  CHECK(beds.busy_count() == 3);
  CHECK(beds.queue_length() == 1);
  sim.run();
  CHECK(given == std::vector<std::size_t>{0, 1, 2, 1});
}

namespace {
struct Grant {
  char who;
  double at_minutes;
  std::vector<std::size_t> units;
  bool operator==(const Grant&) const = default;
};
Process<> hold_units(Simulation& sim, UnitPool<Bed>& beds, char who, std::size_t amount,
                     Duration arrival, Duration stay, std::vector<Grant>& log) {
  co_await sim.timeout(arrival);
  Request bed = beds.request({}, {}, amount);
  co_await bed;
  const auto units = bed.units(beds);
  log.push_back({who, sim.now().to_minutes(), {units.begin(), units.end()}});
  co_await sim.timeout(stay);
}
Process<> switch_unit(Simulation& sim, UnitPool<Bed>& beds, std::size_t unit, bool in_service,
                      Duration at) {
  co_await sim.timeout(at);
  beds.set_in_service(unit, in_service);
}
} // namespace

TEST_CASE("a pool serves units taken out of service while busy only once free and back",
          "[resource]") {
  Simulation sim;
  UnitPool<Bed> beds(sim, "beds", {{"A", false}, {"A", false}, {"A", false}});
  std::vector<Grant> log;
  beds.set_in_service(2, false); // out before anyone asks
  sim.start(hold_units(sim, beds, 'a', 2, Duration{}, Duration::hours(2), log)); // 0 and 1
  sim.start(hold_units(sim, beds, 'b', 1, Duration::minutes(1), Duration::hours(2), log));
  sim.start(switch_unit(sim, beds, 0, false, Duration::minutes(30))); // out while busy
  sim.start(hold_units(sim, beds, 'c', 2, Duration::minutes(150), Duration::hours(1), log));
  sim.start(switch_unit(sim, beds, 0, true, Duration::hours(3))); // back, but c needs two
  sim.run_until(Time::start() + Duration::minutes(200));
  // At 2 h 'a' gives back 0 (out of service) and 1: only 1 can go to 'b'.
  CHECK(beds.busy_count() == 1);
  CHECK(beds.queue_length() == 1); // 'c' needs two units; only unit 0 is free since 3 h
  sim.run();
  // 'b' frees unit 1 at 4 h; 'c' then takes 0 and 1. Unit 2 is never used.
  CHECK(log == std::vector<Grant>{{'a', 0.0, {0, 1}}, {'b', 120.0, {1}}, {'c', 240.0, {0, 1}}});
  CHECK(beds.busy_count() == 0);
}

namespace {
Process<> needs_both(Simulation& sim, Resource& first, Resource& second, Duration hold,
                     int& finished) {
  Request both = seize(sim, {first.claim(), second.claim()});
  co_await both;
  CHECK(first.in_use() >= 1);
  CHECK(second.in_use() >= 1);
  co_await sim.timeout(hold);
  ++finished;
}
} // namespace

TEST_CASE("atomic seize of several resources never deadlocks", "[resource]") {
  // Opposite acquisition orders deadlock with one-at-a-time seizing; atomic seize cannot.
  Simulation sim;
  Resource room(sim, 1, QueuePolicy::fifo(), Preemption::None, "room");
  Resource radiographer(sim, 1, QueuePolicy::fifo(), Preemption::None, "radiographer");
  int finished = 0;
  for (int i = 0; i < 50; ++i) {
    sim.start(needs_both(sim, room, radiographer, Duration::minutes(3), finished));
    sim.start(needs_both(sim, radiographer, room, Duration::minutes(2), finished));
  }
  sim.run();
  CHECK(finished == 100);
  CHECK(sim.now() == Time::start() + Duration::minutes(250));
  CHECK(room.in_use() == 0);
  CHECK_THROWS_AS(seize(sim, {room.claim(), room.claim()}), UsageError);
}

namespace {
Process<> hold_one(Simulation& sim, Resource& resource, Duration hold) {
  Request request = resource.request();
  co_await request;
  co_await sim.timeout(hold);
}
} // namespace

TEST_CASE("a capacity change serves waiting requests and utilisation is time-weighted",
          "[resource]") {
  Simulation sim;
  Resource nurses(sim, 0, QueuePolicy::fifo(), Preemption::None, "nurses");
  for (int i = 0; i < 4; ++i)
    sim.start(hold_one(sim, nurses, Duration::hours(1)));
  sim.call_at(Time::start() + Duration::hours(1), [&] { nurses.set_capacity(2); });
  sim.run();
  CHECK(sim.now() == Time::start() + Duration::hours(3));
  CHECK(nurses.busy().mean(sim.now()) == Approx(4.0 / 3.0));
  CHECK(nurses.waiting().mean(sim.now()) == Approx((4.0 + 2.0) / 3.0));
}

namespace {
Process<> reneging_patient(Simulation& sim, Resource& doctor, Duration patience, bool& seen) {
  Request visit = doctor.request();
  co_await any_of(sim, visit, sim.timeout(patience));
  if (!visit.granted()) {
    visit.cancel(); // left without being seen
    co_return;
  }
  seen = true;
  co_await sim.timeout(Duration::minutes(10));
}
} // namespace

TEST_CASE("a patient can leave the queue after a patience time", "[resource]") {
  Simulation sim;
  Resource doctor(sim, 1);
  bool first = false, impatient = false, patient_one = false;
  sim.start(reneging_patient(sim, doctor, Duration::minutes(60), first));
  sim.start(reneging_patient(sim, doctor, Duration::minutes(5), impatient));
  sim.start(reneging_patient(sim, doctor, Duration::minutes(15), patient_one));
  sim.run();
  CHECK(first);
  CHECK_FALSE(impatient);
  CHECK(patient_one);
  CHECK(sim.now() == Time::start() + Duration::minutes(20));
}

TEST_CASE("releasing a request that is not granted is an error", "[resource]") {
  Simulation sim;
  Resource doctor(sim, 1);
  Request first = doctor.request();
  Request second = doctor.request();
  CHECK(first.granted());
  CHECK(second.pending());
  CHECK_THROWS_AS(second.release(), UsageError);
  first.release();
  CHECK(second.granted());
  CHECK_THROWS_AS(first.release(), UsageError);
  CHECK_THROWS_AS(doctor.request({}, 0), UsageError);
}
