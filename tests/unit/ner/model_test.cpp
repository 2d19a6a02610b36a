#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/extract/ner/features.hpp"
#include "common/extract/ner/model.hpp"
#include "common/extract/ner/tagger.hpp"

namespace ner = newsdig::extract::ner;

namespace {

std::vector<unsigned char> bytes_of(const std::string& text) {
  return {text.begin(), text.end()};
}

ner::Model small_model() {
  ner::Model model;
  model.description = "test";
  model.lexicon.clusters.add("Putin", {3, 17, 400});
  model.lexicon.gazetteer.add(std::vector<std::string>{"new", "york"}, 1U << 2);
  ner::Pass pass;
  pass.groups = ner::kWordFeatures;
  pass.transitions[5] = 1.5F;
  std::vector<std::uint64_t> keys = {11, 22, 33};
  std::vector<float> weights(keys.size() * ner::kLabels, 0.0F);
  weights[0 * ner::kLabels + 4] = 2.0F;
  weights[1 * ner::kLabels + 0] = -1.0F;
  weights[2 * ner::kLabels + 7] = 0.001F;  // pruned below
  pass.set_weights(keys, weights, 0.01F);
  model.passes.push_back(pass);
  return model;
}

// The real weight of a feature for a label (0 for an unknown feature).
float weight(const ner::Pass& pass, std::uint64_t key, std::size_t label) {
  const std::int16_t* row = pass.find(key);
  return row == nullptr ? 0.0F : static_cast<float>(row[label]) * pass.scale();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(model)

BOOST_AUTO_TEST_CASE(loads_the_built_in_model) {
  const ner::Model& model = ner::Model::embedded();
  BOOST_TEST(!model.passes.empty());
  BOOST_TEST(model.passes.front().features() > 10000U);
  BOOST_TEST(&model == &ner::Model::embedded(), "the model is read once and shared");
  BOOST_TEST(!model.description.empty());
}

BOOST_AUTO_TEST_CASE(writes_and_reads_back_the_same_model) {
  ner::Model model = small_model();
  BOOST_TEST(model.passes[0].features() == 2U, "the tiny weight is pruned");
  auto bytes = bytes_of(model.write());
  ner::Model read = ner::Model::read(bytes);
  BOOST_TEST(read.description == "test");
  BOOST_TEST_REQUIRE(read.passes.size() == 1U);
  const ner::Pass& pass = read.passes[0];
  BOOST_TEST(pass.groups == ner::kWordFeatures);
  BOOST_TEST(pass.transitions[5] == 1.5F);
  BOOST_TEST(weight(pass, 11, 4) == 2.0F, boost::test_tools::tolerance(1e-3F));
  BOOST_TEST(weight(pass, 22, 0) == -1.0F, boost::test_tools::tolerance(1e-3F));
  BOOST_TEST(pass.find(33) == nullptr);
  BOOST_TEST(pass.find(44) == nullptr);
  const ner::ClusterPath* path = read.lexicon.clusters.find(ner::hash_bytes("Putin"));
  ner::ClusterPath found = path != nullptr ? *path : ner::ClusterPath{};
  BOOST_TEST(found[2] == 400U);
  BOOST_TEST(read.lexicon.gazetteer.size() == 1U);
  BOOST_TEST(read.write() == model.write(), "writing is deterministic");
}

BOOST_AUTO_TEST_CASE(refuses_bytes_that_are_not_a_model) {
  const std::string good = small_model().write();
  std::string wrong_magic = good;
  wrong_magic[0] = static_cast<char>(wrong_magic[0] ^ 0x7f);
  std::string wrong_version = good;
  wrong_version[8] = static_cast<char>(wrong_version[8] ^ 0x40);
  auto truncated = bytes_of(good.substr(0, good.size() / 2));
  auto trailing = bytes_of(good + '\0');
  auto bad_magic = bytes_of(wrong_magic);
  auto bad_version = bytes_of(wrong_version);
  for (const auto* bytes : {&truncated, &bad_magic, &bad_version, &trailing}) {
    BOOST_CHECK_THROW(ner::Model::read(*bytes), std::runtime_error);
  }
  BOOST_CHECK_THROW(ner::Model::read(std::vector<unsigned char>{}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(tags_a_hand_written_document_with_the_built_in_model) {
  const std::vector<std::string_view> words = {"Toyota",    "Motor", "Corp",   "said",   "on",    "Tuesday",
                                               "it",        "would", "build",  "a",      "plant", "in",
                                               "Ohio",      ".",     "Angela", "Merkel", "met",   "French",
                                               "officials", "in",    "Paris",  "."};
  const std::vector<ner::Sentence> sentences = {{0, 14}, {14, 22}};
  ner::Tagger tagger(ner::Model::embedded());
  std::vector<ner::Label> labels;
  tagger.tag({words, sentences}, labels);
  using newsdig::EntityType;
  const std::vector<ner::TokenSpan> expected = {{0, 3, EntityType::Org},
                                                {12, 13, EntityType::Place},
                                                {14, 16, EntityType::Person},
                                                {17, 18, EntityType::Misc},
                                                {20, 21, EntityType::Place}};
  auto spans = ner::spans_from_labels(labels);
  BOOST_TEST_REQUIRE(spans.size() == expected.size());
  for (std::size_t i = 0; i < spans.size(); ++i) BOOST_TEST((spans[i] == expected[i]), "span " << i);
  // Sentences must tile the tokens.
  const std::vector<ner::Sentence> gap = {{0, 5}, {6, 22}};
  BOOST_CHECK_THROW(tagger.tag({words, gap}, labels), std::invalid_argument);
}

namespace {

// Words of two short made-up reports, with names repeated (what the second pass's features read).
const std::vector<std::string_view> kReportWords = {
    "Toyota",  "Motor",  "Corp", "said",   "on",        "Tuesday", "it",    "would", "build", "a",
    "plant",   "in",     "Ohio", ".",      "TOYOTA",    "SHARES",  "RISE",  "IN",    "TOKYO", ".",
    "Angela",  "Merkel", "met",  "French", "officials", "in",      "Paris", ",",     "where", "Merkel",
    "praised", "Toyota", "and",  "the",    "European",  "Union",   "(",     "EU",    ")",     "."};
const std::vector<ner::Sentence> kReportSentences = {{0, 14}, {14, 20}, {20, 40}};

}  // namespace

BOOST_AUTO_TEST_CASE(first_pass_features_are_what_the_first_pass_labels_add) {
  const ner::Model& model = ner::Model::embedded();
  BOOST_TEST_REQUIRE(model.passes.size() == 2U);
  const ner::DocumentView document{kReportWords, kReportSentences};
  std::vector<ner::Label> labels(kReportWords.size(), ner::kOutside);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<ner::Label>((i * 7) % ner::kLabels);

  ner::FeatureExtractor all(model.lexicon, model.passes[1].groups);
  ner::FeatureSet with_labels;
  all.extract(document, labels, with_labels);
  ner::FeatureExtractor base(model.lexicon, model.passes[0].groups);
  ner::FeatureSet without_labels;
  ner::FeatureSet added;
  base.extract(document, {}, without_labels);
  base.extract_first_pass(document, labels, added);
  for (std::size_t i = 0; i < kReportWords.size(); ++i) {
    std::vector<std::uint64_t> expected(with_labels.of(i).begin(), with_labels.of(i).end());
    std::vector<std::uint64_t> found(without_labels.of(i).begin(), without_labels.of(i).end());
    found.insert(found.end(), added.of(i).begin(), added.of(i).end());
    std::sort(expected.begin(), expected.end());
    std::sort(found.begin(), found.end());
    BOOST_TEST(found == expected, "token " << i << " " << kReportWords[i]);
  }
  BOOST_CHECK_THROW(base.extract_first_pass(document, std::span(labels).first(3), added),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(both_passes_on_shared_features_label_as_two_separate_passes_do) {
  const ner::Model& model = ner::Model::embedded();
  // An unknown feature group bit reads nothing, but makes the tagger run the passes one after the other.
  ner::Model separate = model;
  separate.passes[1].groups |= 1U << 30;
  ner::Tagger joint_tagger(model);
  ner::Tagger separate_tagger(separate);
  std::vector<ner::Label> joint;
  std::vector<ner::Label> apart;
  joint_tagger.tag({kReportWords, kReportSentences}, joint);
  separate_tagger.tag({kReportWords, kReportSentences}, apart);
  BOOST_TEST(joint == apart, boost::test_tools::per_element());
  BOOST_TEST(!ner::spans_from_labels(joint).empty());
}

BOOST_AUTO_TEST_SUITE_END()
