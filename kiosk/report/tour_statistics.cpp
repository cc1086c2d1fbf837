#include "report/tour_statistics.hpp"

#include <algorithm>
#include <cmath>

namespace amanat::report {

Share wilson_share(long long hits, long long of) {
    Share share;
    share.hits = hits;
    share.of = of;
    if (of <= 0) return share;
    constexpr double z = 1.959963984540054;  // the 97.5th percentile of the normal distribution
    const double n = static_cast<double>(of);
    const double p = static_cast<double>(hits) / n;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    share.value = p;
    share.low = std::max(0.0, centre - half);
    share.high = std::min(1.0, centre + half);
    return share;
}

}  // namespace amanat::report
