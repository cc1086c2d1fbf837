#include "app/test_hooks/aborting_pack.hpp"

#include <cstdio>
#include <cstdlib>

namespace amanat {

void AbortingPack::starting(const Bundle& bundle) {
    const char* version = std::getenv("AMANAT_TEST_ABORT_ON_VERSION");
    if (version != nullptr && bundle.exhibition.version == version) {
        std::fprintf(stderr, "amanat-kiosk: test hook: aborting on exhibition version %s\n", version);
        std::abort();
    }
}

}  // namespace amanat
