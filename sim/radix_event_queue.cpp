// SPDX-License-Identifier: MIT
#include "sim/radix_event_queue.hpp"

#include <algorithm>

namespace hospsim::sim {

void RadixEventQueue::rebase(std::uint64_t key) {
  spare_.clear();
  for (std::vector<Entry>& bucket : buckets_) {
    spare_.insert(spare_.end(), bucket.begin(), bucket.end());
    bucket.clear();
  }
  spare_.insert(spare_.end(), now_.begin() + static_cast<std::ptrdiff_t>(head_), now_.end());
  now_.clear();
  head_ = 0;
  occupied_ = 0;
  last_ = key;
  for (const Entry& entry : spare_)
    place(entry);
}

void RadixEventQueue::go_radix() const {
  spare_.assign(now_.begin() + static_cast<std::ptrdiff_t>(head_), now_.end());
  now_.clear();
  head_ = 0;
  small_ = false;
  last_ = spare_.front().key; // the run's first: no entry is earlier
  for (const Entry& entry : spare_)
    place(entry);
}

void RadixEventQueue::sort_now() const {
  std::sort(now_.begin() + static_cast<std::ptrdiff_t>(head_), now_.end(), &before);
}

void RadixEventQueue::go_small() const {
  now_.clear(); // only consumed entries are left in it
  head_ = 0;
  for (std::size_t index = 1; index < buckets_.size(); ++index) {
    std::vector<Entry>& bucket = buckets_[index];
    now_.insert(now_.end(), bucket.begin(), bucket.end());
    bucket.clear();
  }
  occupied_ = 0;
  small_ = true;
  sort_now();
}

void RadixEventQueue::drop_all_stale() {
  occupied_ = 0;
  for (std::size_t index = 1; index < buckets_.size(); ++index) {
    std::vector<Entry>& bucket = buckets_[index];
    std::erase_if(bucket, [this](const Entry& entry) { return stale(entry); });
    if (!bucket.empty())
      occupied_ |= std::uint64_t{1} << (index - 1);
  }
  // Removing keeps bucket 0 sorted (in small mode it holds every entry).
  now_.erase(now_.begin(), now_.begin() + static_cast<std::ptrdiff_t>(head_));
  head_ = 0;
  std::erase_if(now_, [this](const Entry& entry) { return stale(entry); });
  stale_ = 0;
}

} // namespace hospsim::sim
