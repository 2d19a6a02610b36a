#include <cstdlib>
#include <iostream>
#include <set>
#include <tuple>

#include <boost/test/unit_test.hpp>

#include "common/extract/ner/model.hpp"
#include "common/extract/ner/tagger.hpp"
#include "common/extract/ner/tools/conll.hpp"
#include "tests/support/paths.hpp"

namespace ner = newsdig::extract::ner;

BOOST_AUTO_TEST_SUITE(conll_dev)

// A guard against a broken model or feature code, not the evaluation (scripts/eval-ner measures all of
// eng.testa): the first 40 development documents, about a fifth of the file.
BOOST_AUTO_TEST_CASE(tags_conll_development_documents_with_high_f1) {
  auto shared = newsdig::test::shared_dir();
  if (!shared) {
    std::cout << "skipped: ../shared is absent\n";
    std::exit(77);
  }
  auto documents = ner::tools::read_conll(*shared / "data" / "conll2003" / "eng.testa");
  BOOST_TEST_REQUIRE(documents.size() >= 40U);
  documents.resize(40);
  ner::Tagger tagger(ner::Model::embedded());
  std::size_t gold = 0;
  std::size_t found = 0;
  std::size_t correct = 0;
  std::vector<ner::Label> labels;
  for (const auto& document : documents) {
    tagger.tag(document.view(), labels);
    auto key = [](const ner::TokenSpan& span) { return std::make_tuple(span.first, span.last, span.type); };
    std::set<std::tuple<std::uint32_t, std::uint32_t, newsdig::EntityType>> expected;
    for (const auto& span : document.gold) expected.insert(key(span));
    auto spans = ner::spans_from_labels(labels);
    gold += expected.size();
    found += spans.size();
    for (const auto& span : spans) correct += expected.contains(key(span)) ? 1U : 0U;
  }
  double precision = static_cast<double>(correct) / static_cast<double>(found);
  double recall = static_cast<double>(correct) / static_cast<double>(gold);
  double f1 = 2 * precision * recall / (precision + recall);
  BOOST_TEST_MESSAGE("first 40 eng.testa documents: P " << precision << " R " << recall << " F1 " << f1);
  BOOST_TEST(gold > 1000U);
  BOOST_TEST(f1 > 0.88);
}

BOOST_AUTO_TEST_SUITE_END()
