#include "common/extract/story/lead.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/fold.hpp"
#include "common/analysis/sentences.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"
#include "common/util/hash.hpp"

namespace nds = newsdig;
namespace st = newsdig::extract::story;
namespace bdata = boost::unit_test::data;

namespace {

// The all-text term of a word as a built document holds it (its stem), read back as the story stage does.
std::string stem_term(const std::string& word) {
  static nds::analysis::Analyzer analyzer;
  nds::Article article;
  article.id = "one-word";
  article.body = word;
  const auto document = nds::store::build_document(article, analyzer, {});
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    if (nds::schema::all_text_stem(term)) return term;
  }
  throw std::logic_error("no all-text term for " + word);
}

nds::Entity person(const std::string& name) {
  nds::Entity entity;
  entity.type = nds::EntityType::Person;
  entity.name = name;
  entity.key = nds::analysis::fold_key(name);
  entity.count = 1;
  return entity;
}

// A fight report: the lead names the champion and his opponent; later paragraphs name others.
nds::Article fight(const std::string& opponent, const std::string& earlier_opponent) {
  nds::Article article;
  article.id = "fight-" + opponent;
  article.lang = "en";
  article.title = "Klitschko retains heavyweight titles";
  article.body = "Wladimir Klitschko stopped " + opponent +
                 " in the sixth round on Saturday to keep his belts. He was never in trouble.\n\n"
                 "The champion had beaten " +
                 earlier_opponent + " before, and promoters praised the crowd.";
  article.entities = {person("Wladimir Klitschko"), person(opponent), person(earlier_opponent)};
  return article;
}

st::StoryFeatures lead_of(const nds::Article& article) {
  nds::analysis::Analyzer analyzer;
  nds::analysis::SentenceOptions options;
  options.line_breaks = nds::analysis::LineBreaks::Wrapped;
  nds::analysis::SentenceSplitter sentences(options);
  st::StoryFeatures features;
  st::add_lead(article, "en", analyzer, sentences, features);
  return features;
}

bool has(const std::vector<std::string>& terms, const std::string& term) {
  return std::binary_search(terms.begin(), terms.end(), term);
}

bool has(const std::vector<std::uint64_t>& hashes, const std::string& term) {
  return std::binary_search(hashes.begin(), hashes.end(), nds::util::stable_hash64(term));
}

struct ConflictCase {
  std::string name;
  std::string opponent_a, earlier_a;  // the lead's opponent, and one named later
  std::string opponent_b, earlier_b;
  bool conflict;
};
std::ostream& operator<<(std::ostream& out, const ConflictCase& c) {
  return out << c.name;
}
const ConflictCase kConflictCases[] = {
    {"different opponents, neither named by the other", "Tony Thompson", "Eddie Chambers", "Hasim Rahman",
     "Ray Austin", true},
    {"the same fight", "Tony Thompson", "Eddie Chambers", "Tony Thompson", "Ray Austin", false},
    {"one names the other's opponent further down", "Tony Thompson", "Hasim Rahman", "Hasim Rahman",
     "Ray Austin", false},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(lead)

BOOST_AUTO_TEST_CASE(the_lead_is_the_title_and_the_first_sentence_of_the_body) {
  const auto features = lead_of(fight("Tony Thompson", "Hasim Rahman"));
  BOOST_TEST(has(features.lead_terms, stem_term("retains")));     // title
  BOOST_TEST(has(features.lead_terms, stem_term("sixth")));       // first sentence
  BOOST_TEST(!has(features.lead_terms, stem_term("trouble")));    // second sentence
  BOOST_TEST(!has(features.lead_terms, stem_term("promoters")));  // second paragraph
  BOOST_TEST(std::is_sorted(features.lead_terms.begin(), features.lead_terms.end()));
}

BOOST_AUTO_TEST_CASE(people_of_the_lead_are_known_by_their_surnames_and_every_person_is_named) {
  const auto features = lead_of(fight("Tony Thompson", "Hasim Rahman"));
  BOOST_TEST(features.lead_people.size() == 2U);
  BOOST_TEST(has(features.lead_people, stem_term("Thompson")));
  BOOST_TEST(has(features.lead_people, stem_term("Klitschko")));
  BOOST_TEST(!has(features.lead_people, stem_term("Rahman")));  // named only in the second paragraph
  BOOST_TEST(has(features.named_people, stem_term("Rahman")));
  BOOST_TEST(has(features.named_people, stem_term("Hasim")));
  BOOST_TEST(!has(features.named_people, stem_term("promoters")));
}

BOOST_AUTO_TEST_CASE(an_article_without_a_body_has_its_title_as_lead) {
  nds::Article article;
  article.id = "title-only";
  article.title = "Indian navy captures 23 pirates";
  const auto features = lead_of(article);
  BOOST_TEST(has(features.lead_terms, stem_term("pirates")));
  BOOST_TEST(features.lead_people.empty());
}

BOOST_DATA_TEST_CASE(reports_whose_leads_name_people_the_other_never_names_conflict,
                     bdata::make(kConflictCases), c) {
  const auto a = lead_of(fight(c.opponent_a, c.earlier_a));
  const auto b = lead_of(fight(c.opponent_b, c.earlier_b));
  BOOST_TEST(st::people_conflict(a, b) == c.conflict);
  BOOST_TEST(st::people_conflict(b, a) == c.conflict);
}

BOOST_AUTO_TEST_CASE(a_conflict_lowers_the_score_and_lead_terms_weigh_more) {
  auto a = lead_of(fight("Tony Thompson", "Eddie Chambers"));
  auto b = lead_of(fight("Hasim Rahman", "Ray Austin"));
  for (auto* f : {&a, &b}) {
    for (const auto& word : {"Klitschko", "heavyweight", "round", "promoters"})
      f->terms.emplace_back(stem_term(word), 1U);
    std::sort(f->terms.begin(), f->terms.end());
  }
  const auto flat_idf = [](std::string_view) { return 1.0; };
  const auto pa = st::make_profile(a, flat_idf, {});
  const auto pb = st::make_profile(b, flat_idf, {});
  auto weight = [&](const std::string& word) {
    auto it = std::find_if(pa.begin(), pa.end(), [&](const auto& w) { return w.term == stem_term(word); });
    BOOST_REQUIRE(it != pa.end());
    return it->weight;
  };
  BOOST_TEST(std::abs(weight("round") / weight("promoters") - st::ProfileSettings{}.lead_boost) < 1e-9);
  st::ScoreSettings settings;
  const double conflicting = st::same_story_score(a, pa, b, pb, settings);
  settings.event.people_conflict = 0;
  const double unweighed = st::same_story_score(a, pa, b, pb, settings);
  // The conflict's weight is taken off the log-odds.
  auto log_odds = [](double p) { return std::log(p / (1 - p)); };
  BOOST_TEST(conflicting < unweighed);
  BOOST_TEST(std::abs(log_odds(unweighed) - log_odds(conflicting) + st::EventWeights{}.people_conflict) <
             1e-6);
}

BOOST_AUTO_TEST_SUITE_END()
