#pragma once

// The little statistics the organisers' report needs, written out so that the
// report's "How to read it" section can say exactly what was computed.
// Thread contract: pure functions.

#include <algorithm>
#include <cstddef>
#include <vector>

#include "report/tour_figures.hpp"

namespace amanat::report {

// `hits` out of `of` with its 95 % Wilson score interval (Wilson 1927; what
// Agresti and Coull recommend for proportions from small samples: unlike the
// textbook p ± 1.96·√(p(1-p)/n) it never leaves 0..1 and is honest for n < 30).
// All zeros when `of` is 0.
Share wilson_share(long long hits, long long of);

// The median of `values` (reordered in place); with an even count the mean of
// the two middle values, rounded down, as `amanat feedback summary` has it. 0 for none.
template <typename Number>
long long median_of(std::vector<Number>& values) {
    if (values.empty()) return 0;
    const auto middle = static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), values.begin() + middle, values.end());
    const auto upper = static_cast<long long>(values[static_cast<std::size_t>(middle)]);
    if (values.size() % 2 == 1) return upper;
    const auto lower = static_cast<long long>(*std::max_element(values.begin(), values.begin() + middle));
    return lower + (upper - lower) / 2;
}

}  // namespace amanat::report
