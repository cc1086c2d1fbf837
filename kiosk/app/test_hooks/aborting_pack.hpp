#pragma once

#include "app/loop_observer.hpp"

namespace amanat {

// A test hook, compiled only with AMANAT_TEST_HOOKS (never in a release build):
// no real pack stops the kiosk any more (issue 19's were fixed), so
// tests/e2e/crash-loop names an exhibition version that does, in
// AMANAT_TEST_ABORT_ON_VERSION, to see the crash-loop guard work: the kiosk
// aborts as it starts with that version. Render thread only.
class AbortingPack final : public LoopObserver {
  public:
    void starting(const Bundle& bundle) override;
};

}  // namespace amanat
