#include "indexer/shards.hpp"

#include <filesystem>
#include <memory>
#include <system_error>

#include "common/store/database.hpp"
#include "common/store/shards.hpp"

namespace newsdig::indexer {
namespace {

namespace fs = std::filesystem;

bool is_glass_database(const fs::path& directory) {
  std::error_code error;
  return fs::exists(directory / "iamglass", error);
}

}  // namespace

bool is_sharded(const std::string& db) {
  std::error_code error;
  return fs::is_directory(db, error) && fs::is_regular_file(fs::path(db) / store::kStubFileName, error);
}

ShardLayout shard_layout(const std::string& db, unsigned count) {
  ShardLayout layout;
  layout.directory = db;
  layout.stub = (fs::path(db) / store::kStubFileName).string();
  std::error_code error;
  if (is_sharded(db)) {
    const auto sources = store::read_stub(layout.stub);
    for (unsigned i = 0; i < sources.size(); ++i) {
      if (sources[i].kind != store::ShardSource::Kind::Local ||
          sources[i].path != store::shard_directory_name(i)) {
        throw store::StoreError(layout.stub +
                                " does not list the shards newsdig-index writes (shard-000, "
                                "shard-001... in order): index into a new --db directory");
      }
    }
    if (count != 0 && count != sources.size()) {
      throw store::StoreError(db + " has " + std::to_string(sources.size()) + " shards, not " +
                              std::to_string(count) + ": pass --shards " + std::to_string(sources.size()) +
                              " (an article's shard depends on the count), or index into a new --db");
    }
    count = static_cast<unsigned>(sources.size());
    layout.exists = true;
  } else if (is_glass_database(db)) {
    throw store::StoreError(db +
                            " is a single database, not a sharded one: index with --shards into a new --db " +
                            "directory (or leave out --shards)");
  } else if (fs::exists(db, error) && !fs::is_empty(db, error)) {
    throw store::StoreError(db + " exists and is not a newsdig database: give --shards an empty or new --db");
  }
  if (count == 0) throw store::StoreError("--shards needs at least one shard");
  for (unsigned i = 0; i < count; ++i) {
    layout.shards.push_back((fs::path(db) / store::shard_directory_name(i)).string());
  }
  return layout;
}

void index_into_shards(const std::vector<std::string>& paths, std::istream& standard_input,
                       PipelineSettings settings, const ShardLayout& layout, Report& report,
                       InputTotals& totals) {
  std::error_code error;
  fs::create_directories(layout.directory, error);
  if (error) throw store::StoreError("cannot create " + layout.directory + ": " + error.message());
  std::vector<std::unique_ptr<store::Writer>> writers;
  std::vector<store::Writer*> pointers;
  for (const auto& shard : layout.shards) {
    writers.push_back(std::make_unique<store::Writer>(shard, store::WriterOptions{true}));
    pointers.push_back(writers.back().get());
  }
  settings.shards = static_cast<unsigned>(layout.shards.size());
  run_pipeline(paths, standard_input, settings, pointers, report, totals);
  for (auto& writer : writers) writer->close();
  if (!layout.exists) {
    std::vector<store::ShardSource> sources;
    for (unsigned i = 0; i < layout.shards.size(); ++i) {
      store::ShardSource source;
      source.path = store::shard_directory_name(i);
      sources.push_back(source);
    }
    store::write_stub(layout.stub, sources);
  }
}

}  // namespace newsdig::indexer
