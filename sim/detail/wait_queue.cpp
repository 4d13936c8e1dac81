// SPDX-License-Identifier: MIT
#include "sim/detail/wait_queue.hpp"

#include <algorithm>
#include <boost/intrusive/list.hpp>
#include <boost/intrusive/set.hpp>
#include <vector>

namespace hospsim::sim::detail {
namespace {

namespace bi = boost::intrusive;
using ClaimList =
    bi::list<Claim, bi::member_hook<Claim, bi::list_member_hook<>, &Claim::hook>>;

// A queue whose container already holds the claims in service order: FIFO (a list) or by
// (key, sequence) (an intrusive multiset). Only insertion differs.
template <class Claims, bool sorted>
class OrderedQueue final : public WaitQueue {
public:
  void insert(Claim& claim) override {
    if constexpr (sorted)
      claims_.insert(claim);
    else
      claims_.push_back(claim);
  }
  void erase(Claim& claim) override { claims_.erase(claims_.iterator_to(claim)); }
  std::size_t size() const override { return claims_.size(); }
  void visit(Time, FunctionRef<bool(Claim&)> visit) override {
    for (auto it = claims_.begin(); it != claims_.end();) {
      Claim& claim = *it++;
      if (!visit(claim))
        return;
    }
  }

private:
  Claims claims_;
};

struct KeyOrder {
  bool operator()(const Claim& a, const Claim& b) const {
    return a.key < b.key || (a.key == b.key && a.request->info.sequence < b.request->info.sequence);
  }
};

using FifoQueue = OrderedQueue<ClaimList, false>;
using KeyedQueue = OrderedQueue<
    bi::multiset<Claim, bi::member_hook<Claim, bi::set_member_hook<>, &Claim::ordered_hook>,
                 bi::compare<KeyOrder>>,
    true>;

class ScoredQueue final : public WaitQueue {
public:
  explicit ScoredQueue(QueueScore score) : score_(std::move(score)) {}
  void insert(Claim& claim) override { claims_.push_back(claim); }
  void erase(Claim& claim) override { claims_.erase(claims_.iterator_to(claim)); }
  std::size_t size() const override { return claims_.size(); }
  void visit(Time now, FunctionRef<bool(Claim&)> visit) override {
    order_.clear();
    for (Claim& claim : claims_)
      order_.push_back({score_(claim.request->info, now), claim.request->info.sequence, &claim});
    std::sort(order_.begin(), order_.end(), [](const Scored& a, const Scored& b) {
      return a.score < b.score || (a.score == b.score && a.sequence < b.sequence);
    });
    for (const Scored& entry : order_)
      if (!visit(*entry.claim))
        return;
  }

private:
  struct Scored {
    double score;
    std::uint64_t sequence;
    Claim* claim;
  };
  QueueScore score_;
  ClaimList claims_;
  std::vector<Scored> order_;
};

} // namespace

std::unique_ptr<WaitQueue> make_wait_queue(const QueuePolicy& policy) {
  switch (policy.kind()) {
  case QueuePolicy::Kind::Fifo:
    return std::make_unique<FifoQueue>();
  case QueuePolicy::Kind::Priority:
  case QueuePolicy::Kind::ShortestExpected:
    return std::make_unique<KeyedQueue>();
  case QueuePolicy::Kind::Scored:
    return std::make_unique<ScoredQueue>(policy.score());
  }
  return nullptr;
}

} // namespace hospsim::sim::detail
