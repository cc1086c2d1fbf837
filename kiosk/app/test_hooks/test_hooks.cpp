#include "app/test_hooks/test_hooks.hpp"

#include <optional>

#include "app/test_hooks/aborting_pack.hpp"
#include "app/test_hooks/soak_driver.hpp"

namespace amanat {

namespace {

// The hooks, owned, as one observer.
class TestHooks final : public LoopObservers {
  public:
    explicit TestHooks(const KioskOptions& options) {
        add(m_aborting_pack);
        if (options.soak_sessions > 0) {
            m_soak.emplace(SoakSettings{options.soak_sessions, options.soak_report, options.soak_seed});
            add(*m_soak);
        }
    }

  private:
    AbortingPack m_aborting_pack;
    std::optional<SoakDriver> m_soak;
};

}  // namespace

std::unique_ptr<LoopObserver> make_test_hooks(const KioskOptions& options) {
    return std::make_unique<TestHooks>(options);
}

}  // namespace amanat
