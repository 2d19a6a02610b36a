#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/analysis/fold.hpp"

using newsdig::analysis::fold_key;

BOOST_AUTO_TEST_SUITE(fold)

BOOST_AUTO_TEST_CASE(folds_names_to_one_key) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Vladimir Putin", "vladimir putin"},
      {"vladimir  putin", "vladimir putin"},
      {"  Vladímir Pútin ", "vladimir putin"},
      {"Shinzo-Abe", "shinzo abe"},
      {"U.S.", "us"},
      {"Zürich", "zurich"},
      {"STRAßE", "strasse"},
      {"ＡＰＥＣ", "apec"},
      {"O'Brien", "obrien"},
      {"O’Brien", "obrien"},
      {"Asia-Pacific Economic Cooperation", "asia pacific economic cooperation"},
      {"北京", "北京"},
      {"서울", "서울"},
      {"", ""},
      {"--", ""},
  };
  for (const auto& [name, key] : cases) BOOST_TEST(fold_key(name) == key, "fold_key(" << name << ")");
}

BOOST_AUTO_TEST_CASE(never_throws_on_ill_formed_utf8) {
  BOOST_CHECK_NO_THROW(fold_key("Abe\xff\xfe Putin"));
  BOOST_TEST(fold_key("Abe\xff Putin").find("abe") == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
