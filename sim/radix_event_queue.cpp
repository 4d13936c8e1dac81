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
  spare_.insert(spare_.end(), now_.begin(), now_.end());
  now_.clear();
  occupied_ = 0;
  last_ = key;
  for (const Entry& entry : spare_)
    place(entry);
}

void RadixEventQueue::go_radix() const {
  spare_.assign(now_.begin(), now_.end());
  now_.clear();
  small_ = false;
  last_ = spare_.front().key; // the heap's top: no entry is earlier
  for (const Entry& entry : spare_)
    place(entry);
}

void RadixEventQueue::go_small() const {
  for (std::size_t index = 1; index < buckets_.size(); ++index) {
    std::vector<Entry>& bucket = buckets_[index];
    now_.insert(now_.end(), bucket.begin(), bucket.end());
    bucket.clear();
  }
  occupied_ = 0;
  small_ = true;
  for (std::size_t position = now_.size() / 2; position-- > 0;)
    sift_down_now(position, now_[position]);
}

void RadixEventQueue::drop_all_stale() {
  occupied_ = 0;
  for (std::size_t index = 1; index < buckets_.size(); ++index) {
    std::vector<Entry>& bucket = buckets_[index];
    std::erase_if(bucket, [this](const Entry& entry) { return stale(entry); });
    if (!bucket.empty())
      occupied_ |= std::uint64_t{1} << (index - 1);
  }
  // The heap keeps its order by being refilled (in small mode it holds every entry).
  spare_.assign(now_.begin(), now_.end());
  now_.clear();
  for (const Entry& entry : spare_)
    if (!stale(entry))
      push_now(entry);
  stale_ = 0;
}

} // namespace hospsim::sim
