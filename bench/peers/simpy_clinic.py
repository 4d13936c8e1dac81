#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The hospsim-bench M/M/c clinic in SimPy (3.x or 4.x API), for the speed comparison.

Patients arrive in a Poisson stream, queue FIFO for one of `servers` desks (simpy.Resource),
are served for an exponential time and leave; the same model as bench/clinic_benchmark.cpp.
Prints ONE JSON line: wall and CPU time of env.run(), events scheduled (= processed: the run
ends when none is left), patients per second, and the mean wait in minutes with a 95%
batch-means half width. Run it with the interpreter that has SimPy, e.g. /usr/bin/python3 on Debian.
"""
import argparse
import json
import platform
import random
import statistics
import time

import simpy

# Student-t 0.975 quantile with 19 degrees of freedom (20 batches).
T_975_19 = 2.093


def batch_means_half_width(series, batches=20):
    size = len(series) // batches
    if size < 1:
        return float("inf")
    start = len(series) - size * batches  # drop the remainder at the start, as hospsim does
    means = [statistics.fmean(series[start + i * size:start + (i + 1) * size])
             for i in range(batches)]
    return T_975_19 * statistics.stdev(means) / batches ** 0.5


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=200_000)
    parser.add_argument("--servers", type=int, default=5)
    parser.add_argument("--mean-service", type=float, default=10.0, help="minutes")
    parser.add_argument("--utilisation", type=float, default=0.85)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    arrival_rate = args.utilisation * args.servers / args.mean_service  # per minute
    service_rate = 1.0 / args.mean_service
    arrival_stream = random.Random(args.seed)
    service_stream = random.Random(args.seed + 1)
    env = simpy.Environment()
    desks = simpy.Resource(env, capacity=args.servers)
    waits = []

    def patient():
        arrived = env.now
        with desks.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(service_stream.expovariate(service_rate))

    def arrivals():
        for _ in range(args.patients):
            yield env.timeout(arrival_stream.expovariate(arrival_rate))
            env.process(patient())

    env.process(arrivals())
    start, cpu_start = time.perf_counter(), time.process_time()
    env.run()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    # Environment._eid numbers every scheduled event (SimPy 3 and 4); read it, do not wrap
    # step(), so counting costs nothing inside the timed run.
    eid = getattr(env, "_eid", None)
    events = next(eid) if eid is not None else None
    print(json.dumps({
        "engine": "simpy",
        "simpy_version": getattr(simpy, "__version__", "unknown"),
        "python_version": platform.python_version(),
        "patients": len(waits),
        "wall_s": wall,
        "cpu_s": cpu,
        "events": events,
        "events_per_s": events / wall if events is not None else None,
        "patients_per_s": len(waits) / wall,
        "mean_wait": statistics.fmean(waits),
        "mean_wait_ci95_half_width": batch_means_half_width(waits),
    }))


if __name__ == "__main__":
    main()
