#include "common/extract/story/minhash.hpp"

#include <string>

#include <boost/test/unit_test.hpp>

namespace st = newsdig::extract::story;

namespace {

const std::string kReport =
    "Prime Minister Shinzo Abe has proposed holding direct talks with Russian President Vladimir Putin in "
    "November on the sidelines of the annual summit of the Asia-Pacific Economic Cooperation forum, Chief "
    "Cabinet Secretary Yoshihide Suga said Monday. The proposal, made during talks over the telephone "
    "Sunday, appears to indicate Abe's eagerness to maintain bilateral dialogue despite difficulties in "
    "arranging Putin's planned fall visit to Japan after Tokyo slapped Moscow with sanctions over the "
    "Ukraine crisis. Japan is expected to announce additional sanctions against Russia soon as Tokyo remains "
    "in step with the United States and Europe over Moscow's annexation of Crimea.";

const std::string kOther =
    "The Brindle Bay bridge will close for three weeks of repairs starting in March, the county roads "
    "department said on Tuesday, sending commuters on a detour of twelve miles through the harbour towns. "
    "Engineers found corrosion in two of the steel cables during an inspection last autumn and the council "
    "voted to bring the work forward by a year.";

}  // namespace

BOOST_AUTO_TEST_SUITE(minhash)

BOOST_AUTO_TEST_CASE(copies_differing_only_in_case_spacing_and_punctuation_agree_fully) {
  std::string copy;
  for (char c : kReport) {
    if (c == ',' || c == '.') continue;
    copy.push_back(c == ' ' ? '\n' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
  }
  BOOST_TEST(st::estimated_jaccard(*st::minhash(kReport), *st::minhash(copy)) == 1.0);
}

BOOST_AUTO_TEST_CASE(a_copy_with_a_changed_sentence_stays_a_near_duplicate) {
  std::string copy = kReport;
  copy.replace(copy.find("Japan is expected"), 17, "Officials in Tokyo said Japan was expected");
  const double jaccard = st::estimated_jaccard(*st::minhash(kReport), *st::minhash(copy));
  BOOST_TEST(jaccard >= 0.6);
  BOOST_TEST(jaccard < 1.0);
}

BOOST_AUTO_TEST_CASE(unrelated_texts_are_far_apart) {
  BOOST_TEST(st::estimated_jaccard(*st::minhash(kReport), *st::minhash(kOther)) < 0.1);
}

BOOST_AUTO_TEST_CASE(texts_shorter_than_a_shingle_have_no_fingerprint) {
  BOOST_TEST(!st::minhash("Abe meets Putin").has_value());
  BOOST_TEST(!st::minhash("").has_value());
  BOOST_TEST(st::minhash("Abe will meet Putin in Beijing").has_value());
}

BOOST_AUTO_TEST_CASE(near_duplicates_share_a_band_key_and_unrelated_texts_do_not) {
  std::string copy = kReport;
  copy.replace(copy.find("Sunday"), 6, "Saturday");
  auto shares_a_key = [](const std::string& x, const std::string& y) {
    const auto a = st::band_keys(*st::minhash(x));
    const auto b = st::band_keys(*st::minhash(y));
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) return true;
    }
    return false;
  };
  BOOST_TEST(shares_a_key(kReport, copy));
  BOOST_TEST(!shares_a_key(kReport, kOther));
}

BOOST_AUTO_TEST_SUITE_END()
