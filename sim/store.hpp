// SPDX-License-Identifier: MIT
#pragma once
/// sim::Store<Item>: a buffer of items passed between processes (specimens to the lab, beds to
/// clean). `co_await store.get()` yields the next item, waiting while the store is empty;
/// `co_await store.put(item)` waits while it is full. Items leave in FIFO order, or by lowest
/// `priority(item)` (FIFO among equals) when a priority function is given. Waiting getters and
/// putters are served first come, first served.
///
/// **Example**
/// ```
/// Store<Specimen> lab_inbox(sim, "lab inbox");
/// co_await lab_inbox.put(Specimen{patient_id});      // ward process
/// Specimen next = co_await lab_inbox.get();          // lab process
/// ```
#include "sim/detail/pending_operation.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <string>

namespace hospsim::sim {

template <class Item>
class Store {
public:
  using Priority = std::function<double(const Item&)>;

  explicit Store(Simulation& simulation, std::string name = "store",
                 std::size_t capacity = std::numeric_limits<std::size_t>::max(),
                 Priority priority = {})
      : simulation_(&simulation), name_(std::move(name)), capacity_(capacity),
        priority_(std::move(priority)) {}

  struct GetAwaiter : detail::PendingOperation {
    Store* store;
    std::optional<Item> item;
    bool await_ready() {
      if (!store->items_.empty() && store->getters_.empty()) {
        item = store->take_front();
        store->balance(); // room for a waiting putter
      }
      return item.has_value();
    }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> handle) {
      if (!bind(handle.promise()))
        return false;
      wait_in(store->getters_, *store->simulation_);
      return true;
    }
    Item await_resume() {
      check_interrupt(item.has_value());
      return std::move(*item);
    }
  };
  struct PutAwaiter : detail::PendingOperation {
    Store* store;
    std::optional<Item> item; ///< Empty once stored.
    bool await_ready() {
      if (store->items_.size() < store->capacity_ && store->putters_.empty())
        store->insert(std::move(*item)), item.reset();
      return !item.has_value();
    }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> handle) {
      if (!bind(handle.promise()))
        return false;
      wait_in(store->putters_, *store->simulation_);
      return true;
    }
    void await_resume() const { check_interrupt(!item.has_value()); }
  };

  [[nodiscard]] GetAwaiter get() { return GetAwaiter{{}, this, std::nullopt}; }
  [[nodiscard]] PutAwaiter put(Item item) { return PutAwaiter{{}, this, std::move(item)}; }
  /// Puts without waiting; false if the store is full.
  bool try_put(Item item) {
    if (items_.size() >= capacity_)
      return false;
    insert(std::move(item));
    return true;
  }

  std::size_t size() const { return items_.size(); }
  std::size_t capacity() const { return capacity_; }
  const std::string& name() const { return name_; }

private:
  struct Entry {
    double key;
    Item item;
  };

  Item take_front() {
    Item item = std::move(items_.front().item);
    items_.pop_front();
    return item;
  }
  void insert(Item item) {
    insert_in_order(std::move(item));
    balance();
  }
  void insert_in_order(Item item) {
    const double key = priority_ ? priority_(item) : 0.0;
    auto at = std::upper_bound(items_.begin(), items_.end(), key,
                               [](double k, const Entry& e) { return k < e.key; });
    items_.insert(at, Entry{key, std::move(item)});
  }
  /// Moves items to waiting getters and waiting putters' items in, until neither can proceed.
  void balance() {
    for (bool moved = true; moved;) {
      moved = false;
      while (!getters_.empty() && !items_.empty()) {
        GetAwaiter& getter = getters_.front();
        getter.item = take_front();
        getter.complete();
        moved = true;
      }
      while (!putters_.empty() && items_.size() < capacity_) {
        PutAwaiter& putter = putters_.front();
        Item item = std::move(*putter.item);
        putter.item.reset();
        putter.complete();
        insert_in_order(std::move(item));
        moved = true;
      }
    }
  }

  Simulation* simulation_;
  std::string name_;
  std::size_t capacity_;
  Priority priority_;
  std::deque<Entry> items_;
  detail::OperationLine<GetAwaiter> getters_;
  detail::OperationLine<PutAwaiter> putters_;
};

} // namespace hospsim::sim
