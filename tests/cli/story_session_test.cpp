// The interactive session's :story N and :back (searcher/interactive), driven through a pseudo-terminal:
// the two seed reports of one event, dated and fed newest first, open as one story listed oldest first.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/cli/cli_support.hpp"
#include "tests/cli/session_support.hpp"

using namespace newsdig::test;

namespace {

// A seed article as a JSON Lines record: its first line is the title, the rest the body.
std::string seed_record(const std::string& seed, const std::string& id, const std::string& date) {
  std::ifstream in(source_dir() / seed);
  std::string title;
  std::getline(in, title);
  std::ostringstream body;
  body << in.rdbuf();
  return nlohmann::json({{"id", id}, {"title", title}, {"body", body.str()}, {"date", date}}).dump() + "\n";
}

// The two seeds as dated copies, the Reuters one (a day later) first in the input, so that date order and
// input order differ.
const std::string& story_db() {
  static TempDir dir;
  static const std::string db = [] {
    const auto feed = dir / "dated.jsonl";
    std::ofstream(feed) << seed_record(kReutersSeed, "dated-reuters", "2014-09-23")
                        << seed_record(kKyodoSeed, "dated-kyodo", "2014-09-22");
    auto path = (dir / "story.db").string();
    auto result = run_index({"--db", path, feed.string()});
    if (result.exit_code != 0) throw std::runtime_error("indexing the dated seeds failed: " + result.err);
    return path;
  }();
  return db;
}

bool before(const std::string& screen, const std::string& first, const std::string& second) {
  const auto a = screen.find(first);
  const auto b = screen.find(second);
  return a != std::string::npos && b != std::string::npos && a < b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(story_session_cli)

BOOST_AUTO_TEST_CASE(story_n_lists_the_story_of_hit_n_oldest_first_and_back_returns_to_the_results) {
  TempDir home;
  Terminal terminal(home, story_db());
  terminal.session.wait_for(kPrompt);

  const std::string results = terminal.enter("Putin APEC");
  BOOST_TEST(results.find("+1 related report") != std::string::npos, results);
  BOOST_TEST(results.find("2.  ") == std::string::npos, results);

  const std::string story = terminal.enter(":story 1");
  BOOST_TEST(story.find("+1 related report") == std::string::npos, story);
  BOOST_TEST(story.find("2.  ") != std::string::npos, story);
  BOOST_TEST(before(story, "id dated-kyodo", "id dated-reuters"), story);
  BOOST_TEST(before(story, "2014-09-22", "2014-09-23"), story);

  const std::string back = terminal.enter(":back");
  BOOST_TEST(back.find("+1 related report") != std::string::npos, back);
  BOOST_TEST(back.find("2.  ") == std::string::npos, back);

  BOOST_TEST(terminal.quit() == 0);
}

BOOST_AUTO_TEST_CASE(story_and_back_misused_say_why_and_the_session_goes_on) {
  TempDir home;
  Terminal terminal(home, story_db());
  terminal.session.wait_for(kPrompt);

  BOOST_TEST(terminal.enter(":story 1").find("no query yet") != std::string::npos);
  BOOST_TEST(terminal.enter(":back").find("nothing to go back to") != std::string::npos);
  terminal.enter("Putin APEC");
  BOOST_TEST(terminal.enter(":story 9").find("there is no hit 9") != std::string::npos);
  BOOST_TEST(terminal.enter(":story x").find(":story needs the number of a hit") != std::string::npos);
  BOOST_TEST(terminal.enter(":help").find(":story N") != std::string::npos);

  BOOST_TEST(terminal.quit() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
