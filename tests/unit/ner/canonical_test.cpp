#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/extract/ner/canonical.hpp"
#include "common/extract/ner/tokenizer.hpp"

namespace ner = newsdig::extract::ner;
using newsdig::EntityType;

namespace {

ner::Mention mention(EntityType type, std::string_view text) {
  std::vector<ner::Token> tokens;
  std::vector<ner::Sentence> sentences;
  ner::tokenize(text, tokens, sentences);
  ner::Mention out;
  out.type = type;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    out.words.push_back(tokens[i].form);
    out.joined.push_back(i > 0 && tokens[i].begin == tokens[i - 1].end ? 1 : 0);
  }
  return out;
}

// The canonical name of every mention, in order.
std::vector<std::string> names(const std::vector<ner::Mention>& mentions) {
  auto result = ner::canonicalize(mentions);
  std::vector<std::string> out;
  for (std::size_t entity : result.entity_of) {
    out.push_back(entity < result.entities.size() ? result.entities[entity].name : "<none>");
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(canonical)

BOOST_AUTO_TEST_CASE(strips_titles_and_possessives_from_persons) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Prime Minister Shinzo Abe", "Shinzo Abe"},
      {"Russian President Vladimir Putin", "Vladimir Putin"},
      {"President Putin", "Putin"},
      {"Mr. Abe", "Abe"},
      {"former Prime Minister Yoshiro Mori", "Yoshiro Mori"},
      {"Abe 's", "Abe"},
      {"Abe", "Abe"},
      {"President", "President"},
  };
  for (const auto& [text, expected] : cases) {
    BOOST_TEST(ner::display_name(ner::clean_mention(mention(EntityType::Person, text))) == expected,
               "mention: " << text);
  }
  BOOST_TEST(ner::display_name(ner::clean_mention(mention(EntityType::Org, "the Foreign Ministry"))) ==
             "Foreign Ministry");
  BOOST_TEST(ner::display_name(ner::clean_mention(mention(EntityType::Org, "President Trading Co"))) ==
                 "President Trading Co",
             "titles are stripped from persons only");
}

BOOST_AUTO_TEST_CASE(joins_a_surname_or_given_name_to_the_full_name) {
  std::vector<ner::Mention> mentions = {
      mention(EntityType::Person, "Abe"),        mention(EntityType::Person, "Prime Minister Shinzo Abe"),
      mention(EntityType::Person, "Putin"),      mention(EntityType::Person, "Vladimir Putin"),
      mention(EntityType::Person, "Xi Jinping"), mention(EntityType::Person, "Xi"),
      mention(EntityType::Person, "Lavrov"),
  };
  BOOST_TEST(
      names(mentions) == (std::vector<std::string>{"Shinzo Abe", "Shinzo Abe", "Vladimir Putin",
                                                   "Vladimir Putin", "Xi Jinping", "Xi Jinping", "Lavrov"}),
      boost::test_tools::per_element());
  auto result = ner::canonicalize(mentions);
  BOOST_TEST(result.entities.size() == 4U);
  BOOST_TEST(result.entities[0].name == "Shinzo Abe");
  BOOST_TEST(result.entities[0].count == 2U);
  BOOST_TEST(result.entities[0].aliases == std::vector<std::string>{"Abe"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_name_tagged_with_two_types_takes_the_majority_type) {
  std::vector<ner::Mention> mentions = {mention(EntityType::Person, "Shinzo Abe"),
                                        mention(EntityType::Org, "Abe"),
                                        mention(EntityType::Person, "Abe"),
                                        mention(EntityType::Place, "Crimea"),
                                        mention(EntityType::Org, "Crimea"),
                                        mention(EntityType::Place, "Crimea"),
                                        mention(EntityType::Person, "George Washington"),
                                        mention(EntityType::Place, "Washington")};
  auto result = ner::canonicalize(mentions);
  std::vector<std::string> described;
  for (std::size_t entity : result.entity_of) {
    const auto& e = result.entities[entity];
    described.push_back(std::to_string(static_cast<int>(e.type)) + " " + e.name);
  }
  // EntityType order: Person 0, Org 1, Place 2.
  BOOST_TEST(
      described == (std::vector<std::string>{"0 Shinzo Abe", "0 Shinzo Abe", "0 Shinzo Abe", "2 Crimea",
                                             "2 Crimea", "2 Crimea", "0 George Washington", "2 Washington"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_surname_joins_the_most_mentioned_of_two_full_names) {
  std::vector<ner::Mention> mentions = {
      mention(EntityType::Person, "Jeb Bush"), mention(EntityType::Person, "George Bush"),
      mention(EntityType::Person, "George Bush"), mention(EntityType::Person, "Bush")};
  BOOST_TEST(names(mentions).back() == "George Bush");
}

BOOST_AUTO_TEST_CASE(joins_a_near_miss_spelling_to_the_majority_spelling) {
  std::vector<ner::Mention> mentions = {
      mention(EntityType::Person, "Vladmir Putin"),    mention(EntityType::Person, "Vladimir Putin"),
      mention(EntityType::Person, "Vladimir Putin"),   mention(EntityType::Person, "Putin"),
      mention(EntityType::Person, "Vladimir Potanin"), mention(EntityType::Person, "Ed Putin")};
  BOOST_TEST(
      names(mentions) == (std::vector<std::string>{"Vladimir Putin", "Vladimir Putin", "Vladimir Putin",
                                                   "Vladimir Putin", "Vladimir Potanin", "Ed Putin"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(joins_a_long_name_to_its_acronym) {
  std::vector<ner::Mention> mentions = {mention(EntityType::Org, "Asia-Pacific Economic Cooperation"),
                                        mention(EntityType::Org, "APEC"),
                                        mention(EntityType::Misc, "Asia-Pacific Economic Cooperation"),
                                        mention(EntityType::Org, "U.N."),
                                        mention(EntityType::Org, "United Nations"),
                                        mention(EntityType::Org, "Bank of Japan"),
                                        mention(EntityType::Org, "BOJ"),
                                        mention(EntityType::Org, "European Union")};
  BOOST_TEST(names(mentions) == (std::vector<std::string>{"APEC", "APEC", "APEC", "U.N.", "U.N.", "BOJ",
                                                          "BOJ", "European Union"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(prefers_the_articles_own_case_to_headline_capitals) {
  std::vector<ner::Mention> mentions = {mention(EntityType::Person, "SHINZO ABE"),
                                        mention(EntityType::Person, "Shinzo Abe")};
  BOOST_TEST(names(mentions) == (std::vector<std::string>{"Shinzo Abe", "Shinzo Abe"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(corrects_a_misspelt_full_name_to_a_well_known_one) {
  ner::KnownNames known;
  known.add("Vladimir Putin", 300);
  known.add("Vladimir Potanin", 20);
  known.add("Shinzo Abe", 300);
  std::vector<ner::Mention> mentions = {
      mention(EntityType::Person, "Vladmir Putin"), mention(EntityType::Person, "Putin"),
      mention(EntityType::Person, "Shinzo Abe"), mention(EntityType::Person, "Vladimir Putn"),
      mention(EntityType::Person, "Jane Putin")};
  auto result = ner::canonicalize(mentions, &known);
  std::vector<std::string> out;
  for (std::size_t entity : result.entity_of) out.push_back(result.entities[entity].name);
  BOOST_TEST(out == (std::vector<std::string>{"Vladimir Putin", "Vladimir Putin", "Shinzo Abe",
                                              "Vladimir Putn", "Jane Putin"}),
             boost::test_tools::per_element());
  BOOST_TEST(known.nearest(std::vector<std::string>{"vladimir", "putin"}) == nullptr, "known names stay");
}

BOOST_AUTO_TEST_CASE(never_corrects_a_spelling_the_news_uses_often) {
  ner::KnownNames known;
  known.add("Yoshiko Mori", 40);
  ner::WordClusters vocabulary;
  vocabulary.add("Yoshiro", {1, 2, 3});
  std::vector<ner::Mention> mentions = {mention(EntityType::Person, "Yoshiro Mori"),
                                        mention(EntityType::Person, "Yoshiso Mori")};
  auto without = ner::canonicalize(mentions, &known);
  BOOST_TEST(without.entities.front().name == "Yoshiko Mori");
  auto with = ner::canonicalize(std::span(mentions).first(1), &known, &vocabulary);
  BOOST_TEST(with.entities.front().name == "Yoshiro Mori");
}

BOOST_AUTO_TEST_CASE(a_person_goes_by_the_surname_or_a_leading_family_name) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Vladimir Putin", "Putin"},    {"Xi Jinping", "Xi"},  {"Park Geun-hye", "Park"}, {"Abe", ""},
      {"Martin Luther King", "King"}, {"Kim Jong-un", "Kim"}};
  for (const auto& [name, expected] : cases) {
    BOOST_TEST(ner::short_name(ner::name_words(name)) == expected, name);
  }
}

BOOST_AUTO_TEST_CASE(measures_edit_distance) {
  const std::vector<std::tuple<std::string, std::string, std::size_t>> cases = {{"vladimir", "vladmir", 1},
                                                                                {"putin", "putin", 0},
                                                                                {"", "abc", 3},
                                                                                {"kitten", "sitting", 3},
                                                                                {"abe", "", 3}};
  for (const auto& [a, b, distance] : cases)
    BOOST_TEST(ner::edit_distance(a, b) == distance, a << " / " << b);
}

BOOST_AUTO_TEST_SUITE_END()
