// newsdig-index rollback: back to the database the last rebuild replaced.
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/store/database.hpp"
#include "common/store/layout.hpp"
#include "indexer/commands/commands.hpp"
#include "indexer/run.hpp"

namespace newsdig::indexer::commands {

int rollback(const Options& options, std::ostream& err) {
  return with_write_lock(options, "rollback", err, [&] {
    const store::Layout layout = store::layout_of(options.db);
    if (!store::is_database_directory(layout.previous)) {
      fmt::print(err,
                 "newsdig-index: error: cannot roll back {}: there is no previous database ({}): only a "
                 "rebuild leaves one\n",
                 layout.live, layout.previous);
      return kExitFatal;
    }
    try {
      // Refused before anything moves: the database to go back to must open and have this schema.
      const Xapian::doccount articles = store::open_for_search(layout.previous).get_doccount();
      store::roll_back(layout);
      fmt::print(err,
                 "newsdig-index: rolled back {}: it is the previous database again ({} articles); the one "
                 "it replaced is now {} (rollback again to return to it)\n",
                 layout.live, articles, layout.previous);
      return kExitOk;
    } catch (const store::StoreError& e) {
      fmt::print(err, "newsdig-index: error: cannot roll back {}: {}\n", layout.live, e.what());
      return kExitFatal;
    }
  });
}

}  // namespace newsdig::indexer::commands
