// SPDX-License-Identifier: MIT
#include "sim/resource.hpp"
#include "sim/simulation.hpp"

using namespace hospsim::sim;

Process<> visit(Simulation& sim, Resource& doctor) {
  Request consultation = doctor.request();
  co_await consultation;
  co_await sim.timeout(Duration::minutes(10));
}

int main() {
  Simulation sim;
  Resource doctor(sim, 1);
  for (int i = 0; i < 3; ++i)
    sim.start(visit(sim, doctor));
  sim.run();
  return sim.now() == Time::start() + Duration::minutes(30) ? 0 : 1;
}
