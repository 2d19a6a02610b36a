#include "indexer/story/story_stage.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/sentences.hpp"
#include "common/extract/annotator.hpp"
#include "common/extract/story/lead.hpp"
#include "common/extract/story/similarity.hpp"
#include "common/schema.hpp"
#include "common/store/database.hpp"
#include "common/store/document_builder.hpp"
#include "indexer/formats/format.hpp"
#include "tests/support/paths.hpp"

namespace nds = newsdig;
namespace story = newsdig::indexer::story;
namespace bdata = boost::unit_test::data;

namespace {

class Collect final : public nds::formats::ArticleSink {
 public:
  void article(nds::Article article) override { articles.push_back(std::move(article)); }
  void skip(nds::formats::Diagnostic) override {}
  void warn(nds::formats::Diagnostic) override {}
  std::vector<nds::Article> articles;
};

// The articles of corpus files, read, annotated and built as the indexer does.
struct Built {
  nds::Article article;
  Xapian::Document document;
};

std::vector<Built> build(const std::vector<std::string>& corpus_files, nds::formats::Format format) {
  nds::analysis::Analyzer analyzer;
  nds::extract::Annotator annotator;
  std::vector<Built> built;
  for (const auto& name : corpus_files) {
    const auto path = nds::test::corpus_dir() / name;
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Collect sink;
    nds::formats::read_input(format, {bytes, name, name}, sink);
    for (auto& article : sink.articles) {
      annotator.annotate(article);
      auto document = nds::store::build_document(article, analyzer, {});
      built.push_back({std::move(article), std::move(document)});
    }
  }
  return built;
}

std::string story_of(const Xapian::Document& document) {
  return document.get_value(nds::schema::slot_number(nds::schema::Slot::Story));
}

// Runs the stage over `built` in order; returns each article's key and checks term and value agree.
std::vector<std::string> assign_all(story::StoryStage& stage, std::vector<Built>& built) {
  std::vector<std::string> keys;
  for (auto& b : built) {
    auto prepared = stage.prepare(b.article, b.document);
    stage.assign(prepared, b.document);
    keys.push_back(story_of(b.document));
    const std::string term = nds::schema::make_term(nds::schema::prefix::kStory, keys.back());
    auto it = b.document.termlist_begin();
    it.skip_to(term);
    BOOST_TEST((it != b.document.termlist_end() && *it == term), "no story term " << term);
  }
  return keys;
}

const std::vector<std::string> kSeeds = {"seeds/000_56ec079a7a28b595.txt", "seeds/002_e0ec6849fc1fbacb.txt"};
const std::vector<std::string> kOthers = {"text/brindle_bay_bridge.txt",
                                          "text/vellano_orchard_cooperative.txt"};

std::vector<Built> seeds_and_others() {
  auto built = build({kSeeds[0], kOthers[0]}, nds::formats::Format::Text);
  auto more = build({kSeeds[1], kOthers[1]}, nds::formats::Format::Text);
  std::move(more.begin(), more.end(), std::back_inserter(built));
  auto wire = build({"jsonl/wire.jsonl"}, nds::formats::Format::Jsonl);
  std::move(wire.begin(), wire.end(), std::back_inserter(built));
  return built;
}

// `built` with a copy of `original`'s article under another id appended: a wire copy reprinted.
void append_copy(std::vector<Built>& built, const Built& original) {
  nds::analysis::Analyzer analyzer;
  nds::Article copy = original.article;
  copy.id += "-reprint";
  auto document = nds::store::build_document(copy, analyzer, {});
  built.push_back({std::move(copy), std::move(document)});
}

struct MemoryCase {
  std::size_t memory;
  bool joined;
};
std::ostream& operator<<(std::ostream& out, const MemoryCase& c) {
  return out << "memory " << c.memory;
}
// Seed 0, the bridge, then seed 2: seed 0 is still held with room for two articles, gone with room for one
// (and its story with it: story lists are trimmed once per `memory` articles).
const MemoryCase kMemoryCases[] = {{1, false}, {2, true}, {20000, true}};

}  // namespace

BOOST_AUTO_TEST_SUITE(story_stage)

BOOST_AUTO_TEST_CASE(features_leave_function_words_and_said_out) {
  nds::analysis::Analyzer analyzer;
  nds::Article article;
  article.id = "stop";
  article.body = "The leaders said the summit was over.";
  const auto features =
      story::document_features(nds::store::build_document(article, analyzer, {}), article.id);
  auto has_stem = [&](std::string_view stem) {
    return std::any_of(features.terms.begin(), features.terms.end(),
                       [&](const auto& term) { return nds::schema::all_text_stem(term.first) == stem; });
  };
  BOOST_TEST(has_stem("summit"));
  BOOST_TEST(!has_stem("the"));
  BOOST_TEST(!has_stem("said"));
}

BOOST_DATA_TEST_CASE(an_article_joins_only_stories_of_the_articles_held_in_memory, bdata::make(kMemoryCases),
                     c) {
  auto built = build({kSeeds[0], kOthers[0], kSeeds[1], kOthers[1]}, nds::formats::Format::Text);
  story::StorySettings settings;
  settings.memory = c.memory;
  story::StoryStage stage(settings, std::nullopt);
  const auto keys = assign_all(stage, built);
  BOOST_TEST((keys[2] == keys[0]) == c.joined);
  BOOST_TEST(stage.stats().joined == (c.joined ? 1U : 0U));
  std::set<std::string> distinct(keys.begin(), keys.end());
  BOOST_TEST(distinct.size() == (c.joined ? 3U : 4U));
}

BOOST_DATA_TEST_CASE(a_copy_is_found_through_its_fingerprint_while_the_original_is_held,
                     bdata::make(kMemoryCases), c) {
  // No query terms: the fingerprint's bands are the only way to a candidate.
  auto built = build({kSeeds[0], kOthers[0]}, nds::formats::Format::Text);
  append_copy(built, built[0]);
  story::StorySettings settings;
  settings.memory = c.memory;
  settings.query_terms = 0;
  story::StoryStage stage(settings, std::nullopt);
  const auto keys = assign_all(stage, built);
  BOOST_TEST((keys[2] == keys[0]) == c.joined);
  BOOST_TEST(stage.stats().near_duplicates == (c.joined ? 1U : 0U));
}

BOOST_AUTO_TEST_CASE(the_two_seed_reports_share_a_story_and_unrelated_articles_do_not) {
  auto built = seeds_and_others();
  story::StoryStage stage({}, std::nullopt);
  const auto keys = assign_all(stage, built);
  BOOST_REQUIRE(keys.size() >= 6U);
  // Input order: seed 0, bridge, seed 2, orchard, then the wire articles.
  BOOST_TEST(keys[0] == keys[2]);
  std::set<std::string> distinct(keys.begin(), keys.end());
  BOOST_TEST(distinct.size() == keys.size() - 1);
  BOOST_TEST(stage.stats().joined == 1U);
}

BOOST_AUTO_TEST_CASE(the_event_probability_joins_the_seed_reports_and_no_other_pair) {
  // Seed 0, the bridge, seed 2, the orchard: of the six pairs only the seeds' (one event) reach the
  // threshold.
  auto built = build({kSeeds[0], kOthers[0], kSeeds[1], kOthers[1]}, nds::formats::Format::Text);
  nds::analysis::Analyzer analyzer;
  nds::analysis::SentenceOptions options;
  options.line_breaks = nds::analysis::LineBreaks::Wrapped;
  nds::analysis::SentenceSplitter sentences(options);
  std::vector<nds::extract::story::StoryFeatures> features;
  std::vector<nds::extract::story::Profile> profiles;
  for (const auto& b : built) {
    features.push_back(story::document_features(b.document, b.article.id));
    nds::extract::story::add_lead(b.article, "en", analyzer, sentences, features.back());
    profiles.push_back(
        nds::extract::story::make_profile(features.back(), [](std::string_view) { return 1.0; }, {}));
  }
  const double threshold = story::StorySettings{}.threshold;
  for (std::size_t x = 0; x < built.size(); ++x) {
    for (std::size_t y = x + 1; y < built.size(); ++y) {
      const double score =
          nds::extract::story::same_story_score(features[x], profiles[x], features[y], profiles[y], {});
      BOOST_TEST_INFO("articles " << x << " and " << y << ": " << score);
      BOOST_TEST((score >= threshold) == (x == 0 && y == 2));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_new_story_takes_a_key_made_from_the_first_article_id) {
  auto built = seeds_and_others();
  story::StoryStage stage({}, std::nullopt);
  const auto keys = assign_all(stage, built);
  BOOST_TEST(keys[0] == story::new_story_key(built[0].article.id));
  BOOST_TEST(keys[0].size() == 16U);
  BOOST_TEST(keys[1] == story::new_story_key(built[1].article.id));
}

BOOST_AUTO_TEST_CASE(the_same_input_gives_the_same_keys) {
  auto first = seeds_and_others();
  auto second = seeds_and_others();
  story::StoryStage a({}, std::nullopt);
  story::StoryStage b({}, std::nullopt);
  BOOST_TEST(assign_all(a, first) == assign_all(b, second), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_further_apart_than_the_window_start_separate_stories) {
  auto built = build(kSeeds, nds::formats::Format::Text);
  built[0].document.add_value(nds::schema::slot_number(nds::schema::Slot::PubDate), "20140922");
  built[1].document.add_value(nds::schema::slot_number(nds::schema::Slot::PubDate), "20141010");
  story::StoryStage stage({}, std::nullopt);
  const auto keys = assign_all(stage, built);
  BOOST_TEST(keys[0] != keys[1]);
}

BOOST_AUTO_TEST_CASE(a_threshold_above_every_score_keeps_each_article_alone) {
  auto built = build(kSeeds, nds::formats::Format::Text);
  story::StorySettings settings;
  settings.threshold = 1.0;
  story::StoryStage stage(settings, std::nullopt);
  const auto keys = assign_all(stage, built);
  BOOST_TEST(keys[0] != keys[1]);
}

BOOST_AUTO_TEST_CASE(an_article_joins_a_story_of_the_existing_database_found_through_the_index) {
  nds::test::TempDir dir;
  const std::string db = (dir / "db").string();
  auto built = seeds_and_others();
  {
    // The first run: everything but the second seed.
    nds::store::Writer writer(db);
    story::StoryStage stage({}, std::nullopt);
    for (std::size_t i = 0; i < built.size(); ++i) {
      if (i == 2) continue;
      auto prepared = stage.prepare(built[i].article, built[i].document);
      stage.assign(prepared, built[i].document);
      writer.replace(nds::store::id_term(built[i].article.id), built[i].document);
    }
    writer.close();
  }
  story::StoryStage stage({}, Xapian::Database(db));
  auto prepared = stage.prepare(built[2].article, built[2].document);
  stage.assign(prepared, built[2].document);
  BOOST_TEST(story_of(built[2].document) == story_of(built[0].document));
  BOOST_TEST(stage.stats().from_database == 1U);
}

BOOST_AUTO_TEST_CASE(an_article_reindexed_keeps_its_story_key) {
  nds::test::TempDir dir;
  const std::string db = (dir / "db").string();
  auto built = build(kSeeds, nds::formats::Format::Text);
  {
    nds::store::Writer writer(db);
    story::StoryStage stage({}, std::nullopt);
    for (auto& b : built) {
      auto prepared = stage.prepare(b.article, b.document);
      stage.assign(prepared, b.document);
      writer.replace(nds::store::id_term(b.article.id), b.document);
    }
    writer.close();
  }
  auto again = build({kSeeds[1]}, nds::formats::Format::Text);
  story::StoryStage stage({}, Xapian::Database(db));
  auto prepared = stage.prepare(again[0].article, again[0].document);
  stage.assign(prepared, again[0].document);
  BOOST_TEST(story_of(again[0].document) == story_of(built[1].document));
}

BOOST_AUTO_TEST_SUITE_END()
