// newsdig-index check: is the database (each shard of a sharded one) whole, of this schema, with records
// that decode?
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "common/store/inspect.hpp"
#include "common/store/layout.hpp"
#include "indexer/commands/commands.hpp"
#include "indexer/commands/sharded.hpp"
#include "indexer/run.hpp"

#if defined(__SANITIZE_ADDRESS__)
// Xapian 1.4.22's Database::check() deletes its table checker through a pointer to the table class, whose
// destructor is not virtual: ASan reports a new-delete-type-mismatch inside libxapian and aborts. That
// one report is off in sanitizer builds of newsdig-index (ASAN_OPTIONS still overrides it); every other
// check stays on.
extern "C" const char* __asan_default_options();
extern "C" const char* __asan_default_options() {
  return "new_delete_type_mismatch=0";
}
#endif

namespace newsdig::indexer::commands {

int check(const Options& options, std::ostream& out, std::ostream& err) {
  const std::string path = store::layout_of(options.db).live;
  // A sharded database: every shard, each problem naming its shard.
  const store::CheckResult result = check_any(path);
  if (!result.problems.empty()) {
    for (const auto& problem : result.problems) fmt::print(err, "newsdig-index: {}: {}\n", path, problem);
    fmt::print(err,
               "newsdig-index: check failed: {} problems in {}: rebuild it (newsdig-index rebuild), or roll "
               "back to the previous one (newsdig-index rollback)\n",
               result.problems.size(), path);
    return kExitFatal;
  }
  const std::size_t shards = local_shards(path, "check").size();
  fmt::print(out, "ok: {}: {}structure, schema version and {} of {} stored records checked\n", path,
             shards == 0 ? std::string() : fmt::format("{} shards: ", shards), result.records_checked,
             result.articles);
  return kExitOk;
}

}  // namespace newsdig::indexer::commands
