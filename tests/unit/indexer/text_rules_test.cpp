#include "indexer/formats/text_rules.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace newsdig::formats {
namespace {

// One line against one rule of the real table.
struct LineCase {
  std::string_view line;
  bool matches;
  std::string_view value = {};
  std::string_view rest = {};
  std::string_view source = {};
};

void check_rule(std::string_view rule_name, const std::vector<LineCase>& cases,
                std::string_view headline = {}) {
  const TextRule* rule = find_text_rule(rule_name);
  BOOST_TEST_REQUIRE(rule != nullptr, "no rule named " << rule_name);
  const LineContext context{headline};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("rule " << rule_name << ", line \"" << c.line << "\"") {
      const auto match = match_rule(*rule, c.line, context);
      BOOST_TEST(match.has_value() == c.matches);
      if (match && c.matches) {
        BOOST_TEST(match->value == c.value);
        BOOST_TEST(match->rest == c.rest);
        BOOST_TEST(match->source == c.source);
      }
    }
  }
}

TextLayout layout_of(const std::vector<std::string_view>& lines) {
  return apply_text_rules(lines);
}

std::vector<std::string> applied_names(const TextLayout& layout) {
  std::vector<std::string> names;
  for (const auto& applied : layout.applied) names.emplace_back(applied.rule);
  return names;
}

}  // namespace
}  // namespace newsdig::formats

// At global scope: the suite's namespace would otherwise hide formats::text_rules().
BOOST_AUTO_TEST_SUITE(text_rules)

using namespace newsdig::formats;

// --- the table ---

BOOST_AUTO_TEST_CASE(every_rule_has_a_unique_name_and_a_matcher) {
  std::set<std::string_view> names;
  for (const TextRule& rule : newsdig::formats::text_rules()) {
    BOOST_TEST_CONTEXT("rule " << rule.name) {
      BOOST_TEST(!rule.name.empty());
      BOOST_TEST(rule.matcher != nullptr);
      BOOST_TEST(names.insert(rule.name).second);
      BOOST_TEST(find_text_rule(rule.name) == &rule);
    }
  }
  BOOST_TEST(find_text_rule("no-such-rule") == nullptr);
}

BOOST_AUTO_TEST_CASE(rules_act_where_the_documentation_says) {
  struct Expected {
    std::string_view name;
    RuleScope scope;
    RuleAction action;
  };
  const Expected expected[] = {
      {"repeated-headline", RuleScope::AfterHeadline, RuleAction::DropLine},
      {"byline", RuleScope::AfterHeadline, RuleAction::TakeByline},
      {"agency-line", RuleScope::AfterHeadline, RuleAction::TakeSource},
      {"dateline", RuleScope::FirstParagraph, RuleAction::TakeDateline},
      {"best-viewed-notice", RuleScope::AnyLine, RuleAction::DropLine},
      {"rights-reserved", RuleScope::AnyLine, RuleAction::DropLine},
      {"copyright-notice", RuleScope::AnyLine, RuleAction::DropLine},
      {"click-here", RuleScope::AnyLine, RuleAction::DropLine},
      {"share-this", RuleScope::AnyLine, RuleAction::DropLine},
      {"advertisement", RuleScope::AnyLine, RuleAction::DropLine},
  };
  BOOST_TEST(newsdig::formats::text_rules().size() == std::size(expected));
  for (const auto& e : expected) {
    BOOST_TEST_CONTEXT("rule " << e.name) {
      const TextRule* rule = find_text_rule(e.name);
      BOOST_TEST_REQUIRE(rule != nullptr);
      BOOST_TEST((rule->scope == e.scope));
      BOOST_TEST((rule->action == e.action));
    }
  }
}

// --- rule by rule ---

BOOST_AUTO_TEST_CASE(repeated_headline_matches_the_headline_ignoring_case_and_spacing) {
  const std::string_view headline = "Harbour bridge reopens after two-year repair";
  check_rule("repeated-headline",
             {
                 {"Harbour bridge reopens after two-year repair", true},
                 {"HARBOUR BRIDGE REOPENS AFTER TWO-YEAR REPAIR", true},
                 {"Harbour  bridge reopens\tafter two-year repair", true},
                 {"Harbour bridge reopens after two-year repair, officials say", false},
                 {"Harbour bridge reopens", false},
             },
             headline);
  check_rule("repeated-headline", {{"Anything", false}}, "");
}

BOOST_AUTO_TEST_CASE(agency_line_takes_a_short_list_of_capitalised_names) {
  check_rule("agency-line", {
                                {"Kyodo, JIJI", true, "Kyodo, JIJI"},
                                {"Reuters", true, "Reuters"},
                                {"AFP/JIJI", true, "AFP/JIJI"},
                                {"AFP-JIJI", true, "AFP-JIJI"},
                                {"Coastal Wire | Tidewater Press", true, "Coastal Wire | Tidewater Press"},
                                {"The Associated Press", true, "The Associated Press"},
                                {"Agence France-Presse", true, "Agence France-Presse"},
                                {"Banco de Lisboa News", true, "Banco de Lisboa News"},
                                {"Reuters and Kyodo", true, "Reuters and Kyodo"},
                                {"Ärztezeitung", true, "Ärztezeitung"},
                            });
}

BOOST_AUTO_TEST_CASE(agency_line_refuses_sentences_dates_bylines_and_long_titles) {
  check_rule("agency-line",
             {
                 {"Kyodo, JIJI.", false},
                 {"Staff reporter", false},
                 {"Prime Minister Tanaka has proposed holding talks in November.", false},
                 {"TOKYO - The port reopened on Friday", false},
                 {"Sept 22, 2014", false},
                 {"Updated: 10:00", false},
                 {"By Jane Doe", false},
                 {"Mayor Proposes Meeting With Harbour Pilots", false},
                 {"\"Reuters\"", false},
                 {"Kyodo, , JIJI", false},
                 {", Kyodo", false},
                 {"of Kyodo", false},
                 {"dpa", false},
                 {"\xE5\x85\xB1\xE5\x90\x8C\xE9\x80\x9A\xE4\xBF\xA1", false},  // 共同通信: not Latin
                 {"Alpha, Beta, Gamma, Delta, Epsilon, Zeta, Eta, Theta, Iota", false},
             });
}

BOOST_AUTO_TEST_CASE(byline_takes_the_names_after_by) {
  check_rule("byline", {
                           {"By Jane Doe", true, "Jane Doe"},
                           {"BY JANE DOE", true, "JANE DOE"},
                           {"By Jane Doe and Tom Roe", true, "Jane Doe and Tom Roe"},
                           {"By Jane Doe, Staff Writer", true, "Jane Doe, Staff Writer"},
                           {"By the way, the port reopened", false},
                           {"By Friday the bridge will be open.", false},
                           {"Jane Doe", false},
                           {"By", false},
                       });
}

BOOST_AUTO_TEST_CASE(dateline_takes_the_place_and_leaves_the_rest_of_the_line) {
  check_rule(
      "dateline",
      {
          {"TOKYO - The port reopened.", true, "TOKYO", "The port reopened."},
          {"TOKYO (Reuters) - The port reopened.", true, "TOKYO", "The port reopened.", "Reuters"},
          {"WASHINGTON, Sept 22 - The port reopened.", true, "WASHINGTON", "The port reopened."},
          {"WASHINGTON, Sept. 22, 2014 - The port reopened.", true, "WASHINGTON", "The port reopened."},
          {"NEW YORK, Sept 22 (Reuters) - The port reopened.", true, "NEW YORK", "The port reopened.",
           "Reuters"},
          {"NEW YORK, N.Y. -- The port reopened.", true, "NEW YORK", "The port reopened."},
          {"BERLIN \xE2\x80\x93 Die Br\xC3\xBC"
           "cke ist offen.",
           true, "BERLIN",
           "Die Br\xC3\xBC"
           "cke ist offen."},
          {"BERLIN \xE2\x80\x94 The bridge is open.", true, "BERLIN", "The bridge is open."},
          {"BERLIN\xE2\x80\x94The bridge is open.", true, "BERLIN", "The bridge is open."},
          {"TOKYO--The port reopened.", true, "TOKYO", "The port reopened."},
          {"S\xC3\x83O PAULO - The port reopened.", true, "S\xC3\x83O PAULO", "The port reopened."},
          {"WINSTON-SALEM, N.C. - The port reopened.", true, "WINSTON-SALEM", "The port reopened."},
          {"ST. LOUIS (AP) - The port reopened.", true, "ST. LOUIS", "The port reopened.", "AP"},
          {"TOKYO -", true, "TOKYO", ""},
      });
}

BOOST_AUTO_TEST_CASE(dateline_refuses_ordinary_sentence_openings) {
  check_rule("dateline", {
                             {"Tokyo - The port reopened.", false},
                             {"TOKYO-BASED firms said on Friday", false},
                             {"TOKYO-based firms said on Friday", false},
                             {"TOKYOites - all of them - cheered", false},
                             {"TOKYO said the port - which had been shut - reopened", false},
                             {"Japanese Prime Minister Shinzo Abe - who turned 60 - said", false},
                             {"I - for one - disagree", false},
                             {"TOKYO, the capital - is busy", false},
                             {"TOKYO (Reuters said the port reopened", false},
                             {"TOKYO () - text", false},
                             {"NEW YORK CITY HALL AND PORT AUTHORITY - text", false},
                             {"TOKYO The port reopened", false},
                         });
}

BOOST_AUTO_TEST_CASE(boilerplate_rules_drop_typical_site_notices) {
  check_rule("best-viewed-notice",
             {
                 {"This website is best viewed using the latest versions of web browsers.", true},
                 {"THIS WEBSITE IS BEST VIEWED IN CHROME", true},
                 {"The eclipse is best viewed from the hills.", false},
             });
  check_rule("rights-reserved", {
                                    {"All rights reserved.", true},
                                    {"\xC2\xA9 2023 Coastal Wire. All Rights Reserved", true},
                                    {"The owners said all rights reserved to the city were waived.", false},
                                });
  check_rule("copyright-notice", {
                                     {"Copyright 2014 Kyodo News", true},
                                     {"Copyright \xC2\xA9 2014 The Daily Gazette", true},
                                     {"\xC2\xA9 The Daily Gazette", true},
                                     {"(c) 2023 Coastal Wire", true},
                                     {"COPYRIGHT 2023", true},
                                     {"Copyright law changed in 2014.", false},
                                     {"Copyright 2014: a year in court", false},
                                     {"Copyrights are a tax on readers, the group said.", false},
                                 });
  check_rule("click-here", {
                               {"Click here to subscribe.", true},
                               {"CLICK HERE TO READ MORE", true},
                               {"Click here", false},
                               {"Clicking here to subscribe is easy.", false},
                           });
  check_rule("share-this", {
                               {"Share this article", true},
                               {"Share this article:", true},
                               {"SHARE THIS ARTICLE", true},
                               {"Share this article with a friend who owns a boat.", false},
                           });
  check_rule("advertisement", {
                                  {"Advertisement", true},
                                  {"ADVERTISEMENT", true},
                                  {"Advertisement:", true},
                                  {"Advertisement spending rose 5 percent.", false},
                              });
}

BOOST_AUTO_TEST_CASE(boilerplate_rules_leave_long_lines_alone) {
  const std::string long_line = "Click here to " + std::string(300, 'x');
  const TextRule* rule = find_text_rule("click-here");
  BOOST_TEST_REQUIRE(rule != nullptr);
  BOOST_TEST(!match_rule(*rule, long_line, {}).has_value());
}

BOOST_AUTO_TEST_CASE(no_rule_matches_a_blank_line) {
  for (const TextRule& rule : newsdig::formats::text_rules()) {
    BOOST_TEST_CONTEXT("rule " << rule.name) {
      BOOST_TEST(!match_rule(rule, "", {"headline"}).has_value());
    }
  }
}

// --- the engine ---

BOOST_AUTO_TEST_CASE(headline_is_the_first_non_blank_line_and_each_block_a_paragraph) {
  const auto layout = layout_of({"", "Headline here", "", "First paragraph.", "", "Second paragraph."});
  BOOST_TEST(layout.headline == "Headline here");
  BOOST_TEST(layout.paragraphs == (std::vector<std::string>{"First paragraph.", "Second paragraph."}),
             boost::test_tools::per_element());
  BOOST_TEST(layout.applied.empty());
}

BOOST_AUTO_TEST_CASE(lines_of_one_block_are_joined_by_a_space) {
  const auto layout =
      layout_of({"Headline", "", "The port reopened", "on Friday.", "", "", "It had been shut."});
  BOOST_TEST(
      layout.paragraphs == (std::vector<std::string>{"The port reopened on Friday.", "It had been shut."}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(header_lines_after_the_headline_are_taken_in_any_order) {
  const auto layout = layout_of({"Harbour bridge reopens", "", "Coastal Wire", "", "Harbour bridge reopens",
                                 "By Jane Doe", "", "BRINDLE BAY - The bridge reopened.", "", "More."});
  BOOST_TEST(layout.headline == "Harbour bridge reopens");
  BOOST_TEST(layout.source == "Coastal Wire");
  BOOST_TEST(layout.byline == "Jane Doe");
  BOOST_TEST(layout.dateline == "BRINDLE BAY");
  BOOST_TEST(layout.paragraphs == (std::vector<std::string>{"The bridge reopened.", "More."}),
             boost::test_tools::per_element());
  BOOST_TEST(applied_names(layout) ==
                 (std::vector<std::string>{"agency-line", "repeated-headline", "byline", "dateline"}),
             boost::test_tools::per_element());
  BOOST_TEST(layout.applied[0].line == 2U);
  BOOST_TEST(layout.applied[3].line == 7U);
}

BOOST_AUTO_TEST_CASE(header_rules_stop_at_the_first_body_line) {
  // "Coastal Wire" after body text is body, and so is a repeat of the headline.
  const auto layout =
      layout_of({"Harbour news", "", "The bridge reopened.", "", "Coastal Wire", "", "Harbour news"});
  BOOST_TEST(layout.source.empty());
  BOOST_TEST(
      layout.paragraphs == (std::vector<std::string>{"The bridge reopened.", "Coastal Wire", "Harbour news"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_second_agency_line_is_body) {
  const auto layout = layout_of({"Harbour news", "Coastal Wire", "Tidewater Press", "The bridge reopened."});
  BOOST_TEST(layout.source == "Coastal Wire");
  BOOST_TEST(layout.paragraphs == (std::vector<std::string>{"Tidewater Press The bridge reopened."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(dateline_is_taken_only_from_the_first_body_line) {
  const auto layout = layout_of({"Harbour news", "", "The bridge reopened.", "", "TOKYO - A second story."});
  BOOST_TEST(layout.dateline.empty());
  BOOST_TEST(layout.paragraphs.size() == 2U);
  BOOST_TEST(layout.paragraphs[1] == "TOKYO - A second story.");
}

BOOST_AUTO_TEST_CASE(dateline_agency_becomes_the_source_only_when_there_is_none) {
  const auto without = layout_of({"Harbour news", "", "TOKYO (Reuters) - The bridge reopened."});
  BOOST_TEST(without.source == "Reuters");
  BOOST_TEST(without.dateline == "TOKYO");

  const auto with = layout_of({"Harbour news", "Coastal Wire", "TOKYO (Reuters) - The bridge reopened."});
  BOOST_TEST(with.source == "Coastal Wire");
  BOOST_TEST(with.dateline == "TOKYO");
}

BOOST_AUTO_TEST_CASE(a_dateline_alone_on_its_line_leaves_no_empty_paragraph) {
  const auto layout = layout_of({"Harbour news", "", "TOKYO -", "", "The bridge reopened."});
  BOOST_TEST(layout.dateline == "TOKYO");
  BOOST_TEST(layout.paragraphs == (std::vector<std::string>{"The bridge reopened."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(boilerplate_is_dropped_anywhere_and_is_never_the_headline) {
  const auto layout = layout_of({"Advertisement", "", "Harbour news", "Share this article", "Coastal Wire",
                                 "", "The bridge", "Advertisement", "reopened.", "",
                                 "This website is best viewed using the latest versions of web browsers."});
  BOOST_TEST(layout.headline == "Harbour news");
  BOOST_TEST(layout.source == "Coastal Wire");  // boilerplate between does not end the header lines
  BOOST_TEST(layout.paragraphs == (std::vector<std::string>{"The bridge reopened."}),
             boost::test_tools::per_element());
  BOOST_TEST(applied_names(layout) == (std::vector<std::string>{"advertisement", "share-this", "agency-line",
                                                                "advertisement", "best-viewed-notice"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(headline_alone_gives_no_paragraphs) {
  const auto layout = layout_of({"Just a headline"});
  BOOST_TEST(layout.headline == "Just a headline");
  BOOST_TEST(layout.paragraphs.empty());
  BOOST_TEST(layout_of({}).headline.empty());
}

BOOST_AUTO_TEST_CASE(engine_runs_any_table_it_is_given) {
  // A table of one rule that drops lines reading "x": the engine knows nothing of the real rules.
  const TextRule only_x[] = {
      {"drop-x", RuleScope::AnyLine, RuleAction::DropLine,
       [](std::string_view line, std::string_view argument, const LineContext&) -> std::optional<RuleMatch> {
         if (line != argument) return std::nullopt;
         return RuleMatch{};
       },
       "x"},
  };
  const std::vector<std::string_view> lines = {"x", "Headline", "Kyodo, JIJI", "x", "TOKYO - body"};
  const auto layout = apply_text_rules(lines, only_x);
  BOOST_TEST(layout.headline == "Headline");
  BOOST_TEST(layout.source.empty());
  BOOST_TEST(layout.dateline.empty());
  BOOST_TEST(layout.paragraphs == (std::vector<std::string>{"Kyodo, JIJI TOKYO - body"}),
             boost::test_tools::per_element());
  BOOST_TEST(applied_names(layout) == (std::vector<std::string>{"drop-x", "drop-x"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
