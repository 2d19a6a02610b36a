#include "searcher/query/dates.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"
#include "common/schema.hpp"
#include "common/store/document_builder.hpp"

namespace {

using newsdig::query::DateError;
using newsdig::query::Day;
using newsdig::query::DayRange;

Day day(int y, unsigned m, unsigned d) {
  return Day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// A Saturday.
const Day kToday = day(2014, 11, 15);

std::string resolve(std::string_view text, Day today = kToday) {
  return newsdig::query::format_range(newsdig::query::parse_date_expression(text, today));
}

DayRange range(std::string_view text) {
  return newsdig::query::parse_date_expression(text, kToday);
}

// Articles dated on both sides of UTC midnight and of New Year, one far in the future, one without a
// date: what date: ranges must tell apart by the article's own calendar date.
struct DatedArchive {
  DatedArchive() : db(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    add("tokyo-morning", "2014-11-10T08:00:00+09:00");  // UTC 2014-11-09T23:00
    add("new-york-eve", "2013-12-31T23:30:00-05:00");   // UTC 2014-01-01T04:30
    add("date-only", "2014-09-21");
    add("old", "1987-02-26T15:01:01Z");
    add("paris-new-year", "2030-01-01T00:30:00+01:00");  // UTC 2029-12-31T23:30
    add("far-west", "2029-12-31T23:00:00-11:00");        // UTC 2030-01-01T10:00
    add("undated", "");
    db.commit();
  }

  void add(const std::string& id, const std::string& date) {
    newsdig::Article article;
    article.id = id;
    article.title = "Harbour news";
    article.date = date;
    ids.push_back(id);
    db.add_document(newsdig::store::build_document(article, analyzer, {}));
  }

  std::set<std::string> matching(const Xapian::Query& query) const {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::set<std::string> out;
    Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
    for (auto it = matches.begin(); it != matches.end(); ++it) out.insert(ids.at(*it - 1));
    return out;
  }

  newsdig::analysis::Analyzer analyzer;
  Xapian::WritableDatabase db;
  std::vector<std::string> ids;
};

const DatedArchive& dated() {
  static const DatedArchive instance;
  return instance;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(query_dates)

BOOST_AUTO_TEST_CASE(points_and_ranges_resolve_to_calendar_days) {
  struct Case {
    std::string_view text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"2014-09-21", "2014-09-21"},
      {"2014-09", "2014-09-01..2014-09-30"},
      {"2014-02", "2014-02-01..2014-02-28"},
      {"2012-02", "2012-02-01..2012-02-29"},
      {"2014", "2014-01-01..2014-12-31"},
      {"2014-09-01..2014-11-30", "2014-09-01..2014-11-30"},
      {"2014..2015-06", "2014-01-01..2015-06-30"},
      {"2014-09..", "2014-09-01.."},
      {"..2014", "..2014-12-31"},
      {"today", "2014-11-15"},
      {"TODAY", "2014-11-15"},
      {"yesterday", "2014-11-14"},
      {"yesterday..today", "2014-11-14..2014-11-15"},
      {"this-week", "2014-11-10..2014-11-16"},
      {"this-month", "2014-11-01..2014-11-30"},
      {"this-year", "2014-01-01..2014-12-31"},
      {"last-1-day", "2014-11-15"},
      {"last-30-days", "2014-10-17..2014-11-15"},
      {"last-2-weeks", "2014-11-02..2014-11-15"},
      {"last-1-month", "2014-10-16..2014-11-15"},
      {"last-3-months", "2014-08-16..2014-11-15"},
      {"last-1-year", "2013-11-16..2014-11-15"},
      {"last-100000-days", "1741-01-31..2014-11-15"},
      {"last-100000-years", "0001-01-01..2014-11-15"},
      {"0001..9999", "0001-01-01..9999-12-31"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("date: " << c.text) {
      BOOST_TEST(resolve(c.text) == c.expected);
    }
  }
  // A month back from the 31st ends in a shorter month.
  BOOST_TEST(resolve("last-1-month", day(2014, 3, 31)) == "2014-03-01..2014-03-31");
  BOOST_TEST(resolve("this-week", day(2014, 11, 10)) == "2014-11-10..2014-11-16");  // a Monday
  BOOST_TEST(resolve("this-week", day(2014, 11, 16)) == "2014-11-10..2014-11-16");  // a Sunday
}

BOOST_AUTO_TEST_CASE(bad_expressions_say_what_is_wrong) {
  const std::string expected =
      " (expected 2014-09-21, 2014-09, 2014, today, yesterday, this-week, this-month, this-year, "
      "last-N-days, "
      "last-N-weeks, last-N-months, last-N-years, or a range A..B, A.., ..B)";
  struct Case {
    std::string_view text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"2014-13", "bad date '2014-13': no such month"},
      {"2014-13..2015", "bad date '2014-13..2015': no such month"},
      {"2014-02-30", "bad date '2014-02-30': no such day"},
      {"0000", "bad date '0000': years run from 0001 to 9999"},
      {"2014-11..2014-09", "bad date '2014-11..2014-09': the range ends before it starts"},
      {"last-0-days", "bad date 'last-0-days': N must be from 1 to 100000"},
      {"last-1000000-days", "bad date 'last-1000000-days': N must be from 1 to 100000"},
      {"201", "bad date '201'" + expected},
      {"2014-9-1", "bad date '2014-9-1'" + expected},
      {"2014-09-011", "bad date '2014-09-011'" + expected},
      {"20140921", "bad date '20140921'" + expected},
      {"last-x-days", "bad date 'last-x-days'" + expected},
      {"last-3-fortnights", "bad date 'last-3-fortnights'" + expected},
      {"next-week", "bad date 'next-week'" + expected},
      {"..", "bad date '..'" + expected},
      {"", "bad date ''" + expected},
      {"2014...2015", "bad date '2014...2015'" + expected},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("date: " << c.text) {
      try {
        range(c.text);
        BOOST_ERROR("no DateError");
      } catch (const DateError& error) {
        BOOST_TEST(error.what() == c.message);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(publication_ranges_or_the_fewest_day_month_and_year_terms) {
  struct Case {
    std::string_view text;
    std::vector<std::string> terms;
    std::string slot;
  };
  const std::vector<Case> cases = {
      {"2014-09-21", {"D20140921"}, ""},
      {"2014-09", {"M201409"}, ""},
      {"2014", {"Y2014"}, ""},
      {"2014-09-29..2014-11-02", {"D20140929", "D20140930", "M201410", "D20141101", "D20141102"}, ""},
      {"2013-12..2015-01", {"M201312", "Y2014", "M201501"}, ""},
      {"2014-12-30..", {"D20141230", "D20141231", "Y2015"}, "PubDate >= 20151231"},
      {"..2014-01-02", {"Y2013", "D20140101", "D20140102"}, "PubDate <= 20130101235959"},
      {"1900..2020", {"Y1900", "Y2020"}, "PubDate 19001231..20200101235959"},
      {"9999..", {"Y9999"}, ""},
      {"..0001", {"Y0001"}, ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("date: " << c.text) {
      auto query = newsdig::query::publication_date_query(range(c.text));
      BOOST_TEST(query.terms == c.terms, boost::test_tools::per_element());
      BOOST_TEST(query.slot_condition == c.slot);
    }
  }
}

BOOST_AUTO_TEST_CASE(publication_ranges_match_by_the_articles_calendar_date_not_utc) {
  struct Case {
    std::string_view text;
    std::set<std::string> expected;
  };
  const std::set<std::string> all = {"tokyo-morning", "new-york-eve",   "date-only",
                                     "old",           "paris-new-year", "far-west"};
  const std::vector<Case> cases = {
      {"2014-11-10", {"tokyo-morning"}},
      {"2014-11-09", {}},
      {"2014-11-09..2014-11-10", {"tokyo-morning"}},
      {"2014-11-10..", {"tokyo-morning", "paris-new-year", "far-west"}},
      {"..2014-11-09", {"new-york-eve", "date-only", "old"}},
      {"2013", {"new-york-eve"}},
      {"2014..", {"tokyo-morning", "date-only", "paris-new-year", "far-west"}},
      {"..2013", {"new-york-eve", "old"}},
      {"2028..", {"paris-new-year", "far-west"}},  // 2030 through the slot, 2029 through its term
      {"2030..", {"paris-new-year"}},              // far-west is 2030 only in UTC
      {"..2029", {"new-york-eve", "date-only", "old", "tokyo-morning", "far-west"}},
      {"..1990", {"old"}},  // 1987 through the slot
      {"1900..2100", all},  // the middle years through the slot
      {"1900..2029", {"new-york-eve", "date-only", "old", "tokyo-morning", "far-west"}},
      {"1988..2013-12-30", {}},
      {"0001..9999", all},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("date: " << c.text) {
      auto query = newsdig::query::publication_date_query(range(c.text));
      BOOST_TEST(dated().matching(query.query) == c.expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(mention_ranges_expand_to_mention_terms_within_the_cap) {
  auto terms = [](std::string_view text, const Xapian::Database* database = nullptr, std::size_t cap = 1000) {
    return newsdig::query::mentions_query(range(text), database, cap).terms;
  };
  BOOST_TEST(terms("2014-09-21") == (std::vector<std::string>{"XMENT2014-09-21"}),
             boost::test_tools::per_element());
  BOOST_TEST(terms("2014-09") == (std::vector<std::string>{"XMENT2014-09"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      terms("2014-08-30..2015-02") ==
          (std::vector<std::string>{"XMENT2014-08-30", "XMENT2014-08-31", "XMENT2014-09", "XMENT2014-10",
                                    "XMENT2014-11", "XMENT2014-12", "XMENT2015-01", "XMENT2015-02"}),
      boost::test_tools::per_element());
  BOOST_TEST(terms("2010..2012").size() == 3U);
  BOOST_CHECK_THROW(terms("1000..2014"), DateError);
  BOOST_TEST(terms("1000..2014", nullptr, 2000).size() == 1015U);

  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (std::string_view value : {"1999-05-01", "2014-W38", "2031"}) {
    Xapian::Document document;
    for (const auto& v : newsdig::schema::mention_values(value)) {
      document.add_boolean_term(newsdig::schema::make_term(newsdig::schema::prefix::kMentions, v));
    }
    db.add_document(document);
  }
  BOOST_TEST(terms("..2020", &db) == (std::vector<std::string>{"XMENT1999", "XMENT2014"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      terms("2000-06..", &db) == (std::vector<std::string>{"XMENT2000-06", "XMENT2000-07", "XMENT2000-08",
                                                           "XMENT2000-09", "XMENT2000-10", "XMENT2000-11",
                                                           "XMENT2000-12", "XMENT2014", "XMENT2031"}),
      boost::test_tools::per_element());
  // No mention term in the range: a filter that matches nothing.
  auto none = newsdig::query::mentions_query(range("1500..1600"), &db, 1000);
  Xapian::Enquire enquire(db);
  enquire.set_query(none.query);
  BOOST_TEST(enquire.get_mset(0, 10).empty());
}

BOOST_AUTO_TEST_SUITE_END()
