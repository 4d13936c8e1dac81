// SPDX-License-Identifier: MIT
#include "sim/optimise/cma_es.hpp"

#include "sim/optimise/grid.hpp"
#include "sim/random/random_stream.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

namespace hospsim::sim::optimise {

namespace {

constexpr double two_pi = 6.283185307179586476925286766559;

class NormalSource {
public:
  explicit NormalSource(RandomStream stream) : stream_(stream) {}
  double operator()() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2 * std::log(stream_.uniform01()));
    const double angle = two_pi * stream_.uniform01();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

private:
  RandomStream stream_;
  double spare_ = 0;
  bool has_spare_ = false;
};

/// Whether the noise that common random numbers leave (the residual of a two-way analysis of
/// variance, candidate x replication, over the first `n` replications of the distinct
/// candidates requested) makes up more than half the variance of their means.
bool noise_dominates(const CandidateStore& store, std::span<const Replications> requests,
                     std::size_t n) {
  std::vector<std::size_t> ids;
  for (const Replications& request : requests)
    if (store.replications(request.candidate) >= n &&
        std::find(ids.begin(), ids.end(), request.candidate) == ids.end())
      ids.push_back(request.candidate);
  const std::size_t m = ids.size();
  if (m < 3 || n < 2)
    return false;
  std::vector<double> row(m, 0.0);
  std::vector<double> column(n, 0.0);
  double grand = 0;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t r = 0; r < n; ++r) {
      const double y = store.objectives(ids[i])[r];
      row[i] += y / static_cast<double>(n);
      column[r] += y / static_cast<double>(m);
      grand += y / static_cast<double>(m * n);
    }
  double residual = 0;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t r = 0; r < n; ++r) {
      const double e = store.objectives(ids[i])[r] - row[i] - column[r] + grand;
      residual += e * e;
    }
  residual /= static_cast<double>((m - 1) * (n - 1));
  double spread = 0;
  for (const double value : row)
    spread += (value - grand) * (value - grand);
  spread /= static_cast<double>(m - 1);
  return residual / static_cast<double>(n) > 0.5 * spread;
}

} // namespace

void cma_es(SearchContext& context) {
  CandidateStore& store = context.store;
  const std::vector<Variable>& variables = store.variables();
  const auto n = static_cast<Eigen::Index>(variables.size());
  const double nd = static_cast<double>(n);
  const std::size_t n0 = context.settings.initial_replications;
  NormalSource normal(RandomStream(context.settings.seed, 0, "optimise.cmaes"));

  auto to_point = [&](const Eigen::VectorXd& u) {
    Point x(variables.size());
    for (std::size_t i = 0; i < variables.size(); ++i) {
      const Variable& v = variables[i];
      const double clipped = std::clamp(u(static_cast<Eigen::Index>(i)), 0.0, 1.0);
      x[i] = snap(v, v.lower + clipped * (v.upper - v.lower));
    }
    return x;
  };

  // Strategy parameters (Hansen's tutorial, table 1).
  const std::size_t lambda = std::max<std::size_t>(2, context.batch);
  const std::size_t mu = std::max<std::size_t>(1, lambda / 2);
  Eigen::VectorXd weights(static_cast<Eigen::Index>(mu));
  for (std::size_t i = 0; i < mu; ++i)
    weights(static_cast<Eigen::Index>(i)) =
        std::log(static_cast<double>(mu) + 0.5) - std::log(static_cast<double>(i + 1));
  weights /= weights.sum();
  const double mueff = 1.0 / weights.squaredNorm();
  const double cc = (4 + mueff / nd) / (nd + 4 + 2 * mueff / nd);
  const double cs = (mueff + 2) / (nd + mueff + 5);
  const double c1 = 2 / ((nd + 1.3) * (nd + 1.3) + mueff);
  const double cmu = std::min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((nd + 2) * (nd + 2) + mueff));
  const double damps = 1 + 2 * std::max(0.0, std::sqrt((mueff - 1) / (nd + 1)) - 1) + cs;
  const double chi_n = std::sqrt(nd) * (1 - 1 / (4 * nd) + 1 / (21 * nd * nd));

  Eigen::VectorXd mean(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Variable& v = variables[static_cast<std::size_t>(i)];
    mean(i) = v.upper > v.lower
                  ? (context.start[static_cast<std::size_t>(i)] - v.lower) / (v.upper - v.lower)
                  : 0.5;
  }
  double sigma = context.settings.cmaes_initial_sigma;
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Identity(n, n);
  Eigen::MatrixXd basis = Eigen::MatrixXd::Identity(n, n);
  Eigen::VectorXd scales = Eigen::VectorXd::Ones(n);
  Eigen::VectorXd path_sigma = Eigen::VectorXd::Zero(n);
  Eigen::VectorXd path_c = Eigen::VectorXd::Zero(n);

  std::size_t idle_generations = 0;
  std::size_t replications = n0; // per offspring; doubles when noise hides the ranking
  for (std::size_t generation = 0; !context.exhausted() && sigma > 1e-12; ++generation) {
    std::vector<Eigen::VectorXd> offspring(lambda);
    std::vector<Point> points(lambda);
    std::vector<double> clip_distance(lambda, 0.0);
    std::vector<bool> ok(lambda, false);
    std::vector<Replications> requests;
    for (std::size_t k = 0; k < lambda; ++k) {
      Eigen::VectorXd z(n);
      for (Eigen::Index i = 0; i < n; ++i)
        z(i) = normal();
      offspring[k] = mean + sigma * (basis * scales.asDiagonal() * z);
      const Eigen::VectorXd clipped = offspring[k].cwiseMax(0.0).cwiseMin(1.0);
      clip_distance[k] = (offspring[k] - clipped).squaredNorm();
      points[k] = to_point(offspring[k]);
      ok[k] = store.admissible(points[k]);
      if (ok[k])
        requests.push_back(Replications{store.add(points[k]), replications});
    }
    const std::uint64_t before = store.used();
    store.obtain(requests, context.cap);
    idle_generations = store.used() == before ? idle_generations + 1 : 0;

    std::vector<double> value(lambda, std::numeric_limits<double>::infinity());
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < lambda; ++k) {
      if (!ok[k])
        continue;
      const std::size_t id = *store.find(points[k]);
      if (store.replications(id) == 0)
        continue;
      value[k] = store.penalised_mean(id);
      low = std::min(low, value[k]);
      high = std::max(high, value[k]);
    }
    if (!(low <= high)) { // nothing evaluated: budget gone or all inadmissible
      context.end_iteration("cmaes");
      if (idle_generations >= 20)
        break;
      continue;
    }
    for (std::size_t k = 0; k < lambda; ++k)
      if (std::isfinite(value[k]))
        value[k] += clip_distance[k] * (high - low + 1);
    if (noise_dominates(store, requests, replications) && replications < 64 * n0)
      replications *= 2;
    std::vector<std::size_t> rank(lambda);
    std::iota(rank.begin(), rank.end(), std::size_t{0});
    std::stable_sort(rank.begin(), rank.end(),
                     [&](std::size_t a, std::size_t b) { return value[a] < value[b]; });

    // Updates (tutorial, eqs. 39-47), over the best mu offspring that were evaluated: an
    // inadmissible (or unevaluated) one never enters them; with fewer than mu evaluated, the
    // weights of those that were are renormalised.
    const auto evaluated = static_cast<std::size_t>(
        std::count_if(value.begin(), value.end(), [](double v) { return std::isfinite(v); }));
    const std::size_t parents = std::min(mu, evaluated);
    const Eigen::VectorXd parent_weights =
        weights.head(static_cast<Eigen::Index>(parents)) /
        weights.head(static_cast<Eigen::Index>(parents)).sum();
    const Eigen::VectorXd old_mean = mean;
    mean.setZero();
    for (std::size_t i = 0; i < parents; ++i)
      mean += parent_weights(static_cast<Eigen::Index>(i)) * offspring[rank[i]];
    const Eigen::VectorXd step = (mean - old_mean) / sigma;
    const Eigen::MatrixXd inverse_root =
        basis * scales.cwiseInverse().asDiagonal() * basis.transpose();
    path_sigma = (1 - cs) * path_sigma + std::sqrt(cs * (2 - cs) * mueff) * (inverse_root * step);
    const double generations = static_cast<double>(generation + 1);
    const bool sigma_path_short =
        path_sigma.norm() / std::sqrt(1 - std::pow(1 - cs, 2 * generations)) / chi_n <
        1.4 + 2 / (nd + 1);
    const double hsig = sigma_path_short ? 1.0 : 0.0;
    path_c = (1 - cc) * path_c + hsig * std::sqrt(cc * (2 - cc) * mueff) * step;
    Eigen::MatrixXd rank_mu = Eigen::MatrixXd::Zero(n, n);
    for (std::size_t i = 0; i < parents; ++i) {
      const Eigen::VectorXd y = (offspring[rank[i]] - old_mean) / sigma;
      rank_mu += parent_weights(static_cast<Eigen::Index>(i)) * y * y.transpose();
    }
    covariance = (1 - c1 - cmu) * covariance +
                 c1 * (path_c * path_c.transpose() + (1 - hsig) * cc * (2 - cc) * covariance) +
                 cmu * rank_mu;
    sigma *= std::exp((cs / damps) * (path_sigma.norm() / chi_n - 1));
    sigma = std::min(sigma, 10.0); // the box has width 1: larger steps only clip
    // Eigendecomposition of the (symmetrised) covariance.
    covariance = 0.5 * (covariance + covariance.transpose());
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
    basis = solver.eigenvectors();
    scales = solver.eigenvalues().cwiseMax(1e-20).cwiseSqrt();

    context.end_iteration("cmaes");
    if (idle_generations >= 20)
      break;
  }
  const Point final_mean = to_point(mean);
  if (!store.out_of_time() && store.admissible(final_mean)) {
    const std::size_t id = store.add(final_mean);
    store.obtain(id, replications, std::max(context.cap, store.used() + replications));
    context.recommended.push_back(id);
  }
}

} // namespace hospsim::sim::optimise
