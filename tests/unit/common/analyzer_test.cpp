#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/utf8.hpp"

using newsdig::analysis::Analyzer;
using newsdig::analysis::Token;
using newsdig::analysis::TokenizeStats;

namespace {

std::vector<std::string> terms_of(std::string_view text) {
  Analyzer analyzer;
  std::vector<std::string> terms;
  for (const auto& token : analyzer.tokenize(text)) terms.push_back(token.term);
  return terms;
}

std::vector<bool> joined_of(const std::vector<Token>& tokens) {
  std::vector<bool> joined;
  for (const auto& token : tokens) joined.push_back(token.joined);
  return joined;
}

struct TermsCase {
  std::string_view text;
  std::vector<std::string> terms;
};

void check_terms(const std::vector<TermsCase>& cases) {
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      const auto terms = terms_of(c.text);
      BOOST_TEST(terms == c.terms, boost::test_tools::per_element());
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(analyzer)

BOOST_AUTO_TEST_CASE(strips_possessive_from_curly_apostrophe) {
  check_terms({{"Abe’s", {"abe"}}, {"ABE’S visit", {"abe", "visit"}}, {"Japan‘s", {"japan"}}});
}

BOOST_AUTO_TEST_CASE(strips_possessive_from_straight_apostrophe) {
  check_terms({{"Abe's", {"abe"}}, {"Putin's Russia", {"putin", "russia"}}});
}

BOOST_AUTO_TEST_CASE(keeps_contractions_with_a_straight_apostrophe) {
  check_terms({{"don't", {"don't"}},
               {"don’t", {"don't"}},
               {"O’Brien", {"o'brien"}},
               {"rock'n'roll", {"rock'n'roll"}}});
}

BOOST_AUTO_TEST_CASE(drops_trailing_apostrophe_of_plural_possessive) {
  check_terms({{"the leaders' talks", {"the", "leaders", "talks"}},
               {"the leaders’ talks", {"the", "leaders", "talks"}}});
}

BOOST_AUTO_TEST_CASE(folds_full_width_letters_and_digits_to_ascii) {
  check_terms({{"ＡＰＥＣ", {"apec"}}, {"１２３", {"123"}}, {"ＡＰＥＣ２０１４", {"apec2014"}}});
}

BOOST_AUTO_TEST_CASE(keeps_accents_after_case_folding) {
  check_terms({{"Café", {"café"}},
               {"CAFÉ", {"café"}},
               {"Zürich", {"zürich"}},
               {"Cafe\xCC\x81", {"café"}}});  // decomposed e + U+0301 composes to é
}

BOOST_AUTO_TEST_CASE(folds_sharp_s_to_ss) {
  check_terms({{"Straße", {"strasse"}}, {"STRASSE", {"strasse"}}});
}

BOOST_AUTO_TEST_CASE(drops_soft_hyphens_inside_words) {
  check_terms({{"inter\u00ADnational", {"international"}}});
}

BOOST_AUTO_TEST_CASE(keeps_numbers_whole_and_unstemmed) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("17,000 troops in 2014 and 3.5 percent");
  std::vector<std::string> terms;
  for (const auto& token : tokens) terms.push_back(token.term);
  const std::vector<std::string> expected{"17,000", "troops", "in", "2014", "and", "3.5", "percent"};
  BOOST_TEST(terms == expected, boost::test_tools::per_element());
  BOOST_TEST(!tokens.at(0).stemmable);
  BOOST_TEST(tokens.at(1).stemmable);
  BOOST_TEST(!tokens.at(3).stemmable);
  BOOST_TEST(!tokens.at(5).stemmable);
}

BOOST_AUTO_TEST_CASE(does_not_stem_words_with_digits_or_inner_periods) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("3rd G7 U.S. sanctions");
  BOOST_REQUIRE_EQUAL(tokens.size(), 4U);
  BOOST_TEST(tokens[0].term == "3rd");
  BOOST_TEST(!tokens[0].stemmable);
  BOOST_TEST(tokens[1].term == "g7");
  BOOST_TEST(!tokens[1].stemmable);
  BOOST_TEST(tokens[2].term == "u.s");
  BOOST_TEST(!tokens[2].stemmable);
  BOOST_TEST(tokens[3].stemmable);
}

BOOST_AUTO_TEST_CASE(splits_hyphen_chain_into_joined_parts) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("post-World War II");
  BOOST_REQUIRE_EQUAL(tokens.size(), 4U);
  const std::vector<std::string> expected{"post", "world", "war", "ii"};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    BOOST_TEST_CONTEXT("token " << i) {
      BOOST_TEST(tokens[i].term == expected[i]);
      BOOST_TEST(tokens[i].position == i);
    }
  }
  BOOST_TEST(joined_of(tokens) == (std::vector<bool>{false, true, false, false}),
             boost::test_tools::per_element());
  BOOST_TEST(tokens[0].begin == 0U);
  BOOST_TEST(tokens[0].end == 4U);
  BOOST_TEST(tokens[1].begin == 5U);
  BOOST_TEST(tokens[1].end == 10U);
}

BOOST_AUTO_TEST_CASE(joins_number_and_word_across_a_hyphen) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("a 10-minute Japan-Russia meeting");
  std::vector<std::string> terms;
  for (const auto& token : tokens) terms.push_back(token.term);
  const std::vector<std::string> expected{"a", "10", "minute", "japan", "russia", "meeting"};
  BOOST_TEST(terms == expected, boost::test_tools::per_element());
  BOOST_TEST(joined_of(tokens) == (std::vector<bool>{false, false, true, false, true, false}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(joins_words_across_one_connector_only) {
  struct Case {
    std::string_view text;
    bool second_joined;
  };
  const std::vector<Case> cases{{"AT&T", true},
                                {"12:30", true},
                                {"and/or", true},
                                {"Japan–Russia", true},  // en dash
                                {"ウラジーミル・プーチン", true},
                                {"a - b", false},
                                {"a--b", false},
                                {"Paris, France", false},
                                {"a\tb", false},
                                {"(a)(b)", false},
                                {"x\xEF\xBF\xBDy", false}};
  Analyzer analyzer;
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      const auto tokens = analyzer.tokenize(c.text);
      BOOST_REQUIRE_GE(tokens.size(), 2U);
      BOOST_TEST(!tokens.front().joined);
      BOOST_TEST(tokens.back().joined == c.second_joined);
    }
  }
}

BOOST_AUTO_TEST_CASE(never_joins_the_first_token_of_a_call) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  analyzer.tokenize("-world", tokens, 7);
  BOOST_REQUIRE_EQUAL(tokens.size(), 1U);
  BOOST_TEST(!tokens[0].joined);
  BOOST_TEST(tokens[0].position == 7U);
}

BOOST_AUTO_TEST_CASE(segments_japanese_with_the_dictionary) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("安倍首相はプーチン大統領と会談した。");
  std::vector<std::string> terms;
  for (const auto& token : tokens) terms.push_back(token.term);
  // ICU 72's dictionary does not know プーチン and splits it; the query side splits it the same way and
  // searches the joined run as a phrase.
  const std::vector<std::string> expected{"安倍",   "首相", "は",   "プー", "チン",
                                          "大統領", "と",   "会談", "した"};
  BOOST_TEST(terms == expected, boost::test_tools::per_element());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    BOOST_TEST_CONTEXT("token " << i) {
      BOOST_TEST(!tokens[i].stemmable);
      BOOST_TEST(tokens[i].joined == (i > 0));
    }
  }
}

BOOST_AUTO_TEST_CASE(segments_chinese_with_the_dictionary) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("日本和俄罗斯领导人将在北京会面");
  std::vector<std::string> terms;
  for (const auto& token : tokens) terms.push_back(token.term);
  for (const std::string word : {"日本", "俄罗斯", "北京"}) {
    BOOST_TEST_CONTEXT("word " << word) {
      BOOST_TEST(std::count(terms.begin(), terms.end(), word) == 1);
    }
  }
  for (const auto& token : tokens) {
    BOOST_TEST(!token.term.empty());
    BOOST_TEST(!token.stemmable);
  }
  BOOST_TEST(tokens.back().end == 45U);  // 15 ideographs of 3 bytes: every byte is in some token
}

BOOST_AUTO_TEST_CASE(segments_thai_and_does_not_stem_it) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("ประเทศไทยมีพระมหากษัตริย์");
  BOOST_REQUIRE_GE(tokens.size(), 2U);
  BOOST_TEST(tokens.front().term == "ประเทศไทย");
  for (const auto& token : tokens) BOOST_TEST(!token.stemmable);
}

BOOST_AUTO_TEST_CASE(keeps_korean_words_whole_and_unstemmed) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("서울에서 회담");
  BOOST_REQUIRE_EQUAL(tokens.size(), 2U);
  BOOST_TEST(tokens[0].term == "서울에서");
  BOOST_TEST(!tokens[0].stemmable);
  BOOST_TEST(!tokens[1].joined);
}

BOOST_AUTO_TEST_CASE(stems_greek_and_cyrillic_words) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("ΑΘΗΝΑ Путин");
  BOOST_REQUIRE_EQUAL(tokens.size(), 2U);
  BOOST_TEST(tokens[0].term == "αθηνα");
  BOOST_TEST(tokens[1].term == "путин");
  BOOST_TEST(tokens[0].stemmable);
  BOOST_TEST(tokens[1].stemmable);
}

BOOST_AUTO_TEST_CASE(reports_byte_offsets_of_multibyte_words) {
  const std::string text = "Le Café de Zürich, 東京";
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize(text);
  BOOST_REQUIRE_EQUAL(tokens.size(), 5U);
  const std::vector<std::string_view> spelled{"Le", "Café", "de", "Zürich", "東京"};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    BOOST_TEST_CONTEXT("token " << i) {
      BOOST_TEST(std::string_view(text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin) ==
                 spelled[i]);
    }
  }
  BOOST_TEST(tokens[1].begin == 3U);
  BOOST_TEST(tokens[1].end == 8U);
}

BOOST_AUTO_TEST_CASE(offsets_of_possessive_cover_the_whole_word) {
  const std::string text = "Abe’s plan";
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize(text);
  BOOST_REQUIRE_EQUAL(tokens.size(), 2U);
  BOOST_TEST(tokens[0].term == "abe");
  BOOST_TEST(tokens[0].begin == 0U);
  BOOST_TEST(tokens[0].end == 7U);  // "Abe’s": the curly apostrophe is 3 bytes
  BOOST_TEST(tokens[1].begin == 8U);
}

BOOST_AUTO_TEST_CASE(survives_invalid_utf8_and_never_yields_replacement_characters) {
  const std::string text = "ab\xFFpq \xE6\x97 x \xC0\xAF y \xED\xA0\x80 z \xF4\x90\x80\x80 w";
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize(text);
  std::vector<std::string> terms;
  for (const auto& token : tokens) terms.push_back(token.term);
  const std::vector<std::string> expected{"ab", "pq", "x", "y", "z", "w"};
  BOOST_TEST(terms == expected, boost::test_tools::per_element());
  BOOST_TEST(tokens.at(1).begin == 3U);
  BOOST_TEST(tokens.at(1).end == 5U);
  BOOST_TEST(!tokens.at(1).joined);
}

BOOST_AUTO_TEST_CASE(survives_random_bytes) {
  std::mt19937 random(20240229);
  std::uniform_int_distribution<int> byte(0, 255);
  Analyzer analyzer;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const std::string_view pieces[] = {"a", " ", "日本", "-", "\xE2\x80\x99", "s", "Ä", "1"};
    for (int i = 0; i < 64; ++i) {
      if (byte(random) < 96) {
        text.push_back(static_cast<char>(byte(random)));
      } else {
        text.append(pieces[static_cast<std::size_t>(byte(random)) % std::size(pieces)]);
      }
    }
    BOOST_TEST_CONTEXT("round " << round) {
      const auto tokens = analyzer.tokenize(text);
      for (const auto& token : tokens) {
        BOOST_TEST(!token.term.empty());
        BOOST_TEST(newsdig::analysis::is_valid_utf8(token.term));
        BOOST_TEST(token.term.find("\xEF\xBF\xBD") == std::string::npos);
        BOOST_TEST(token.begin < token.end);
        BOOST_TEST(token.end <= text.size());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(continues_positions_from_the_given_first_position) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  const auto next = analyzer.tokenize("Abe met Putin", tokens, 100);
  BOOST_TEST(next == 103U);
  BOOST_REQUIRE_EQUAL(tokens.size(), 3U);
  BOOST_TEST(tokens[0].position == 100U);
  BOOST_TEST(tokens[2].position == 102U);
  const auto after = analyzer.tokenize("in Tokyo", tokens, next);
  BOOST_TEST(after == 105U);
  BOOST_REQUIRE_EQUAL(tokens.size(), 5U);  // appended, not replaced
  BOOST_TEST(tokens[3].term == "in");
}

BOOST_AUTO_TEST_CASE(returns_no_tokens_for_empty_or_punctuation_only_text) {
  check_terms({{"", {}}, {"  -- ... !!", {}}, {"___ ___", {}}, {"\xFF\xFE", {}}, {"😀 ✓", {}}});
}

BOOST_AUTO_TEST_CASE(drops_overlong_words_and_counts_them) {
  const std::string ascii_240(240, 'a');
  const std::string ascii_241(241, 'b');
  std::string accented_242;
  for (int i = 0; i < 121; ++i) accented_242 += "é";
  Analyzer analyzer;
  std::vector<Token> tokens;
  TokenizeStats stats;
  const auto next =
      analyzer.tokenize("x " + ascii_240 + " " + ascii_241 + "-y " + accented_242 + " z", tokens, 0, &stats);
  BOOST_TEST(stats.dropped_long == 2U);
  BOOST_REQUIRE_EQUAL(tokens.size(), 4U);
  BOOST_TEST(tokens[0].term == "x");
  BOOST_TEST(tokens[1].term == ascii_240);
  BOOST_TEST(tokens[2].term == "y");
  BOOST_TEST(tokens[2].position == 3U);  // the dropped word keeps its position
  BOOST_TEST(!tokens[2].joined);         // its neighbour is gone
  BOOST_TEST(tokens[3].term == "z");
  BOOST_TEST(tokens[3].position == 5U);
  BOOST_TEST(next == 6U);
}

BOOST_AUTO_TEST_CASE(convenience_form_matches_the_appending_form) {
  Analyzer analyzer;
  const std::string text = "Abe’s post-World talks in 東京";
  std::vector<Token> appended;
  analyzer.tokenize(text, appended);
  const auto returned = analyzer.tokenize(text);
  BOOST_REQUIRE_EQUAL(appended.size(), returned.size());
  for (std::size_t i = 0; i < returned.size(); ++i) {
    BOOST_TEST(appended[i].term == returned[i].term);
    BOOST_TEST(appended[i].begin == returned[i].begin);
    BOOST_TEST(appended[i].joined == returned[i].joined);
  }
}

BOOST_AUTO_TEST_CASE(stems_english_words) {
  Analyzer analyzer;
  BOOST_TEST(analyzer.stem("sanctions", "en") == "sanction");
  BOOST_TEST(analyzer.stem("talks", "en") == "talk");
  BOOST_TEST(analyzer.stem("talks", "english") == "talk");
  BOOST_TEST(analyzer.stem("talks", "EN") == "talk");
  BOOST_TEST(analyzer.stem("talks", "en-GB") == "talk");
}

BOOST_AUTO_TEST_CASE(stems_german_words_with_de) {
  Analyzer analyzer;
  BOOST_TEST(analyzer.stem(analyzer.normalize_word("Häuser"), "de") == "haus");
  BOOST_TEST(analyzer.stem("häuser", "en") == "häuser");  // no English rule applies
}

BOOST_AUTO_TEST_CASE(leaves_terms_unchanged_for_unknown_or_empty_language) {
  Analyzer analyzer;
  for (const std::string_view language : {"xx", "", "none", "klingon"}) {
    BOOST_TEST_CONTEXT("language: '" << language << "'") {
      BOOST_TEST(analyzer.stem("sanctions", language) == "sanctions");
      BOOST_TEST(analyzer.stem("sanctions", language) == "sanctions");  // cached answer, same result
    }
  }
  BOOST_TEST(analyzer.stem("sanctions", "en") == "sanction");  // the cache keeps languages apart
}

BOOST_AUTO_TEST_CASE(a_stem_asked_again_is_the_stem_snowball_gives_in_each_language) {
  Analyzer analyzer;
  struct Case {
    std::string_view word;
    std::string_view language;
    std::string_view stem;
  };
  const Case cases[] = {{"talks", "en", "talk"},    {"häuser", "de", "haus"}, {"talks", "de", "talk"},
                        {"häuser", "en", "häuser"}, {"rates", "en", "rate"},  {"rates", "none", "rates"}};
  for (int round = 0; round < 3; ++round) {
    for (const Case& c : cases) {
      BOOST_TEST_CONTEXT(c.word << " in " << c.language << ", round " << round) {
        BOOST_TEST(analyzer.stem(c.word, c.language) == c.stem);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(knows_which_languages_have_stemmers) {
  BOOST_TEST(Analyzer::has_stemmer("en"));
  BOOST_TEST(Analyzer::has_stemmer("english"));
  BOOST_TEST(Analyzer::has_stemmer("de"));
  BOOST_TEST(Analyzer::has_stemmer("pt-BR"));
  BOOST_TEST(!Analyzer::has_stemmer("xx"));
  BOOST_TEST(!Analyzer::has_stemmer(""));
  BOOST_TEST(!Analyzer::has_stemmer("none"));
  BOOST_TEST(!Analyzer::has_stemmer("ja"));
}

BOOST_AUTO_TEST_CASE(normalizes_single_words_like_tokens) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases{
      {"Abe’s", "abe"},        {"Abe's", "abe"}, {"DON'T", "don't"},
      {"leaders'", "leaders"}, {"'tis", "tis"},  {"ＡＰＥＣ", "apec"},
      {"Straße", "strasse"},   {"Café", "café"}, {"U.S", "u.s"},
      {"東京", "東京"},        {"'", ""},        {"bad\xFF", "bad\xEF\xBF\xBD"}};
  Analyzer analyzer;
  for (const auto& [word, expected] : cases) {
    BOOST_TEST_CONTEXT("word: " << word) {
      BOOST_TEST(analyzer.normalize_word(word) == expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(normalize_word_agrees_with_tokenize) {
  Analyzer analyzer;
  const std::string text = "Abe’s ＡＰＥＣ Straße CAFÉ leaders' don’t 17,000 日本 İstanbul ﬁnance";
  for (const auto& token : analyzer.tokenize(text)) {
    const std::string_view spelled = std::string_view(text).substr(token.begin, token.end - token.begin);
    BOOST_TEST_CONTEXT("word: " << spelled) {
      BOOST_TEST(analyzer.normalize_word(spelled) == token.term);
    }
  }
}

BOOST_AUTO_TEST_CASE(can_be_moved) {
  Analyzer first;
  Analyzer second = std::move(first);
  BOOST_TEST(second.tokenize("still works").size() == 2U);
  first = std::move(second);
  BOOST_TEST(first.tokenize("again").size() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
