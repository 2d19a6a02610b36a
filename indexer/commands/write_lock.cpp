#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/store/lock.hpp"
#include "indexer/commands/commands.hpp"
#include "indexer/run.hpp"

namespace newsdig::indexer::commands {

int with_write_lock(const Options& options, std::string_view command, std::ostream& err,
                    const std::function<int()>& body) {
  try {
    store::WriteLock lock(options.db, std::string(command), options.wait_seconds);
    return body();
  } catch (const store::LockedError& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitLocked;
  } catch (const store::StoreError& e) {
    fmt::print(err, "newsdig-index: error: {}\n", e.what());
    return kExitFatal;
  }
}

}  // namespace newsdig::indexer::commands
