#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/localisation/catalog.hpp"
#include "core/localisation/locale_format.hpp"

namespace amanat::ui {

// The UI's phrases with numbers in them ("{count, plural, one {# object} other
// {# objects}}") formatted in the visitor's language, kept until they change.
//
// ICU builds a formatter per call (tens of microseconds); a screen that shows the
// same count every frame would pay that 60 times a second, so results are kept,
// keyed by language, phrase and arguments. The catalogs have already refused
// translations that would not format (core/localisation/message_pattern.hpp); should one fail
// anyway, the English text is shown rather than braces.
//
// Thread contract: render thread only.
class FormattedPhrases {
  public:
    // `msgid`'s translation in `phrases`' language with `arguments` filled in.
    // The reference stays valid until the next call.
    const std::string& format(const Phrasebook& phrases, const char* msgid,
                              const std::vector<NamedArgument>& arguments);

  private:
    static constexpr std::size_t kKept = 256;  // a few screens' worth; then start afresh
    std::unordered_map<std::string, std::string> m_kept;
};

}  // namespace amanat::ui
