#include <unistd.h>

#include <fstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "common/store/lock.hpp"
#include "tests/support/paths.hpp"

namespace store = newsdig::store;
using newsdig::test::TempDir;

BOOST_AUTO_TEST_SUITE(lock)

BOOST_AUTO_TEST_CASE(lock_file_sits_beside_the_database_whatever_its_spelling) {
  struct Case {
    std::string db;
    std::string lock;
  };
  const Case cases[] = {
      {"newsdig.db", "newsdig.db.lock"},
      {"newsdig.db/", "newsdig.db.lock"},
      {"/srv/news/./live.db", "/srv/news/live.db.lock"},
      {"a/b/../db", "a/db.lock"},
  };
  for (const auto& c : cases) BOOST_TEST(store::lock_path(c.db) == c.lock, c.db);
}

BOOST_AUTO_TEST_CASE(second_writer_fails_at_once_naming_the_holder) {
  TempDir dir;
  const std::string db = (dir / "news.db").string();
  store::WriteLock first(db, "rebuild");
  try {
    store::WriteLock second(db, "index");
    BOOST_FAIL("a second lock was granted");
  } catch (const store::LockedError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find("pid " + std::to_string(::getpid())) != std::string::npos, message);
    BOOST_TEST(message.find("newsdig-index rebuild") != std::string::npos, message);
    BOOST_TEST(message.find("--wait") != std::string::npos, message);
    BOOST_TEST_REQUIRE(e.holder().has_value());
    BOOST_TEST(e.holder()->pid == ::getpid());
    BOOST_TEST(e.holder()->command == "rebuild");
    BOOST_TEST(e.holder()->since.size() == 20U);  // 2026-11-24T02:00:03Z
  }
}

BOOST_AUTO_TEST_CASE(released_lock_is_free_and_names_nobody) {
  TempDir dir;
  const std::string db = (dir / "news.db").string();
  {
    store::WriteLock first(db, "compact");
    BOOST_TEST(store::read_lock_holder(first.path()).has_value());
  }
  BOOST_TEST(!store::read_lock_holder(store::lock_path(db)).has_value());
  store::WriteLock again(db, "index");
  BOOST_TEST(store::read_lock_holder(again.path())->command == "index");
}

BOOST_AUTO_TEST_CASE(stale_lock_file_of_a_dead_holder_does_not_block) {
  TempDir dir;
  const std::string db = (dir / "news.db").string();
  std::ofstream(store::lock_path(db)) << "999999 2026-01-01T00:00:00Z elsewhere index\n";
  store::WriteLock lock(db, "rebuild");
  BOOST_TEST(store::read_lock_holder(lock.path())->pid == ::getpid());
}

BOOST_AUTO_TEST_CASE(waiting_writer_gives_up_when_the_holder_keeps_the_lock) {
  TempDir dir;
  const std::string db = (dir / "news.db").string();
  store::WriteLock first(db, "index");
  BOOST_CHECK_EXCEPTION(
      store::WriteLock(db, "rollback", 1), store::LockedError, [](const store::LockedError& e) {
        return std::string(e.what()).find("still locked after waiting 1 s") != std::string::npos;
      });
}

BOOST_AUTO_TEST_CASE(missing_directory_is_an_error_not_a_lock) {
  TempDir dir;
  BOOST_CHECK_THROW(store::WriteLock((dir / "no/such/dir/news.db").string(), "index"), store::StoreError);
}

BOOST_AUTO_TEST_SUITE_END()
