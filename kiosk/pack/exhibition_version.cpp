#include "pack/exhibition_version.hpp"

#include <algorithm>

namespace amanat::pack {

namespace {

bool all_digits(std::string_view part) {
    return !part.empty() &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Numbers of any length (a date written as one number, a build counter):
// without leading zeros the longer is the larger, and equal lengths compare
// as text.
std::strong_ordering compare_numbers(std::string_view a, std::string_view b) {
    a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
    b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
    if (a.size() != b.size()) return a.size() <=> b.size();
    return a.compare(b) <=> 0;
}

// The part of `version` before the next dot, which is consumed; "0" once none is left.
std::string_view next_part(std::string_view& version) {
    if (version.empty()) return "0";
    const std::size_t dot = version.find('.');
    const std::string_view part = version.substr(0, dot);
    version.remove_prefix(dot == std::string_view::npos ? version.size() : dot + 1);
    return part;
}

}  // namespace

std::strong_ordering compare_versions(std::string_view a, std::string_view b) {
    while (!a.empty() || !b.empty()) {
        const std::string_view left = next_part(a);
        const std::string_view right = next_part(b);
        const std::strong_ordering order =
            all_digits(left) && all_digits(right) ? compare_numbers(left, right) : left.compare(right) <=> 0;
        if (order != 0) return order;
    }
    return std::strong_ordering::equal;
}

}  // namespace amanat::pack
