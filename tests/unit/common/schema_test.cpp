#include <set>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/schema.hpp"

namespace nds = newsdig::schema;

BOOST_AUTO_TEST_SUITE(schema)

BOOST_AUTO_TEST_CASE(field_names_and_prefixes_are_unique) {
  std::set<std::string_view> names, prefixes;
  for (const auto& field : nds::kFields) {
    BOOST_TEST(names.insert(field.name).second, "duplicate field name " << field.name);
    if (field.prefix.empty()) {
      // Only entity: goes without terms of its own: it searches the four entity kinds' terms.
      BOOST_TEST(field.name == "entity");
      BOOST_TEST((field.part == nds::ArticlePart::Entities));
      continue;
    }
    BOOST_TEST(prefixes.insert(field.prefix).second, "duplicate prefix " << field.prefix);
  }
}

BOOST_AUTO_TEST_CASE(entity_searches_the_prefix_of_every_entity_kind) {
  const newsdig::EntityType types[] = {newsdig::EntityType::Person, newsdig::EntityType::Org,
                                       newsdig::EntityType::Place, newsdig::EntityType::Misc};
  BOOST_TEST(nds::kEntityPrefixes.size() == std::size(types));
  for (std::size_t i = 0; i < std::size(types); ++i) {
    BOOST_TEST(nds::kEntityPrefixes[i] == nds::entity_prefix(types[i]));
    const auto field = nds::find_field(nds::entity_type_name(types[i]));
    BOOST_TEST_REQUIRE(field.has_value());
    BOOST_TEST(field->prefix == nds::kEntityPrefixes[i]);
  }
}

BOOST_AUTO_TEST_CASE(no_prefix_is_the_start_of_another_single_letter_prefix_family) {
  // Omega convention: multi-letter prefixes start with X, so they cannot be read as a single-letter
  // prefix followed by a lower-case word.
  for (const auto& field : nds::kFields) {
    if (field.prefix.size() > 1) BOOST_TEST(field.prefix.front() == 'X', field.prefix);
  }
}

BOOST_AUTO_TEST_CASE(finds_fields_by_query_name) {
  BOOST_TEST(nds::find_field("title").has_value());
  BOOST_TEST(nds::find_field("title")->prefix == nds::prefix::kTitle);
  BOOST_TEST(!nds::find_field("Title").has_value());
  BOOST_TEST(!nds::find_field("nosuchfield").has_value());
}

BOOST_AUTO_TEST_CASE(multi_letter_prefix_gets_colon_before_upper_case_value) {
  BOOST_TEST(nds::make_term("XSRC", "Reuters") == "XSRC:Reuters");
  BOOST_TEST(nds::make_term("XSRC", "reuters") == "XSRCreuters");
  BOOST_TEST(nds::make_term("Q", "Abc") == "QAbc");
  BOOST_TEST(nds::make_term("", "abe") == "abe");
}

BOOST_AUTO_TEST_CASE(a_value_too_long_for_xapian_keeps_a_readable_head_and_a_hash_of_the_whole) {
  // An entity tagger once took a list of 20 company names for one name; Xapian refuses terms over 245 bytes.
  const std::string names =
      "acbel polytech inc acument global technologies advanced micro devices inc amperex technology ltd "
      "amphenol corporation analog devices inc anjie insulating material co ltd asahi kasei corporation "
      "au optronics corporation austria technologie systemtechnik ag";
  const auto term = nds::make_term(nds::prefix::kOrg, names);
  BOOST_TEST(term.size() <= nds::kMaxTermBytes);
  BOOST_TEST(term.rfind("XORGacbel polytech inc", 0) == 0U);
  BOOST_TEST(term == nds::make_term(nds::prefix::kOrg, names));  // the query side gets the same term
  BOOST_TEST(term != nds::make_term(nds::prefix::kOrg, names + " inc"));
  BOOST_TEST(nds::make_term(nds::prefix::kOrg, "acbel polytech inc") == "XORGacbel polytech inc");
}

BOOST_AUTO_TEST_CASE(all_text_stem_tells_all_text_terms_from_field_and_boolean_terms) {
  BOOST_TEST(nds::all_text_stem("sanction").value() == "sanction");
  BOOST_TEST(nds::all_text_stem("2014").value() == "2014");
  BOOST_TEST(!nds::all_text_stem(nds::make_term(nds::prefix::kTitle, "sanction")).has_value());
  BOOST_TEST(!nds::all_text_stem(nds::make_term(nds::prefix::kPerson, "putin")).has_value());
  BOOST_TEST(!nds::all_text_stem("").has_value());
}

BOOST_AUTO_TEST_CASE(every_free_text_part_has_one_position_slot) {
  std::set<int> parts;
  for (const auto& plan : nds::kPositionOrder) {
    BOOST_TEST(parts.insert(static_cast<int>(plan.part)).second);
  }
  BOOST_TEST(!nds::field_for_part(nds::ArticlePart::Body).has_value());
  BOOST_TEST(nds::field_for_part(nds::ArticlePart::Title)->name == "title");
}

BOOST_AUTO_TEST_CASE(mention_values_cover_every_coarser_granularity) {
  BOOST_TEST(nds::mention_values("2014-09-21") ==
             (std::vector<std::string>{"2014-09-21", "2014-09", "2014"}));
  BOOST_TEST(nds::mention_values("2014-09") == (std::vector<std::string>{"2014-09", "2014"}));
  BOOST_TEST(nds::mention_values("2014-W38") == (std::vector<std::string>{"2014-W38", "2014"}));
  BOOST_TEST(nds::mention_values("1998") == (std::vector<std::string>{"1998"}));
  BOOST_TEST(nds::mention_values("PRESENT_REF").empty());
}

BOOST_AUTO_TEST_CASE(entity_types_round_trip_through_their_names) {
  for (auto type : {newsdig::EntityType::Person, newsdig::EntityType::Org, newsdig::EntityType::Place,
                    newsdig::EntityType::Misc}) {
    BOOST_TEST((nds::entity_type_from_name(nds::entity_type_name(type)) == type));
  }
  BOOST_TEST(!nds::entity_type_from_name("people").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
