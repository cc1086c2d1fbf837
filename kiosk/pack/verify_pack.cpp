// verify_pack: `amanat pack verify`, the whole archive read and nothing written.
#include "pack/pack_reader.hpp"
#include "pack/packs.hpp"

namespace amanat::pack {

namespace {

// Only hashes: the reader does the checking.
class NoSink final : public PackSink {
  public:
    bool start(const PackHeader&, std::string&) override { return true; }
    bool open_file(const ManifestFile&, std::string&) override { return true; }
    bool write(const char*, std::size_t, std::string&) override { return true; }
    bool close_file(bool, std::string&) override { return true; }
};

}  // namespace

PackCheck verify_pack(const std::filesystem::path& file, const Trust& trust, const Limits& limits,
                      const ProgressCallback& progress) {
    PackCheck check;
    std::string problem;
    const auto opened = open_pack_file(file, problem);
    if (!opened) {
        check.problems.push_back(problem);
        return check;
    }
    NoSink sink;
    return read_pack(*opened, trust, limits, sink, OnProblem::carry_on, "checking", progress);
}

}  // namespace amanat::pack
