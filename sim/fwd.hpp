// SPDX-License-Identifier: MIT
#pragma once
/// Forward declarations of the kernel's public types, for headers that only name them.
namespace hospsim::sim {
class Time;
class Duration;
class Simulation;
class Event;
class Request;
class Seizable;
class Resource;
template <class Attributes>
class UnitPool;
template <class Item>
class Store;
class Container;
template <class T>
class Process;
class RandomStream;
class Distribution;
class Tally;
class TimeWeighted;
struct Interruption;
class Interrupted;
} // namespace hospsim::sim
