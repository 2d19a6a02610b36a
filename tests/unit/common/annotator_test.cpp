#include <algorithm>
#include <string>

#include <boost/test/unit_test.hpp>

#include "common/extract/annotator.hpp"

using newsdig::Article;
using newsdig::EntityType;

namespace {

// Sentences in the shape of the Reuters seed (corpus/seeds/002...), dated the day after its Monday.
Article reuters_like() {
  Article article;
  article.id = "t";
  article.date = "2014-09-23";
  article.title = "Japan, Russia leaders to meet on APEC sidelines in November";
  article.body =
      "Japanese Prime Minister Shinzo Abe will meet Russian President Vladmir Putin on the sidelines of the "
      "Asia-Pacific Economic Cooperation forum in Beijing in November, an official said on Monday.\n\n"
      "Putin and Abe last held talks in February in Sochi.";
  return article;
}

bool has_entity(const Article& article, EntityType type, const std::string& key) {
  return std::any_of(article.entities.begin(), article.entities.end(),
                     [&](const newsdig::Entity& entity) { return entity.type == type && entity.key == key; });
}

bool has_mention(const Article& article, const std::string& value) {
  return std::any_of(article.mentions.begin(), article.mentions.end(),
                     [&](const newsdig::DateMention& mention) { return mention.value == value; });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(annotator)

BOOST_AUTO_TEST_CASE(finds_people_places_and_organisations_with_canonical_keys) {
  Article article = reuters_like();
  newsdig::extract::Annotator annotator;
  annotator.annotate(article);
  BOOST_TEST(has_entity(article, EntityType::Person, "shinzo abe"));
  BOOST_TEST(has_entity(article, EntityType::Place, "beijing"));
  BOOST_TEST(has_entity(article, EntityType::Org, "apec"));
  // "Vladmir" is the source's slip; the short "Putin" mention must still reach the person.
  BOOST_TEST(has_entity(article, EntityType::Person, "putin"));
}

BOOST_AUTO_TEST_CASE(resolves_relative_dates_against_the_publication_date) {
  Article article = reuters_like();
  newsdig::extract::Annotator annotator;
  annotator.annotate(article);
  BOOST_TEST(has_mention(article, "2014-09-22"));  // "on Monday", published Tuesday 2014-09-23
  BOOST_TEST(has_mention(article, "2014-11"));     // "in November"
  for (const auto& mention : article.mentions) {
    const std::string& text = mention.field == "title" ? article.title : article.body;
    BOOST_TEST(text.substr(mention.start, mention.end - mention.start) == mention.text);
  }
}

BOOST_AUTO_TEST_CASE(keeps_no_value_for_relative_dates_without_a_publication_date) {
  Article article = reuters_like();
  article.date.clear();
  newsdig::extract::Annotator annotator;
  annotator.annotate(article);
  BOOST_TEST(!has_mention(article, "2014-09-22"));
}

BOOST_AUTO_TEST_CASE(annotating_twice_gives_the_same_result) {
  Article once = reuters_like();
  newsdig::extract::Annotator annotator;
  annotator.annotate(once);
  Article twice = once;
  annotator.annotate(twice);
  BOOST_TEST(once.entities.size() == twice.entities.size());
  BOOST_TEST(once.mentions.size() == twice.mentions.size());
}

BOOST_AUTO_TEST_SUITE_END()
