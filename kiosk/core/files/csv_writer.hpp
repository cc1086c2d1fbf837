#pragma once

// CSV as RFC 4180 writes it, for tables organisers open in LibreOffice, Excel,
// pandas or the sqlite3 shell: fields separated by commas, records ended by CRLF,
// a field in double quotes (inner quotes doubled) when it holds a comma, a quote,
// CR or LF. A record's text is valid UTF-8 whatever it was given: bytes that are
// not UTF-8 (a damaged file) become U+FFFD, as in JSON (append_valid_utf8 in
// core/files/json_record.hpp); all other text passes byte for byte. UI-free, so the
// kiosk's staff mode can export with it too.

#include <string>
#include <string_view>

namespace amanat {

// Written first in a CSV file: Excel reads a CSV without it in the Windows code
// page (Kazakh and Korean turn into mojibake on a double click); with it, Excel,
// LibreOffice, pandas' read_csv and the sqlite3 shell's .import all read UTF-8.
// Python's csv module needs open(..., encoding="utf-8-sig") to drop it.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// Appends `field` to `out`, quoted if RFC 4180 requires it, its bytes as given.
void append_csv_field(std::string& out, std::string_view field);

// True when a spreadsheet would run the text as a formula if it were a cell
// ("=", "+", "-", "@", or a tab or CR before one of them): CSV injection.
bool looks_like_formula(std::string_view field);

// One record being built, field by field; finish() ends it and starts the next.
class CsvRecord {
  public:
    // A text field. One that looks like a formula gets a leading apostrophe, the
    // spreadsheets' mark for "this is text", so opening an export never runs
    // anything; bytes that are not UTF-8 become U+FFFD; every other text comes
    // back exactly as written.
    CsvRecord& text(std::string_view field);
    // A number, never quoted nor guarded (a negative UTC offset stays a number).
    CsvRecord& number(long long value);

    // The record ended by CRLF. Valid until the next call on this record.
    std::string_view finish();

  private:
    void separate();

    std::string m_line;
    bool m_finished = true;  // the next field starts a new record
    bool m_empty = true;     // no field yet in this record
};

}  // namespace amanat
