#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace amanat {

// Which exhibition the kiosk shows: the bundle folder given with --bundle, or
// else the active installed pack (amanat pack install), or else the exhibition
// built in (the sample, until a pack is installed). Asked at start-up and again
// between visitors, so a pack staff activate is shown at the next idle reset,
// never in front of a visitor. Render thread only.
class ExhibitionSource {
  public:
    // --bundle FOLDER: always that folder.
    static ExhibitionSource fixed(std::filesystem::path folder);
    // The active pack under `packs_root`, or `built_in` when none is active.
    static ExhibitionSource installed(std::filesystem::path packs_root, std::filesystem::path built_in);

    // The folder to show now. Cheap (a readlink): called between every visit.
    std::filesystem::path current() const;
    // Where packs are installed, when the kiosk follows them.
    const std::optional<std::filesystem::path>& packs_root() const { return m_packs_root; }
    // The installed pack's name when `folder` is one of current()'s answers from
    // an installed pack (PACKS_ROOT/packs/NAME/bundle); "" otherwise.
    std::string pack_name(const std::filesystem::path& folder) const;
    // Where `folder` comes from, for the log: "the active pack NAME", "the folder
    // given with --bundle" or "the built-in exhibition".
    std::string origin_of(const std::filesystem::path& folder) const;

  private:
    std::filesystem::path m_fixed_or_built_in;
    std::optional<std::filesystem::path> m_packs_root;
};

}  // namespace amanat
