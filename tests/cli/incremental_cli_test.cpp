// Incremental runs (issue 6): re-running over the same sources changes nothing, a changed article is
// replaced, --prune deletes the articles of inputs that are gone; the XIN term and content hash they use.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <xapian.h>
#include <boost/test/unit_test.hpp>

#include "common/schema.hpp"
#include "tests/cli/index_support.hpp"

using namespace newsdig::test;
namespace fs = std::filesystem;
namespace schema = newsdig::schema;

namespace {

// A copy of corpus/ (9 articles: 2 seeds, 2 text files, 5 JSON lines) to change.
struct CorpusCopy {
  TempDir dir;
  fs::path corpus = dir / "corpus";
  fs::path db = dir / "db";
  CorpusCopy() { fs::copy(corpus_dir(), corpus, fs::copy_options::recursive); }
};

// "newsdig-index: A added, R replaced, U unchanged, D deleted"
std::string changes(std::size_t added, std::size_t replaced, std::size_t unchanged, std::size_t deleted) {
  return std::to_string(added) + " added, " + std::to_string(replaced) + " replaced, " +
         std::to_string(unchanged) + " unchanged, " + std::to_string(deleted) + " deleted";
}

std::set<std::string> terms_with_prefix(const fs::path& db, std::string_view prefix) {
  Xapian::Database database(db.string());
  std::set<std::string> terms;
  const std::string start(prefix);
  for (auto it = database.allterms_begin(start); it != database.allterms_end(start); ++it) terms.insert(*it);
  return terms;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(incremental_cli)

BOOST_AUTO_TEST_CASE(
    a_rerun_over_the_same_sources_leaves_every_article_unchanged_and_the_database_as_it_was) {
  CorpusCopy copy;
  auto first = run_index({"--db", copy.db.string(), copy.corpus.string()});
  BOOST_TEST(first.exit_code == 0, first.err);
  BOOST_TEST(first.err.find(changes(9, 0, 0, 0)) != std::string::npos, first.err);
  Xapian::rev revision = Xapian::Database(copy.db.string()).get_revision();
  const auto ids = indexed(copy.db).ids;

  auto again =
      run_index({"--db", copy.db.string(), "--report", (copy.dir / "r.json").string(), copy.corpus.string()});
  BOOST_TEST(again.exit_code == 0, again.err);
  BOOST_TEST(again.err.find("9 articles seen: 9 indexed, 0 skipped") != std::string::npos, again.err);
  BOOST_TEST(again.err.find(changes(0, 0, 9, 0)) != std::string::npos, again.err);
  Xapian::Database database(copy.db.string());
  BOOST_TEST(database.get_revision() == revision);
  BOOST_TEST(database.get_doccount() == 9U);
  BOOST_TEST(indexed(copy.db).ids == ids);
  const auto report = read_report(copy.dir / "r.json");
  BOOST_TEST(report.at("articles").at("unchanged") == 9);
  BOOST_TEST(report.at("articles").at("added") == 0);
  BOOST_TEST(report.at("articles").at("replaced") == 0);
  BOOST_TEST(report.at("articles").at("deleted") == 0);
}

BOOST_AUTO_TEST_CASE(each_article_carries_its_input_file_and_a_content_hash) {
  CorpusCopy copy;
  BOOST_TEST(run_index({"--db", copy.db.string(), copy.corpus.string()}).exit_code == 0);
  const std::string root = fs::canonical(copy.corpus).string();
  const std::string in(schema::prefix::kInput);
  BOOST_TEST(terms_with_prefix(copy.db, in) ==
             (std::set<std::string>{
                 in + root + "/jsonl/wire.jsonl", in + root + "/seeds/000_56ec079a7a28b595.txt",
                 in + root + "/seeds/002_e0ec6849fc1fbacb.txt", in + root + "/text/brindle_bay_bridge.txt",
                 in + root + "/text/vellano_orchard_cooperative.txt"}));
  Xapian::Database database(copy.db.string());
  BOOST_TEST(database.get_termfreq(in + root + "/jsonl/wire.jsonl") == 5U);
  std::set<std::string> hashes;
  for (auto it = database.postlist_begin(""); it != database.postlist_end(""); ++it) {
    const auto hash = database.get_document(*it).get_value(schema::slot_number(schema::Slot::ContentHash));
    BOOST_TEST(hash.size() == 16U);
    hashes.insert(hash);
  }
  BOOST_TEST(hashes.size() == 9U);

  // Standard input has no input file; an archive member's input file is the archive.
  ProcessOptions options;
  options.input = "{\"id\":\"s1\",\"title\":\"Lighthouse keeper retires\"}\n";
  BOOST_TEST(
      run_index({"--db", (copy.dir / "stdin").string(), "--format", "jsonl", "-"}, options).exit_code == 0);
  BOOST_TEST(terms_with_prefix(copy.dir / "stdin", in).empty());
}

BOOST_AUTO_TEST_CASE(an_edited_article_is_replaced_and_the_others_stay_unchanged) {
  CorpusCopy copy;
  BOOST_TEST(run_index({"--db", copy.db.string(), copy.corpus.string()}).exit_code == 0);
  std::ofstream(copy.corpus / "text" / "brindle_bay_bridge.txt", std::ios::app)
      << "\nA correction: the ribbon was cut by the harbourmaster's zebrafish.\n";
  auto result = run_index({"--db", copy.db.string(), copy.corpus.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find(changes(0, 1, 8, 0)) != std::string::npos, result.err);
  BOOST_TEST(found(copy.db, "zebrafish") == std::set<std::string>{"corpus/text/brindle_bay_bridge.txt"});
  BOOST_TEST(Xapian::Database(copy.db.string()).get_doccount() == 9U);
}

BOOST_AUTO_TEST_CASE(a_new_file_is_added_to_an_existing_database) {
  CorpusCopy copy;
  BOOST_TEST(run_index({"--db", copy.db.string(), copy.corpus.string()}).exit_code == 0);
  write_file(copy.corpus / "text" / "new.txt", story("Dock strike ends", "dock"));
  auto result = run_index({"--db", copy.db.string(), copy.corpus.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find(changes(1, 0, 9, 0)) != std::string::npos, result.err);
  BOOST_TEST(found(copy.db, "dock") == std::set<std::string>{"corpus/text/new.txt"});
}

BOOST_AUTO_TEST_CASE(prune_deletes_the_articles_of_a_deleted_file_and_only_with_prune) {
  CorpusCopy copy;
  BOOST_TEST(run_index({"--db", copy.db.string(), copy.corpus.string()}).exit_code == 0);
  fs::remove(copy.corpus / "text" / "brindle_bay_bridge.txt");
  auto kept = run_index({"--db", copy.db.string(), copy.corpus.string()});
  BOOST_TEST(kept.err.find(changes(0, 0, 8, 0)) != std::string::npos, kept.err);
  BOOST_TEST(Xapian::Database(copy.db.string()).get_doccount() == 9U);

  auto pruned = run_index({"--db", copy.db.string(), "--prune", copy.corpus.string()});
  BOOST_TEST(pruned.exit_code == 0, pruned.err);
  BOOST_TEST(pruned.err.find(changes(0, 0, 8, 1)) != std::string::npos, pruned.err);
  BOOST_TEST(Xapian::Database(copy.db.string()).get_doccount() == 8U);
  BOOST_TEST(found(copy.db, "id:corpus/text/brindle_bay_bridge.txt").empty());
}

BOOST_AUTO_TEST_CASE(prune_deletes_an_article_a_file_no_longer_holds) {
  CorpusCopy copy;
  BOOST_TEST(run_index({"--db", copy.db.string(), copy.corpus.string()}).exit_code == 0);
  // The feed loses its last line: that article is gone, the other four are unchanged (an article's origin
  // holds its line number: one that moves to another line is replaced).
  const auto feed = copy.corpus / "jsonl" / "wire.jsonl";
  auto lines = read_file(feed);
  const auto last = lines.rfind('\n', lines.size() - 2) + 1;
  const auto last_id = nlohmann::json::parse(lines.substr(last)).at("id").get<std::string>();
  write_file(feed, lines.substr(0, last));
  auto result = run_index({"--db", copy.db.string(), "--prune", copy.corpus.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find(changes(0, 0, 8, 1)) != std::string::npos, result.err);
  BOOST_TEST(found(copy.db, "id:" + last_id).empty());
  BOOST_TEST(Xapian::Database(copy.db.string()).get_doccount() == 8U);
}

BOOST_AUTO_TEST_CASE(prune_keeps_what_is_outside_the_given_roots_and_articles_of_damaged_inputs) {
  CorpusCopy copy;
  // Ids come from the directory named, so each run names the same ones.
  const auto text = (copy.corpus / "text").string();
  const auto seeds = (copy.corpus / "seeds").string();
  const auto jsonl = (copy.corpus / "jsonl").string();
  BOOST_TEST(run_index({"--db", copy.db.string(), text, seeds, jsonl}).exit_code == 0);
  fs::remove(copy.corpus / "seeds" / kKyodoSeed.substr(kKyodoSeed.rfind('/') + 1));
  // Only text/ is named: the seed deleted elsewhere stays.
  auto result = run_index({"--db", copy.db.string(), "--prune", text});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find(changes(0, 0, 2, 0)) != std::string::npos, result.err);
  BOOST_TEST(Xapian::Database(copy.db.string()).get_doccount() == 9U);

  // A feed whose line became malformed: the run skips it and keeps its old article rather than guess.
  const auto feed = copy.corpus / "jsonl" / "wire.jsonl";
  auto lines = read_file(feed);
  write_file(feed, "{\"id\": broken\n" + lines.substr(lines.find('\n') + 1));
  auto damaged = run_index({"--db", copy.db.string(), "--prune", jsonl});
  BOOST_TEST(damaged.exit_code == 1, damaged.err);
  BOOST_TEST(damaged.err.find(changes(0, 0, 4, 0)) != std::string::npos, damaged.err);
  BOOST_TEST(found(copy.db, "id:cw-2024-0311-001").size() == 1U);
}

BOOST_AUTO_TEST_CASE(turning_extraction_off_replaces_the_articles_it_annotated) {
  CorpusCopy copy;
  BOOST_TEST(run_index({"--db", copy.db.string(), copy.corpus.string()}).exit_code == 0);
  auto result = run_index({"--db", copy.db.string(), "--no-extract", copy.corpus.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find(changes(0, 9, 0, 0)) != std::string::npos, result.err);
  BOOST_TEST(found(copy.db, "person:putin").empty());
}

BOOST_AUTO_TEST_SUITE_END()
