#include "indexer/shards.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include "common/schema.hpp"
#include "common/store/shards.hpp"

namespace newsdig::indexer {
namespace {

namespace fs = std::filesystem;

// The stub comment recording the routing: "# newsdig-shard-by: year".
constexpr std::string_view kShardByNote = "newsdig-shard-by";
constexpr std::string_view kUndated = "shard-undated";

bool is_glass_database(const fs::path& directory) {
  std::error_code error;
  return fs::exists(directory / "iamglass", error);
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether `name` is a shard directory name that routing `by` makes.
bool routed_name(std::string_view name, ShardBy by) {
  if (name == kUndated) return true;
  if (!name.starts_with("shard-")) return false;
  name.remove_prefix(6);
  if (by == ShardBy::Year) return name.size() == 4 && all_digits(name);
  return name.size() == 7 && name[4] == '-' && all_digits(name.substr(0, 4)) && all_digits(name.substr(5));
}

// The shard of a publication date slot value ("YYYYMMDD..."; empty when the article has no date).
std::string date_shard_name(const std::string& date, ShardBy by) {
  if (date.size() < 6 || !all_digits(std::string_view(date).substr(0, 6))) return std::string(kUndated);
  if (by == ShardBy::Year) return "shard-" + date.substr(0, 4);
  return "shard-" + date.substr(0, 4) + "-" + date.substr(4, 2);
}

// The writers of a sharded run, opened as they are needed, and what date routing has to undo: the ids
// that may have a copy left in another shard (the live database held another version, or this run
// routed the id elsewhere before).
class ShardWriters {
 public:
  explicit ShardWriters(const ShardLayout& layout) : layout_(layout) {}

  store::Writer& open(const std::string& name) {
    auto& writer = writers_[name];
    if (!writer) {
      writer = std::make_unique<store::Writer>((fs::path(layout_.directory) / name).string(),
                                               store::WriterOptions{true});
    }
    return *writer;
  }

  store::Writer* route(const std::string& unique_term, const Xapian::Document& document, bool replaces) {
    const std::string name =
        date_shard_name(document.get_value(schema::slot_number(schema::Slot::PubDate)), layout_.by);
    store::Writer* writer = &open(name);
    auto [it, first] = destination_.try_emplace(unique_term, name);
    if (replaces || (!first && it->second != name)) moved_.insert(unique_term);
    it->second = name;
    return writer;
  }

  // Opens the shards this run has not written to.
  void open_all() {
    for (const auto& name : layout_.names) open(name);
  }

  // Deletes the other copies of every id that may have moved: each stays only in the shard this run
  // wrote it to.
  void remove_moved() {
    if (moved_.empty()) return;
    open_all();
    for (const auto& term : moved_) {
      const std::string& keep = destination_.at(term);
      for (auto& [name, writer] : writers_) {
        if (name != keep) writer->remove(term);
      }
    }
  }

  // Every shard's name, those the database had and those this run made, sorted (the stub's order).
  std::vector<std::string> names() const {
    std::set<std::string> names(layout_.names.begin(), layout_.names.end());
    for (const auto& entry : writers_) names.insert(entry.first);
    return {names.begin(), names.end()};
  }

  std::map<std::string, std::unique_ptr<store::Writer>>& writers() { return writers_; }

 private:
  const ShardLayout& layout_;
  std::map<std::string, std::unique_ptr<store::Writer>> writers_;
  std::unordered_map<std::string, std::string> destination_;  // unique term -> shard, of this run
  std::unordered_set<std::string> moved_;
};

void write_layout_stub(const ShardLayout& layout, const std::vector<std::string>& names) {
  std::vector<store::ShardSource> sources;
  for (const auto& name : names) {
    store::ShardSource source;
    source.path = name;
    sources.push_back(source);
  }
  store::write_stub(layout.stub, sources, {{std::string(kShardByNote), shard_by_name(layout.by)}});
}

}  // namespace

bool is_sharded(const std::string& db) {
  std::error_code error;
  return fs::is_directory(db, error) && fs::is_regular_file(fs::path(db) / store::kStubFileName, error);
}

std::string shard_by_name(ShardBy by) {
  switch (by) {
    case ShardBy::Year: return "year";
    case ShardBy::Month: return "month";
    case ShardBy::Default:
    case ShardBy::Hash: break;
  }
  return "hash";
}

ShardBy recorded_shard_by(const std::string& stub) {
  const std::string recorded = store::read_stub_note(stub, kShardByNote);
  if (recorded == "year") return ShardBy::Year;
  if (recorded == "month") return ShardBy::Month;
  return ShardBy::Hash;
}

ShardLayout shard_layout(const std::string& db, unsigned count, ShardBy by) {
  ShardLayout layout;
  layout.directory = db;
  layout.stub = (fs::path(db) / store::kStubFileName).string();
  std::error_code error;
  if (is_sharded(db)) {
    const ShardBy recorded = recorded_shard_by(layout.stub);
    if (by != ShardBy::Default && by != recorded) {
      throw store::StoreError(db + " is sharded by " + shard_by_name(recorded) + ", not by " +
                              shard_by_name(by) + ": pass --shard-by " + shard_by_name(recorded) +
                              " (or leave it out), or index into a new --db");
    }
    layout.by = recorded;
    const auto sources = store::read_stub(layout.stub);
    for (unsigned i = 0; i < sources.size(); ++i) {
      const bool ours = sources[i].kind == store::ShardSource::Kind::Local &&
                        (recorded == ShardBy::Hash ? sources[i].path == store::shard_directory_name(i)
                                                   : routed_name(sources[i].path, recorded));
      if (!ours) {
        throw store::StoreError(
            layout.stub + " does not list the shards newsdig-index writes (" +
            (recorded == ShardBy::Hash ? "shard-000, shard-001... in order" : "shard-PERIOD, shard-undated") +
            "): index into a new --db directory");
      }
      layout.names.push_back(sources[i].path);
    }
    if (recorded != ShardBy::Hash && count != 0) {
      throw store::StoreError(db + " has one shard per " + shard_by_name(recorded) +
                              ": leave out --shards, or index into a new --db");
    }
    if (recorded == ShardBy::Hash && count != 0 && count != sources.size()) {
      throw store::StoreError(db + " has " + std::to_string(sources.size()) + " shards, not " +
                              std::to_string(count) + ": pass --shards " + std::to_string(sources.size()) +
                              " (an article's shard depends on the count), or index into a new --db");
    }
    layout.exists = true;
    return layout;
  }
  if (is_glass_database(db)) {
    throw store::StoreError(db + " is a single database, not a sharded one: index with --shards or " +
                            "--shard-by into a new --db directory (or leave them out)");
  }
  if (fs::exists(db, error) && !fs::is_empty(db, error)) {
    throw store::StoreError(db + " exists and is not a newsdig database: give --shards an empty or new --db");
  }
  layout.by = by == ShardBy::Default ? ShardBy::Hash : by;
  if (layout.by == ShardBy::Hash) {
    if (count == 0) throw store::StoreError("--shard-by hash needs --shards N (how many shards)");
    for (unsigned i = 0; i < count; ++i) layout.names.push_back(store::shard_directory_name(i));
  } else if (count != 0) {
    throw store::StoreError("--shards does not go with --shard-by " + shard_by_name(layout.by) +
                            ": the shards are one per " + shard_by_name(layout.by) +
                            ", made as articles of each arrive");
  }
  return layout;
}

void index_into_shards(const std::vector<std::string>& paths, std::istream& standard_input,
                       PipelineSettings settings, const ShardLayout& layout, Report& report,
                       InputTotals& totals, const std::function<void(store::Writer&)>& each_shard) {
  std::error_code error;
  fs::create_directories(layout.directory, error);
  if (error) throw store::StoreError("cannot create " + layout.directory + ": " + error.message());
  ShardWriters writers(layout);
  std::vector<store::Writer*> pointers;
  if (layout.by == ShardBy::Hash) {
    for (const auto& name : layout.names) pointers.push_back(&writers.open(name));
    settings.shards = static_cast<unsigned>(pointers.size());
  } else {
    settings.route = [&writers](const std::string& unique_term, const Xapian::Document& document,
                                bool replaces) { return writers.route(unique_term, document, replaces); };
  }
  run_pipeline(paths, standard_input, settings, pointers, report, totals);
  writers.remove_moved();
  if (each_shard) {
    writers.open_all();
    for (auto& entry : writers.writers()) each_shard(*entry.second);
  }
  for (auto& entry : writers.writers()) entry.second->close();
  const std::vector<std::string> names = writers.names();
  if (!names.empty()) write_layout_stub(layout, names);
}

}  // namespace newsdig::indexer
