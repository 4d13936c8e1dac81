// SPDX-License-Identifier: MIT
#include "sim/radix_event_queue.hpp"

#include <algorithm>

namespace hospsim::sim {

void RadixEventQueue::rebase(std::uint64_t key) {
  std::vector<Entry> all;
  all.reserve(live_ + stale_);
  for (std::vector<Entry>& bucket : buckets_) {
    all.insert(all.end(), bucket.begin(), bucket.end());
    bucket.clear();
  }
  all.insert(all.end(), now_.begin(), now_.end());
  now_.clear();
  occupied_ = 0;
  last_ = key;
  for (const Entry& entry : all)
    place(entry);
}

void RadixEventQueue::drop_all_stale() {
  occupied_ = 0;
  for (std::size_t index = 1; index < buckets_.size(); ++index) {
    std::vector<Entry>& bucket = buckets_[index];
    std::erase_if(bucket, [this](const Entry& entry) { return stale(entry); });
    if (!bucket.empty())
      occupied_ |= std::uint64_t{1} << (index - 1);
  }
  std::vector<Entry> now;
  now.swap(now_);
  now_.reserve(now.capacity());
  for (const Entry& entry : now)
    if (!stale(entry))
      push_now(entry);
  stale_ = 0;
}

} // namespace hospsim::sim
