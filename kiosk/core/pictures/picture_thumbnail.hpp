#pragma once

// A small JPEG of an exhibition picture as a data: URI, to put a picture inside
// a self-contained document (the organisers' report) without a file beside it.
// Thread-safe.

#include <filesystem>
#include <string>

namespace amanat {

// The picture at `file` (JPEG or PNG) shrunk to fit a `max_side` square,
// transparent parts on white, as "data:image/jpeg;base64,...". Empty with
// `error` (a sentence naming the file) if it cannot be read or decoded.
std::string picture_thumbnail(const std::filesystem::path& file, int max_side, std::string& error);

}  // namespace amanat
