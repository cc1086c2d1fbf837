#pragma once

#include <string>
#include <string_view>

namespace amanat::report {

// Text from the feedback files and the bundle (titles, venue names, ids) is
// written into the page as text, never as markup: `<script>` in a title shows as
// "<script>". Safe both between tags and inside a quoted attribute value. The
// text is valid UTF-8 already (the tally reads it so); it is copied byte for byte.
std::string html_text(std::string_view text);

}  // namespace amanat::report
