#pragma once

// libarchive converts entry names between UTF-8 and the current locale's
// character set. Under the "C" locale programs start in (the kiosk and
// `amanat` never call setlocale), a non-ASCII name cannot be converted:
// libarchive 3.6's pax writer then crashes on a null name, and its getters
// return null. Pack names are UTF-8 by definition, so while libarchive works,
// the calling thread's locale is C.UTF-8. uselocale() is per thread: nothing
// else in the process is affected. Create one before the archive object and
// keep it until that object is freed.

#include <locale.h>

namespace amanat::pack {

class Utf8Names {
  public:
    Utf8Names() : m_utf8(::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0))) {
        if (m_utf8 != static_cast<locale_t>(0)) m_previous = ::uselocale(m_utf8);
    }
    ~Utf8Names() {
        if (m_utf8 == static_cast<locale_t>(0)) return;
        ::uselocale(m_previous);
        ::freelocale(m_utf8);
    }
    Utf8Names(const Utf8Names&) = delete;
    Utf8Names& operator=(const Utf8Names&) = delete;

  private:
    locale_t m_utf8;
    locale_t m_previous = static_cast<locale_t>(0);
};

}  // namespace amanat::pack
