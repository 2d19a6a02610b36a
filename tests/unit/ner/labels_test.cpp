#include <ostream>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/extract/ner/labels.hpp"

namespace newsdig::extract::ner {
std::ostream& boost_test_print_type(std::ostream& out, const TokenSpan& span) {
  return out << conll_type_name(span.type) << "[" << span.first << "," << span.last << ")";
}
}  // namespace newsdig::extract::ner

namespace ner = newsdig::extract::ner;
using ner::Part;
using newsdig::EntityType;

BOOST_AUTO_TEST_SUITE(labels)

BOOST_AUTO_TEST_CASE(spans_and_bilou_labels_round_trip) {
  const std::vector<ner::TokenSpan> spans = {{0, 2, EntityType::Person},
                                             {2, 3, EntityType::Person},
                                             {4, 7, EntityType::Org},
                                             {8, 9, EntityType::Place}};
  auto labels = ner::labels_from_spans(spans, 10);
  const std::vector<ner::Label> expected = {
      ner::make_label(EntityType::Person, Part::Begin), ner::make_label(EntityType::Person, Part::Last),
      ner::make_label(EntityType::Person, Part::Unit),  ner::kOutside,
      ner::make_label(EntityType::Org, Part::Begin),    ner::make_label(EntityType::Org, Part::Inside),
      ner::make_label(EntityType::Org, Part::Last),     ner::kOutside,
      ner::make_label(EntityType::Place, Part::Unit),   ner::kOutside};
  BOOST_TEST(labels == expected, boost::test_tools::per_element());
  BOOST_TEST(ner::spans_from_labels(labels) == spans, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_ill_formed_sequences_leniently) {
  // I without B, a type change inside an entity, B at the very end.
  const std::vector<ner::Label> labels = {
      ner::make_label(EntityType::Org, Part::Inside), ner::make_label(EntityType::Org, Part::Last),
      ner::make_label(EntityType::Person, Part::Inside), ner::make_label(EntityType::Place, Part::Inside),
      ner::make_label(EntityType::Misc, Part::Begin)};
  const std::vector<ner::TokenSpan> expected = {{0, 2, EntityType::Org},
                                                {2, 3, EntityType::Person},
                                                {3, 4, EntityType::Place},
                                                {4, 5, EntityType::Misc}};
  BOOST_TEST(ner::spans_from_labels(labels) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(allows_only_well_formed_transitions) {
  auto b_per = ner::make_label(EntityType::Person, Part::Begin);
  auto i_per = ner::make_label(EntityType::Person, Part::Inside);
  auto l_per = ner::make_label(EntityType::Person, Part::Last);
  auto u_org = ner::make_label(EntityType::Org, Part::Unit);
  auto l_org = ner::make_label(EntityType::Org, Part::Last);
  BOOST_TEST(ner::allowed_transition(ner::kStart, b_per));
  BOOST_TEST(ner::allowed_transition(ner::kStart, u_org));
  BOOST_TEST(!ner::allowed_transition(ner::kStart, i_per));
  BOOST_TEST(ner::allowed_transition(b_per, i_per));
  BOOST_TEST(ner::allowed_transition(b_per, l_per));
  BOOST_TEST(!ner::allowed_transition(b_per, l_org));
  BOOST_TEST(!ner::allowed_transition(b_per, ner::kOutside));
  BOOST_TEST(ner::allowed_transition(l_per, u_org));
  BOOST_TEST(!ner::allowed_transition(ner::kOutside, l_per));
  BOOST_TEST(ner::allowed_final(l_per));
  BOOST_TEST(!ner::allowed_final(b_per));
}

BOOST_AUTO_TEST_SUITE_END()
