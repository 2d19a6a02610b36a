#include <fstream>
#include <map>
#include <set>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/cli/archive_writer.hpp"
#include "tests/cli/index_support.hpp"

using namespace newsdig::test;

namespace {

std::size_t count_all(const std::filesystem::path& db) {
  auto result = run_search({"--db", db.string(), "--format", "jsonl", "-n", "100000", "*"});
  return hit_ids(result.out).size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(index_cli)

BOOST_AUTO_TEST_CASE(indexes_the_sample_corpus_and_exits_zero) {
  TempDir dir;
  auto result = run_index({"--db", (dir / "db").string(), corpus_dir().string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.out.empty());  // stdout is for results only
  BOOST_TEST(result.err.find(" indexed, 0 skipped") != std::string::npos, result.err);
  BOOST_TEST(count_all(dir / "db") >= 2U);
}

BOOST_AUTO_TEST_CASE(reindexing_the_same_files_replaces_instead_of_duplicating) {
  TempDir dir;
  auto db = (dir / "db").string();
  BOOST_TEST(run_index({"--db", db, corpus_dir().string()}).exit_code == 0);
  auto first = count_all(db);
  BOOST_TEST(run_index({"--db", db, corpus_dir().string()}).exit_code == 0);
  BOOST_TEST(count_all(db) == first);
}

BOOST_AUTO_TEST_CASE(skips_a_malformed_json_line_names_it_and_indexes_the_rest) {
  TempDir dir;
  write_file(dir / "in" / "feed.jsonl",
             "{\"id\":\"a\",\"title\":\"Harbour crane toppled\",\"body\":\"A crane fell.\"}\n"
             "{\"id\":\"b\",\"title\": broken\n"
             "{\"id\":\"c\",\"title\":\"Ferry service resumes\",\"body\":\"Ferries run again.\"}\n");
  auto result = run_index({"--db", (dir / "db").string(), (dir / "in").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("feed.jsonl:2:") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("3 articles seen: 2 indexed, 1 skipped") != std::string::npos, result.err);
  auto found = run_search({"--db", (dir / "db").string(), "--format", "jsonl", "ferry OR crane"});
  BOOST_TEST(id_set(found.out) == (std::set<std::string>{"a", "c"}));
}

BOOST_AUTO_TEST_CASE(skips_a_binary_file_with_its_reason) {
  TempDir dir;
  write_file(dir / "in" / "story.txt", "Dock strike ends\n\nWorkers returned on Friday.\n");
  write_file(dir / "in" / "image.dat", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto result = run_index({"--db", (dir / "db").string(), (dir / "in").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("image.dat") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("binary") != std::string::npos, result.err);
  BOOST_TEST(count_all(dir / "db") == 1U);
}

BOOST_AUTO_TEST_CASE(reports_a_missing_path_and_goes_on) {
  TempDir dir;
  auto missing = (dir / "nowhere").string();
  auto result = run_index({"--db", (dir / "db").string(), missing, corpus_dir().string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find(missing) != std::string::npos, result.err);
  BOOST_TEST(count_all(dir / "db") >= 2U);
}

BOOST_AUTO_TEST_CASE(reads_standard_input_as_dash) {
  TempDir dir;
  ProcessOptions options;
  options.input = "{\"id\":\"s1\",\"title\":\"Lighthouse keeper retires\"}\n";
  auto result = run_index({"--db", (dir / "db").string(), "--format", "jsonl", "-"}, options);
  BOOST_TEST(result.exit_code == 0, result.err);
  auto found = run_search({"--db", (dir / "db").string(), "--format", "jsonl", "lighthouse"});
  BOOST_TEST(hit_ids(found.out) == (std::vector<std::string>{"s1"}));
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_two) {
  BOOST_TEST(run_index({}).exit_code == 2);
  BOOST_TEST(run_index({"--format", "xml", "x"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(a_database_that_cannot_be_written_is_fatal) {
  TempDir dir;
  write_file(dir / "not-a-dir", "plain file");
  auto result = run_index({"--db", (dir / "not-a-dir").string(), corpus_dir().string()});
  BOOST_TEST(result.exit_code == 2, result.err);
  BOOST_TEST(result.err.find("not-a-dir") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(every_bad_input_is_reported_and_counted_and_every_good_article_is_searchable) {
  TempDir dir;
  const auto in = dir / "in";
  write_file(in / "feed.jsonl",
             "{\"id\":\"j1\",\"title\":\"Harbour crane toppled\",\"body\":\"A crane fell.\"}\n"
             "{\"id\":\"j2\",\"title\": broken\n"
             "{\"id\":\"j3\",\"title\":\"Ferry service resumes\",\"body\":\"Ferries run again.\"}\n");
  write_file(in / "image.dat", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(in / "empty.txt", "  \n\n");
  write_file(in / "huge.txt", story("Giant report", "giant") + std::string(3000, 'x') + "\n");
  write_file(in / "good.txt", story("Lighthouse keeper retires", "lighthouse"));
  auto truncated = make_archive(ArchiveKind::TarGz, {{"ok.txt", story("Dock strike ends", "dock")},
                                                     {"cut.txt", std::string(100000, 'q')}});
  truncated.resize(truncated.size() - 20);
  write_file(in / "cut.tar.gz", truncated);
  std::filesystem::create_symlink(in / "nowhere.txt", in / "dangling.txt");
  auto result = run_index({"--db", (dir / "db").string(), "--max-article-bytes", "2000", "--report",
                           (dir / "report.json").string(), in.string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.out.empty());
  BOOST_TEST(result.err.find("10 articles seen: 4 indexed, 6 skipped") != std::string::npos, result.err);
  BOOST_TEST(found(dir / "db", "crane OR ferry OR lighthouse OR dock OR giant") ==
             (std::set<std::string>{"j1", "j3", "in/good.txt", "in/cut.tar.gz!ok.txt"}));

  auto report = read_report(dir / "report.json");
  BOOST_TEST(report.at("version") == 1);
  BOOST_TEST(report.at("exit_status") == 1);
  BOOST_TEST(report.at("articles").at("seen") == 10);
  BOOST_TEST(report.at("articles").at("indexed") == 4);
  BOOST_TEST(report.at("articles").at("skipped") == 6);
  std::map<std::string, std::string> reasons;
  for (const auto& skipped : report.at("skipped")) {
    auto origin = skipped.at("origin").get<std::string>();
    if (skipped.at("line") != 0) origin += ":" + std::to_string(skipped.at("line").get<int>());
    reasons[origin.substr(in.string().size() + 1)] = skipped.at("reason").get<std::string>();
  }
  BOOST_TEST(reasons.size() == 6U);
  BOOST_TEST(reasons["feed.jsonl:2"].find("malformed JSON") != std::string::npos);
  BOOST_TEST(reasons["image.dat"].find("binary") != std::string::npos);
  BOOST_TEST(reasons["empty.txt"].find("empty") != std::string::npos);
  BOOST_TEST(reasons["huge.txt"].find("--max-article-bytes 2000") != std::string::npos);
  BOOST_TEST(reasons["cut.tar.gz!cut.txt"].find("damaged archive") != std::string::npos);
  BOOST_TEST(reasons["dangling.txt"].find("dangling symbolic link") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(walks_directories_keeping_only_what_the_globs_allow) {
  TempDir dir;
  const auto in = dir / "in";
  write_file(in / "a.txt", story("Harbour crane toppled", "crane"));
  write_file(in / "feed.jsonl", "{\"id\":\"j\",\"title\":\"Ferry service resumes\"}\n");
  write_file(in / "sub" / "c.txt", story("Dock strike ends", "dock"));
  write_file(in / "drafts" / "d.txt", story("Lighthouse keeper retires", "lighthouse"));
  auto result =
      run_index({"--db", (dir / "db").string(), "--include", "*.txt", "--exclude", "drafts", in.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  const auto ids = indexed(dir / "db").ids;
  BOOST_TEST(std::set<std::string>(ids.begin(), ids.end()) ==
             (std::set<std::string>{"in/a.txt", "in/sub/c.txt"}));
  BOOST_TEST(result.err.find("left out 2 file(s), director(ies)") != std::string::npos, result.err);

  // A path named on the command line is read whatever the globs say.
  auto named =
      run_index({"--db", (dir / "db2").string(), "--include", "*.txt", (in / "feed.jsonl").string()});
  BOOST_TEST(named.exit_code == 0, named.err);
  BOOST_TEST(indexed(dir / "db2").ids == std::vector<std::string>{"j"});
}

BOOST_AUTO_TEST_CASE(a_symbolic_link_loop_is_walked_once_with_a_warning) {
  TempDir dir;
  const auto in = dir / "in";
  write_file(in / "a.txt", story("Harbour crane toppled", "crane"));
  write_file(in / "sub" / "b.txt", story("Ferry service resumes", "ferry"));
  std::filesystem::create_directory_symlink(in, in / "sub" / "back");
  std::filesystem::create_directory_symlink(in / "sub", in / "again");
  auto result = run_index({"--db", (dir / "db").string(), in.string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find("symbolic link loop") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("already walked") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("2 articles seen: 2 indexed, 0 skipped") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(a_long_json_lines_file_read_in_pieces_keeps_its_line_numbers) {
  TempDir dir;
  // Over the 4 MiB piece size, so the input stage cuts it; blank lines cost the readers nothing.
  std::string feed = "{\"id\":\"first\",\"title\":\"Harbour crane toppled\"}\n";
  const std::string blank(1023, ' ');
  std::size_t line = 1;
  while (feed.size() < (std::size_t{9} << 20)) {
    feed += blank + "\n";
    ++line;
  }
  feed += "{\"title\": broken\n";
  const std::size_t broken_line = ++line;
  feed += "{\"title\":\"Ferry service resumes\"}\n";
  write_file(dir / "feed.jsonl", feed);
  auto result = run_index({"--db", (dir / "db").string(), (dir / "feed.jsonl").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("feed.jsonl:" + std::to_string(broken_line) + ": error: malformed JSON") !=
                 std::string::npos,
             result.err);
  BOOST_TEST(found(dir / "db", "crane OR ferry") ==
             (std::set<std::string>{"first", "feed.jsonl#" + std::to_string(broken_line + 1)}));
}

BOOST_AUTO_TEST_CASE(the_same_inputs_give_the_same_document_order) {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    write_file(dir / "in" / ("story" + std::to_string(i) + ".txt"),
               story("Harbour report " + std::to_string(i), "crane"));
  }
  BOOST_TEST(run_index({"--db", (dir / "db1").string(), "--threads", "3", (dir / "in").string()}).exit_code ==
             0);
  BOOST_TEST(run_index({"--db", (dir / "db2").string(), "--threads", "3", (dir / "in").string()}).exit_code ==
             0);
  const auto first = indexed(dir / "db1").ids;
  BOOST_TEST(first.size() == 40U);
  BOOST_TEST(first == indexed(dir / "db2").ids);
}

BOOST_AUTO_TEST_CASE(with_one_writer_documents_follow_the_input_order) {
  TempDir dir;
  for (char letter = 'a'; letter <= 'f'; ++letter) {
    write_file(dir / "in" / (std::string(1, letter) + ".txt"), story("Harbour report", "crane"));
  }
  write_file(dir / "in" / "sub" / "g.txt", story("Harbour report", "crane"));
  auto result =
      run_index({"--db", (dir / "db").string(), "--parts", "1", "--threads", "4", (dir / "in").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(indexed(dir / "db").ids ==
             (std::vector<std::string>{"in/a.txt", "in/b.txt", "in/c.txt", "in/d.txt", "in/e.txt", "in/f.txt",
                                       "in/sub/g.txt"}));
}

BOOST_AUTO_TEST_CASE(one_writer_and_several_shards_index_the_same_articles) {
  TempDir dir;
  for (int i = 0; i < 30; ++i) {
    write_file(dir / "in" / ("story" + std::to_string(i) + ".txt"),
               story("Harbour report " + std::to_string(i), "crane"));
  }
  // The same article twice in one run: replaced, not duplicated, whichever shard it lands in.
  write_file(dir / "in" / "twice.jsonl",
             "{\"id\":\"dup\",\"title\":\"Ferry service resumes\"}\n{\"id\":\"dup\",\"title\":\"Ferry "
             "service resumes again\"}\n");
  auto one = run_index({"--db", (dir / "one").string(), "--parts", "1", (dir / "in").string()});
  auto three =
      run_index({"--db", (dir / "three").string(), "--parts", "3", "--threads", "2", (dir / "in").string()});
  BOOST_TEST(one.exit_code == 0, one.err);
  BOOST_TEST(three.exit_code == 0, three.err);
  auto ids_one = indexed(dir / "one").ids;
  auto ids_three = indexed(dir / "three").ids;
  BOOST_TEST(ids_one.size() == 31U);
  BOOST_TEST(std::set<std::string>(ids_one.begin(), ids_one.end()) ==
             std::set<std::string>(ids_three.begin(), ids_three.end()));
  BOOST_TEST(!std::filesystem::exists(dir / "three.parts"));
  BOOST_TEST(found(dir / "one", "again") == std::set<std::string>{"dup"});
  BOOST_TEST(found(dir / "three", "again") == std::set<std::string>{"dup"});
}

BOOST_AUTO_TEST_CASE(compact_rewrites_the_database_and_keeps_every_article) {
  TempDir dir;
  const auto db = (dir / "db").string();
  BOOST_TEST(run_index({"--db", db, "--parts", "1", corpus_dir().string()}).exit_code == 0);
  const auto before = indexed(db).ids;
  auto result = run_index({"compact", "--db", db});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find("compacted " + db) != std::string::npos, result.err);
  BOOST_TEST(indexed(db).ids == before);
  BOOST_TEST(!std::filesystem::exists(db + ".compacting"));
  // The database stays writable after the swap.
  BOOST_TEST(run_index({"--db", db, corpus_dir().string()}).exit_code == 0);
  BOOST_TEST(indexed(db).ids.size() == before.size());
}

BOOST_AUTO_TEST_CASE(compact_without_a_database_says_what_to_do) {
  TempDir dir;
  auto result = run_index({"--db", (dir / "none").string(), "compact"});
  BOOST_TEST(result.exit_code == 2, result.err);
  BOOST_TEST(result.err.find("no database at") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(a_report_file_that_cannot_be_written_fails_before_indexing) {
  TempDir dir;
  auto result = run_index({"--db", (dir / "db").string(), "--report",
                           (dir / "no" / "such" / "r.json").string(), corpus_dir().string()});
  BOOST_TEST(result.exit_code == 2, result.err);
  BOOST_TEST(result.err.find("cannot write report") != std::string::npos, result.err);
  BOOST_TEST(!std::filesystem::exists(dir / "db"));
}

BOOST_AUTO_TEST_CASE(quiet_prints_only_the_summary) {
  TempDir dir;
  write_file(dir / "in" / "image.dat", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(dir / "in" / "a.txt", story("Harbour crane toppled", "crane"));
  auto result = run_index({"--db", (dir / "db").string(), "--quiet", (dir / "in").string()});
  BOOST_TEST(result.exit_code == 1, result.err);
  BOOST_TEST(result.err.find("error: binary") == std::string::npos, result.err);
  BOOST_TEST(result.err.find("2 articles seen: 1 indexed, 1 skipped") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("image.dat: skipped: binary") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(columns_and_delimiter_read_a_csv_file_without_a_header) {
  TempDir dir;
  write_file(dir / "export.dat",
             "c1;Harbour crane toppled;A crane fell on the quay.;grain\n"
             "c2;Ferry service resumes;\"Ferries run again; on time.\";ship\n");
  auto result = run_index({"--db", (dir / "db").string(), "--format", "csv", "--columns",
                           "id,title,body,topic", "--delimiter", ";", (dir / "export.dat").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find("2 articles seen: 2 indexed, 0 skipped") != std::string::npos, result.err);
  BOOST_TEST(found(dir / "db", "crane") == std::set<std::string>{"c1"});
  BOOST_TEST(found(dir / "db", "\"on time\"") == std::set<std::string>{"c2"});
  BOOST_TEST(found(dir / "db", "topic:ship") == std::set<std::string>{"c2"});

  // The same file without --columns: its first row is taken as the header, so one article is left.
  auto header = run_index(
      {"--db", (dir / "db2").string(), "--format", "csv", "--delimiter", ";", (dir / "export.dat").string()});
  BOOST_TEST(indexed(dir / "db2").ids.size() <= 1U, header.err);
}

BOOST_AUTO_TEST_CASE(tab_delimiter_and_a_left_out_column) {
  TempDir dir;
  write_file(dir / "feed.txt", "t1\tignored words\tDock strike ends\tWorkers returned.\n");
  auto result = run_index({"--db", (dir / "db").string(), "--format", "csv", "--columns", "id,-,title,body",
                           "--delimiter", "tab", (dir / "feed.txt").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(found(dir / "db", "dock") == std::set<std::string>{"t1"});
  BOOST_TEST(found(dir / "db", "ignored").empty());
}

BOOST_AUTO_TEST_CASE(every_format_of_the_table_is_a_format_choice) {
  const auto help = run_index({"--help"});
  BOOST_TEST(help.exit_code == 0);
  for (const std::string name :
       {"auto", "text", "jsonl", "reuters-text", "reuters21578", "trec", "csv", "tsv", "html"}) {
    BOOST_TEST(help.out.find("  " + name + ": ") != std::string::npos, name);
  }
  TempDir dir;
  write_file(dir / "story.dat", "<DOC><DOCNO>T-1</DOCNO><TEXT>Harbour crane toppled.</TEXT></DOC>\n");
  auto result = run_index({"--db", (dir / "db").string(), "--format", "TREC", (dir / "story.dat").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(found(dir / "db", "crane") == std::set<std::string>{"T-1"});
  BOOST_TEST(run_index({"--db", (dir / "db").string(), "--delimiter", "ab", "x"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(a_long_pretty_printed_json_file_is_read_whole_not_cut_into_lines) {
  TempDir dir;
  // One JSON document over many lines, longer than the 4 MiB pieces JSON Lines is cut into.
  std::string document = "[\n  {\"id\": \"first\", \"title\": \"Harbour crane toppled\"},\n";
  const std::string blank(1023, ' ');
  while (document.size() < (std::size_t{5} << 20)) document += blank + "\n";
  document += "  {\"id\": \"last\",\n   \"title\": \"Ferry service resumes\"}\n]\n";
  write_file(dir / "export.json", document);
  auto result = run_index({"--db", (dir / "db").string(), (dir / "export.json").string()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.err.find("2 articles seen: 2 indexed, 0 skipped") != std::string::npos, result.err);
  BOOST_TEST(found(dir / "db", "crane OR ferry") == (std::set<std::string>{"first", "last"}));
}

BOOST_AUTO_TEST_SUITE_END()
