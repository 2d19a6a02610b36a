#include <filesystem>
#include <fstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "common/store/database.hpp"
#include "common/store/layout.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
namespace store = newsdig::store;
using newsdig::test::TempDir;

namespace {

// A stand-in database: a directory with a version file naming which one it is.
void make_database(const std::string& path, const std::string& name) {
  fs::create_directories(path);
  std::ofstream(fs::path(path) / "iamglass") << name;
}

std::string name_of(const std::string& path) {
  std::ifstream in(fs::path(path) / "iamglass");
  std::string name;
  in >> name;
  return name;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layout)

BOOST_AUTO_TEST_CASE(companions_are_named_after_the_normalized_database_path) {
  struct Case {
    std::string db;
    std::string live;
  };
  const Case cases[] = {{"news.db", "news.db"}, {"news.db/", "news.db"}, {"./x/../news.db", "news.db"}};
  for (const auto& c : cases) {
    const auto layout = store::layout_of(c.db);
    BOOST_TEST(layout.live == c.live, c.db);
    BOOST_TEST(layout.fresh == c.live + ".new");
    BOOST_TEST(layout.previous == c.live + ".previous");
    BOOST_TEST(layout.lock == c.live + ".lock");
  }
}

BOOST_AUTO_TEST_CASE(first_swap_makes_the_new_database_live_with_no_previous) {
  TempDir dir;
  const auto layout = store::layout_of((dir / "news.db").string());
  make_database(layout.fresh, "one");
  store::swap_in(layout);
  BOOST_TEST(name_of(layout.live) == "one");
  BOOST_TEST(!fs::exists(layout.fresh));
  BOOST_TEST(!fs::exists(layout.previous));
}

BOOST_AUTO_TEST_CASE(swap_keeps_the_replaced_database_as_previous_and_drops_an_older_one) {
  TempDir dir;
  const auto layout = store::layout_of((dir / "news.db").string());
  make_database(layout.live, "two");
  make_database(layout.previous, "one");
  make_database(layout.fresh, "three");
  store::swap_in(layout);
  BOOST_TEST(name_of(layout.live) == "three");
  BOOST_TEST(name_of(layout.previous) == "two");
  BOOST_TEST(!fs::exists(layout.fresh));
}

BOOST_AUTO_TEST_CASE(rollback_exchanges_live_and_previous_so_a_second_one_returns) {
  TempDir dir;
  const auto layout = store::layout_of((dir / "news.db").string());
  make_database(layout.live, "new");
  make_database(layout.previous, "old");
  store::roll_back(layout);
  BOOST_TEST(name_of(layout.live) == "old");
  BOOST_TEST(name_of(layout.previous) == "new");
  store::roll_back(layout);
  BOOST_TEST(name_of(layout.live) == "new");
}

BOOST_AUTO_TEST_CASE(rollback_without_a_previous_database_is_refused_and_changes_nothing) {
  TempDir dir;
  const auto layout = store::layout_of((dir / "news.db").string());
  make_database(layout.live, "only");
  BOOST_CHECK_THROW(store::roll_back(layout), store::StoreError);
  BOOST_TEST(name_of(layout.live) == "only");
}

BOOST_AUTO_TEST_SUITE_END()
